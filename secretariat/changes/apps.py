from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "secretariat.changes"
    label = "changes"
    verbose_name = "Change register"

    def ready(self) -> None:
        # The meeting page (publishing, a lower layer) links each item to the records it
        # considered through this hook, without importing the register.
        from secretariat.changes.links import REFERENCE, public_changes, record_links
        from secretariat.meetings import links

        links.register("changes", record_links)
        # References written in an item's text link to the register's page.
        links.register_references("changes", REFERENCE, public_changes)
