from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from secretariat.directory.models import Body
from secretariat.directory.selectors import current_members
from secretariat.labels.access import get_body_or_404, visible_meetings
from secretariat.labels.middleware import ReaderRequest


@require_GET
def home(request: ReaderRequest) -> HttpResponse:
    return render(
        request, "directory/home.html", {"bodies": Body.objects.filter(parent__isnull=True)}
    )


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


@require_GET
def body_detail(request: ReaderRequest, code: str) -> HttpResponse:
    body = get_body_or_404(code)
    meetings = visible_meetings(request.reader).filter(body=body)
    years = list(meetings.values_list("date__year", flat=True).distinct().order_by("-date__year"))
    year = request.GET.get("year")
    selected = (
        int(year)
        if year and year.isdigit() and int(year) in years
        else (years[0] if years else None)
    )
    shown = list(meetings.filter(date__year=selected).order_by("-date")) if selected else []
    template = (
        "directory/body.html#meetings"
        if request.headers.get("HX-Request")
        else "directory/body.html"
    )
    return render(
        request,
        template,
        {
            "body": body,
            "sub_bodies": list(body.children.all()),
            "members": current_members(body),
            "years": years,
            "year": selected,
            "meetings": shown,
        },
    )
