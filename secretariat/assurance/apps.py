from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "secretariat.assurance"
    label = "assurance"

    def ready(self) -> None:
        from secretariat.assurance.access import register_fragments

        register_fragments()
        # The meeting page (publishing, a lower layer) links each SSC item to its record
        # through this hook, without importing the register.
        from secretariat.assurance.links import record_links
        from secretariat.meetings import links

        links.register("assurance", record_links)
