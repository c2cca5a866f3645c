from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "secretariat.operations"
    label = "operations"
    verbose_name = "Operations register"

    def ready(self) -> None:
        # As the change register does: announce the meeting links to publishing's hook.
        from secretariat.operations.access import meeting_links
        from secretariat.publishing.register_links import provide

        provide(meeting_links)
