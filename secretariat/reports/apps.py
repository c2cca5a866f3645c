from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "secretariat.reports"
    label = "reports"
