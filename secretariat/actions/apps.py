from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "secretariat.actions"
    label = "actions"
