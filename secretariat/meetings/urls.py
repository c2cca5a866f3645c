from django.urls import path

from secretariat.meetings import views

app_name = "meetings"
urlpatterns = [
    path("<str:reference>/", views.meeting_detail, name="meeting"),
]
