from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "secretariat.publishing"
    label = "publishing"

    def ready(self) -> None:
        from secretariat.publishing.access import register_fragments

        register_fragments()
