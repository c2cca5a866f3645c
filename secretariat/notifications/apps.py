from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "secretariat.notifications"
    label = "notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from secretariat.notifications import events, subscriptions

        subscriptions.register_fragments()
        events.connect()
