from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "secretariat.meetings"
    label = "meetings"

    def ready(self) -> None:
        from secretariat.meetings.access import register_fragments

        register_fragments()
