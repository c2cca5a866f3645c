from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "secretariat.reports"
    label = "reports"

    def ready(self) -> None:
        # The report's two documents register as document kinds of their Panel meeting.
        from secretariat.reports import documents  # noqa: F401
