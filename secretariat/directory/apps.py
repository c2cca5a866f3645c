from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "secretariat.directory"
    label = "directory"
