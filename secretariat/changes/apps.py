from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "secretariat.changes"
    label = "changes"
    verbose_name = "Change register"

    def ready(self) -> None:
        # The meeting page (publishing, a lower layer) links each item to the records it
        # considered through this hook, without importing the register.
        from secretariat.changes.links import record_links
        from secretariat.meetings import links

        links.register("changes", record_links)
