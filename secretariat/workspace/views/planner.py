"""Planning a meeting from its body's page: the next number, the cadence's date, the last
meeting's times and place, the body's standing items and the actions it carries."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from secretariat.core.services import ServiceError
from secretariat.directory.models import Body
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import visible_meetings
from secretariat.meetings.models import Meeting
from secretariat.workspace.access import officer_body_or_404, require_officer
from secretariat.workspace.selectors import (
    officer_body_ids,
    outstanding_actions,
    plan_defaults,
    standing_items,
)
from secretariat.workspace.services import meeting_plan
from secretariat.workspace.views.common import (
    errors_of,
    page,
    parse_date,
    parse_int,
    parse_time,
    see_other,
)


@require_GET
def index(request: ReaderRequest) -> HttpResponse:
    """The officer's meetings: what is planned and recently held, body by body."""
    reader = request.reader
    require_officer(reader)
    bodies = list(Body.objects.filter(pk__in=officer_body_ids(reader)).order_by("position"))
    meetings = (
        visible_meetings(reader, Meeting.objects.select_related("body"))
        .filter(body__in=bodies)
        .exclude(status=Meeting.Status.CLOSED)
        .annotate(item_count=Count("items", filter=Q(items__parent__isnull=True)))
        .order_by("-date")
    )
    by_body: dict[int, list[Meeting]] = {body.pk: [] for body in bodies}
    for meeting in meetings[:200]:
        if len(by_body[meeting.body_id]) < 5:
            by_body[meeting.body_id].append(meeting)
    return page(
        request,
        "workspace/index.html",
        {"rows": [(body, by_body[body.pk]) for body in bodies]},
    )


@require_GET
def reports(request: ReaderRequest) -> HttpResponse:
    """The months with a Panel meeting, newest first: each has its Panel report."""
    reader = request.reader
    require_officer(reader)
    months = (
        visible_meetings(reader)
        .filter(body__code="PANEL")
        .values_list("date", flat=True)
        .order_by("-date")
    )
    seen = []
    for day in months[:60]:
        month = day.strftime("%Y-%m")
        if month not in seen:
            seen.append(month)
    return page(request, "workspace/reports.html", {"months": seen})


@require_http_methods(["GET", "POST"])
def plan(request: ReaderRequest, code: str) -> HttpResponse:
    reader = request.reader
    body = officer_body_or_404(reader, code)
    defaults = plan_defaults(body)
    template = standing_items(body)
    errors: dict[str, list[str]] = {}
    values = {
        "number": str(defaults.number),
        "date": defaults.date.isoformat(),
        "start_time": defaults.start_time.strftime("%H:%M") if defaults.start_time else "",
        "end_time": defaults.end_time.strftime("%H:%M") if defaults.end_time else "",
        "location": defaults.location,
    }
    chosen = {row.pk for row in template}
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in values}
        chosen = {int(pk) for pk in request.POST.getlist("standing") if pk.isdigit()}
        try:
            meeting = meeting_plan(
                actor=request.user,
                body=body,
                number=parse_int(values["number"], "number"),
                date=parse_date(values["date"], "date") or defaults.date,
                start_time=parse_time(values["start_time"], "start_time"),
                end_time=parse_time(values["end_time"], "end_time"),
                location=values["location"],
                standing=[row for row in template if row.pk in chosen],
            )
        except ServiceError as error:
            errors = errors_of(error)
        else:
            return see_other(reverse("workspace:agenda", args=[meeting.reference]))
    return page(
        request,
        "workspace/plan.html",
        {
            "body": body,
            "defaults": defaults,
            "values": values,
            "template": template,
            "chosen": chosen,
            "actions": outstanding_actions(reader, body),
            "errors": errors,
        },
        status=400 if errors else 200,
    )
