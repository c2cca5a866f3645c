from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "secretariat.assurance"
    label = "assurance"

    def ready(self) -> None:
        from secretariat.assurance.access import register_fragments

        register_fragments()
