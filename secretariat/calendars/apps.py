from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "secretariat.calendars"
    label = "calendars"
    verbose_name = "Calendars"
