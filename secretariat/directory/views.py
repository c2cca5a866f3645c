from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from secretariat.directory.models import Body
from secretariat.labels.requests import ReaderRequest


@require_GET
def bodies(request: ReaderRequest) -> HttpResponse:
    rows = list(Body.objects.select_related("parent").order_by("position", "code"))
    children: dict[int | None, list[Body]] = {}
    for body in rows:
        children.setdefault(body.parent_id, []).append(body)

    def walk(parent_id, depth):
        for body in children.get(parent_id, []):
            yield body, depth
            yield from walk(body.pk, depth + 1)

    return render(request, "directory/bodies.html", {"tree": list(walk(None, 0))})
