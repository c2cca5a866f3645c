from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "secretariat.core"
    label = "core"
