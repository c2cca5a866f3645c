from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "secretariat.changes"
    label = "changes"
    verbose_name = "Change register"

    def ready(self) -> None:
        # The meeting page shows an item's register records through publishing's hook, which
        # cannot import this app: the register announces itself instead.
        from secretariat.changes.access import meeting_links
        from secretariat.publishing.register_links import provide

        provide(meeting_links)
