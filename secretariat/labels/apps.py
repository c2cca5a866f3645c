from django.apps import AppConfig


class LabelsConfig(AppConfig):
    name = "secretariat.labels"
    label = "labels"
