from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from secretariat.directory.access import get_body_or_404
from secretariat.directory.selectors import current_members
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import may_publish, visible_meetings
from secretariat.meetings.models import Meeting


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
            # The body's officers plan its next meeting from here (a meeting not yet made is
            # asked about as the body's: only its officers may publish there).
            "may_plan": may_publish(request.reader, Meeting(body=body, date=request.reader.today)),
        },
    )
