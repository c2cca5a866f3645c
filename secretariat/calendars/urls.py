from django.urls import path

from secretariat.calendars import views

app_name = "calendars"
urlpatterns = [
    path("bodies/<str:code>/meetings.ics", views.body_calendar, name="body"),
    path("meetings/<str:reference>.ics", views.meeting_calendar, name="meeting"),
    path("calendar/", views.feeds, name="feeds"),
    path("calendar/<int:pk>/revoke", views.revoke, name="revoke"),
    path("calendar/<str:token>.ics", views.personal_calendar, name="personal"),
]
