from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "secretariat.workspace"
    label = "workspace"

    def ready(self) -> None:
        from secretariat.workspace import deliveries, follow_up, papers

        follow_up.register_fragments()
        papers.register_fragments()
        deliveries.register(papers.downloads)
