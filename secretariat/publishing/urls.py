from django.urls import path, register_converter

from secretariat.publishing import views
from secretariat.publishing.feeds import PublicationsFeed


class FileFormat:
    regex = "md|pdf|docx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileFormat, "fileformat")

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
