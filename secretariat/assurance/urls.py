from django.urls import path

from secretariat.assurance import views

app_name = "assurance"
urlpatterns = [
    path("assurance/", views.register, name="register"),
    path("assurance/due/", views.due, name="due"),
    path("assurance/meetings/<str:reference>/", views.meeting_items, name="meeting"),
    path("assurance/assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assurance/letters/<int:pk>/", views.letter_detail, name="letter"),
    path("assurance/notifications/<int:pk>/", views.notification_detail, name="notification"),
]
