from django.urls import path

from secretariat.notifications import views

app_name = "notifications"
urlpatterns = [
    path("my/notifications/", views.settings_page, name="settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("workspace/meetings/<str:reference>/papers/announce/", views.announce, name="announce"),
]
