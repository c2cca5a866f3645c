from django.urls import path, register_converter

from secretariat.publishing import relabel_views, views
from secretariat.publishing.feeds import BodyFeed, KindFeed, PublicationsFeed


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
    path("publications/<slug:kind>/feed.atom", KindFeed(), name="kind-feed"),
]
# A body's feed keeps its place under the body's address, in the `directory` namespace.
body_patterns = [path("<str:code>/feed.atom", BodyFeed(), name="feed")]
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

# Withdrawing a version of any kind of the meeting's documents (the Panel report's included):
# a POST from the document's page; the view asks the registry for the kind.
urlpatterns += [
    path(
        "meetings/<str:reference>/<slug:kind>/withdraw",
        views.withdraw,
        name="withdraw",
    ),
    path(
        "meetings/<str:reference>/items/<int:number>/label",
        relabel_views.item_label,
        name="item-label",
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
