from django.urls import path, register_converter

from secretariat.publishing import views
from secretariat.publishing.feeds import PublicationsFeed


class FileFormat:
    regex = "md|pdf|docx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class MeetingKind:
    """A registered document kind built from a meeting's record; anything else does not match."""

    regex = "[a-z][a-z0-9-]*"

    def to_python(self, value: str) -> str:
        from secretariat.publishing.builders import kind_named

        kind_named(value)  # a ValueError: no such kind, so the address does not match
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileFormat, "fileformat")
register_converter(MeetingKind, "meetingkind")

app_name = "publishing"
urlpatterns = [
    path("publications/", views.portal, name="portal"),
    path("publications/feed.atom", PublicationsFeed(), name="feed"),
]
# The meeting page keeps its name in the `meetings` namespace (see secretariat/urls.py).
meeting_patterns = [path("<str:reference>/", views.meeting_detail, name="meeting")]

for kind in ("headlines", "minutes", "confidential-minutes"):
    urlpatterns += [
        path(
            f"meetings/<str:reference>/{kind}",
            views.document_page,
            {"kind": kind},
            name=kind,
        ),
        path(
            f"meetings/<str:reference>/{kind}.<fileformat:fmt>",
            views.document_file,
            {"kind": kind},
            name=f"{kind}-file",
        ),
    ]

# Every later meeting kind, from the registry: its slug is its address.
urlpatterns += [
    path("meetings/<str:reference>/<meetingkind:kind>", views.document_page, name="document"),
    path(
        "meetings/<str:reference>/<meetingkind:kind>.<fileformat:fmt>",
        views.document_file,
        name="document-file",
    ),
]
