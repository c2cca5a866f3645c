from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from secretariat.api import api
from secretariat.directory import accounts
from secretariat.directory import urls as directory_urls
from secretariat.meetings import urls as meetings_urls
from secretariat.publishing import urls as publishing_urls
from secretariat.workspace.views.dashboard import home

urlpatterns = [
    path("", home, name="home"),
    path("sign-in/", accounts.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    # A body's page lists its meetings and a meeting's page its documents, so each lives in the
    # layer that knows both; their names stay where readers look for them.
    # Calendars first: `meetings/<reference>.ics` must not be read as a meeting's address.
    path("", include("secretariat.calendars.urls")),
    path(
        "bodies/",
        include(
            (
                [
                    *directory_urls.urlpatterns,
                    *meetings_urls.body_patterns,
                    *publishing_urls.body_patterns,
                ],
                "directory",
            )
        ),
    ),
    path("meetings/", include((publishing_urls.meeting_patterns, "meetings"))),
    path("", include("secretariat.publishing.urls")),
    path("", include("secretariat.assurance.urls")),
    path("", include("secretariat.changes.urls")),
    path("", include("secretariat.operations.urls")),
    path("", include("secretariat.reports.urls")),
    path("accounts/", include((accounts.urlpatterns, "accounts"))),
    path("", include("secretariat.workspace.urls")),
    path("", include("secretariat.search.urls")),
    path("", include("secretariat.notifications.urls")),
    path("api/", api.urls),
    path("", include("secretariat.audit.urls")),
    path("back-office/", admin.site.urls),
]
