from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "secretariat.directory"
    label = "directory"

    def ready(self) -> None:
        from secretariat.directory.access import register_fragments

        register_fragments()
