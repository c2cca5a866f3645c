"""Members follow up: "my actions", where the owner reports each action's status with a note;
the officers' queue of those reports to confirm or decline; the bodies a person follows.

Every list is read through the door and built in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from secretariat.actions.access import visible_actions
from secretariat.actions.models import Action
from secretariat.core.services import ServiceError, StaleVersion
from secretariat.directory.models import Body, Person
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import may_publish
from secretariat.workspace.access import require_officer
from secretariat.workspace.follow_up import action_report_decide, action_report_make, body_follow
from secretariat.workspace.office_models import ActionReport, BodyFollow
from secretariat.workspace.selectors import officer_body_ids
from secretariat.workspace.views.common import LABEL_CHOICES, errors_of, page, see_other

# A page shows this many rows; the rest are counted.
ROWS = 100


def _person_or_404(reader) -> Person:
    """The signed-in person of the directory: my actions and follows are a person's own."""
    if reader.person_id is None:
        raise Http404("No such page.")
    return Person.objects.get(pk=reader.person_id)


def _my_actions(reader):
    pending = Prefetch(
        "owner_reports",
        queryset=ActionReport.objects.filter(state=ActionReport.State.PENDING),
        to_attr="pending_reports",
    )
    return (
        visible_actions(reader, Action.objects.filter(owner_id=reader.person_id))
        .select_related("meeting__body", "item")
        .prefetch_related(pending)
        .order_by("status", "due_date", "reference")
    )


def _my_actions_page(request, *, errors=None, failed: int | None = None, status=200):
    reader = request.reader
    actions = _my_actions(reader)
    rows = list(actions[:ROWS])
    recent = list(
        ActionReport.objects.filter(action__in=[a.pk for a in rows])
        .exclude(state=ActionReport.State.PENDING)
        .select_related("action", "decided_by")
        .order_by("-decided_at")[:10]
    )
    return page(
        request,
        "workspace/office/my_actions.html",
        {
            "open": [a for a in rows if a.status in Action.OUTSTANDING],
            "done": [a for a in rows if a.status not in Action.OUTSTANDING],
            "total": actions.count(),
            "shown": len(rows),
            "recent": recent,
            "statuses": Action.Status.choices,
            "label_choices": LABEL_CHOICES,
            "errors": errors or {},
            "failed": failed,
            "values": request.POST if failed else {},
        },
        status=status,
    )


@require_GET
def my_actions(request: ReaderRequest) -> HttpResponse:
    _person_or_404(request.reader)
    return _my_actions_page(request)


@require_POST
def my_action_report(request: ReaderRequest, action: int) -> HttpResponse:
    reader = request.reader
    _person_or_404(reader)
    found = _my_actions(reader).filter(pk=action).first()
    if found is None:
        raise Http404("No such action.")
    try:
        action_report_make(
            actor=request.user,
            action=found,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
            label=request.POST.get("label") or None,
        )
    except ServiceError as error:
        return _my_actions_page(request, errors=errors_of(error), failed=found.pk, status=400)
    return see_other(reverse("workspace:my-actions") + "#reported")


def _pending_for(reader):
    """The reports waiting on an officer of the reader's bodies, through the door."""
    return (
        ActionReport.objects.filter(
            state=ActionReport.State.PENDING,
            action__meeting__body_id__in=officer_body_ids(reader),
        )
        .filter(
            reader.q(
                body="action__meeting__body_id",
                meeting="action__meeting_id",
                date="action__meeting__date",
                people="action__owner_id",
            )
        )
        .select_related("action__meeting__body", "action__owner", "author")
        .order_by("made_at", "pk")
    )


def _reports_page(request, *, errors=None, failed=None, status=200):
    reports = _pending_for(request.reader)
    return page(
        request,
        "workspace/office/action_reports.html",
        {
            "reports": list(reports[:ROWS]),
            "total": reports.count(),
            "errors": errors or {},
            "failed": failed,
        },
        status=status,
    )


@require_GET
def action_reports(request: ReaderRequest) -> HttpResponse:
    require_officer(request.reader)
    return _reports_page(request)


@require_POST
def action_report(request: ReaderRequest, pk: int) -> HttpResponse:
    reader = request.reader
    require_officer(reader)
    report = _pending_for(reader).filter(pk=pk).first()
    if report is None or not may_publish(reader, report.action.meeting):
        raise Http404("No such report.")
    try:
        action_report_decide(
            actor=request.user,
            report=report,
            accept=request.POST.get("decision") == "confirm",
            version=request.POST.get("version"),
            note=request.POST.get("decision_note", ""),
        )
    except StaleVersion as error:
        return _reports_page(request, errors=errors_of(error), failed=report.pk, status=409)
    except ServiceError as error:
        return _reports_page(request, errors=errors_of(error), failed=report.pk, status=400)
    return see_other(reverse("workspace:action-reports"))


@require_http_methods(["GET", "POST"])
def following(request: ReaderRequest) -> HttpResponse:
    reader = request.reader
    person = _person_or_404(reader)
    errors: dict = {}
    status = 200
    if request.method == "POST":
        body = Body.objects.filter(code=request.POST.get("body", "")).first()
        try:
            if body is None:
                raise ServiceError({"body": "Choose a body of the SEC to follow."})
            body_follow(
                actor=request.user,
                person=person,
                body=body,
                follow=request.POST.get("follow") == "1",
            )
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            return see_other(reverse("workspace:following"))
    followed = set(BodyFollow.objects.filter(person=person).values_list("body_id", flat=True))
    bodies = list(Body.objects.order_by("position"))
    return page(
        request,
        "workspace/office/following.html",
        {"rows": [(body, body.pk in followed) for body in bodies], "errors": errors},
        status=status,
    )
