"""The site's navigation for its reader: each persona sees the places that are theirs."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from secretariat.workspace.selectors import officer_body_ids


def _links(request) -> list[tuple[str, str]]:
    reader = getattr(request, "reader", None)
    links = []
    officer = reader is not None and bool(officer_body_ids(reader))
    if officer:
        links.append(("Workspace", reverse("workspace:index")))
    links.append(("Bodies", reverse("directory:bodies")))
    if officer or (reader is not None and reader.organisation_id is not None):
        links.append(("Register", reverse("assurance:register")))
    if officer:
        links.append(("Reports", reverse("workspace:reports")))
        links.append(("Settings", reverse("workspace:settings")))
    if reader is not None and reader.person_id is not None:
        links.append(("My actions", reverse("workspace:my-actions")))
    links.append(("Publications", reverse("publishing:portal")))
    # By name only: search sits above the workspace and reads every app through their doors.
    links.append(("Search", reverse("search:search")))
    path = request.path
    return [(name, url, path.startswith(url)) for name, url in links]  # type: ignore[misc]


def navigation(request) -> dict:
    # Lazy: a page that never renders the header (a file, a feed) builds no reader for it.
    return {"navigation": SimpleLazyObject(lambda: _links(request))}
