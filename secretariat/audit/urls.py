from django.urls import path

from secretariat.audit import views

app_name = "audit"
urlpatterns = [path("break-glass/", views.break_glass, name="break-glass")]
