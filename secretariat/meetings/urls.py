from django.urls import path

from secretariat.meetings import views

# A body's page lists its meetings, so it lives here; it keeps its name in the `directory`
# namespace (see secretariat/urls.py).
body_patterns = [
    path("<str:code>/", views.body_detail, name="body"),
]
