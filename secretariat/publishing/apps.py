from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "secretariat.publishing"
    label = "publishing"
