from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "secretariat.workspace"
    label = "workspace"
