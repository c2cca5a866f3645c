from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "secretariat.directory"
    label = "directory"

    def ready(self) -> None:
        # Sign-ins, failures and lockouts reach the audit log through these signal receivers.
        from secretariat.directory import signin  # noqa: F401
        from secretariat.directory.access import register_fragments

        register_fragments()
