"""The site's own addresses plus the request floor: a view that reads a page's rows with plain
SQL behind the same middleware, session, user and reader as every page, and renders nothing but
a count. The bench serves it in its measuring process only."""

from __future__ import annotations

import floor
from django.db import connection
from django.http import HttpResponse
from django.urls import path

from secretariat.urls import urlpatterns as site


def request_floor(request, name: str, key: str) -> HttpResponse:
    reader = request.reader
    # What every page pays for its reader: the memberships and attendance the door needs.
    bool(reader.is_secretariat or reader.terms or reader.attended_meeting_ids)
    rows = floor.FLOORS[name](floor.connect(connection), key)
    response = HttpResponse(f"{rows} rows", content_type="text/plain")
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [*site, path("__floor__/<str:name>/<str:key>", request_floor)]
