from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "secretariat.assurance"
    label = "assurance"
