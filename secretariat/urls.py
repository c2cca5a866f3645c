from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from secretariat.api import api
from secretariat.directory.views import home

urlpatterns = [
    path("", home, name="home"),
    path("sign-in/", auth_views.LoginView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("bodies/", include("secretariat.directory.urls")),
    path("meetings/", include("secretariat.meetings.urls")),
    path("", include("secretariat.publishing.urls")),
    path("", include("secretariat.assurance.urls")),
    path("", include("secretariat.reports.urls")),
    path("api/", api.urls),
    path("back-office/", admin.site.urls),
]
