from django.urls import path

from secretariat.changes import views

app_name = "changes"
urlpatterns = [
    path("changes/", views.register, name="register"),
    path("changes/new/", views.change_new, name="new"),
    path("changes/vocabulary/", views.vocabulary_new, name="vocabulary"),
    path("changes/releases/new/", views.release_new, name="release-new"),
    path("changes/releases/<slug:name>/", views.release_detail, name="release"),
    path("changes/<str:reference>/", views.detail, name="detail"),
    path("changes/<str:reference>/edit/", views.change_edit, name="edit"),
    path("changes/<str:reference>/stage/", views.stage_new, name="stage"),
    path("changes/<str:reference>/convert/", views.convert, name="convert"),
    path("changes/<str:reference>/decision/", views.decide, name="decide"),
    path("changes/<str:reference>/votes/", views.vote_new, name="vote"),
    path("changes/<str:reference>/input/", views.input_new, name="input"),
    path("changes/<str:reference>/input/<int:pk>/", views.input_give, name="input-give"),
    path("changes/<str:reference>/link/", views.link_new, name="link"),
]
