from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "secretariat.operations"
    label = "operations"
    verbose_name = "Operations register"

    def ready(self) -> None:
        # The meeting page (publishing, a lower layer) links each item to the records it
        # considered through this hook, without importing the register.
        from secretariat.meetings import links
        from secretariat.operations.links import record_links

        links.register("operations", record_links)
