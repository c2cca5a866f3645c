from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "secretariat.core"
    label = "core"

    def ready(self) -> None:
        from secretariat.core import generation

        # Sent for each app after every migrate (and flush); once, for this app, is enough:
        # by then every app's tables exist.
        post_migrate.connect(
            generation.after_migrate, sender=self, dispatch_uid="secretariat.core.generation"
        )
