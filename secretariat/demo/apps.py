from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "secretariat.demo"
    label = "demo"
