from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "secretariat.imports"
    label = "imports"
    verbose_name = "Imports of legacy documents"
