from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "secretariat.publishing"
    label = "publishing"

    def ready(self) -> None:
        # A meeting's documents register their kinds as the app starts, before any request,
        # command or ledger check asks the registry.
        from secretariat.publishing import builders  # noqa: F401
        from secretariat.publishing.access import register_fragments

        register_fragments()
