from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "secretariat.actions"
    label = "actions"

    def ready(self) -> None:
        from secretariat.actions.access import register_fragments

        register_fragments()
