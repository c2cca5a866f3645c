from django.urls import path

from secretariat.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.bodies, name="bodies"),
]
