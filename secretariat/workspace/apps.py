from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "secretariat.workspace"
    label = "workspace"

    def ready(self) -> None:
        from secretariat.workspace.follow_up import register_fragments

        register_fragments()
