"""Home: a dashboard for its reader. Every list is cut to a few rows and built in a fixed number
of queries, however many records lie behind it (a test pins the budget)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from secretariat.actions.access import visible_actions
from secretariat.actions.models import Action
from secretariat.assurance import planner
from secretariat.assurance.selectors import visible_assessments
from secretariat.core import clock
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import visible_meetings
from secretariat.meetings.models import Meeting
from secretariat.publishing.models import PublicationVersion
from secretariat.publishing.selectors import public_records
from secretariat.workspace.office_selectors import office_dashboard
from secretariat.workspace.selectors import officer_body_ids

ROWS = 8


def _officer(reader, today) -> dict:
    bodies = officer_body_ids(reader)
    meetings = visible_meetings(reader, Meeting.objects.select_related("body")).filter(
        body_id__in=bodies
    )
    has_minutes = PublicationVersion.objects.filter(meeting=OuterRef("pk"), kind="minutes")
    to_prepare = meetings.filter(status=Meeting.Status.PLANNED, date__gte=today).annotate(
        item_count=Count("items", filter=Q(items__parent__isnull=True))
    )
    to_draft = (
        meetings.filter(date__lt=today)
        .exclude(status=Meeting.Status.CLOSED)
        .annotate(drafted=Exists(has_minutes))
        .filter(drafted=False)
    )
    to_publish = PublicationVersion.objects.filter(
        meeting__in=meetings, status=PublicationVersion.Status.APPROVED
    ).select_related("meeting")
    overdue = visible_actions(
        reader,
        Action.objects.filter(
            meeting__body_id__in=bodies, status__in=Action.OUTSTANDING, due_date__lt=today
        ).select_related("owner", "meeting"),
    )
    due = [row for row in planner.due_and_overdue(today) if reader.admits(row.label, row.scope)]
    return {
        "to_prepare": list(to_prepare.order_by("date")[:ROWS]),
        "to_draft": list(to_draft.order_by("-date")[:ROWS]),
        "to_draft_count": to_draft.count(),
        "to_publish": list(to_publish.order_by("meeting__date")[:ROWS]),
        "overdue": list(overdue.order_by("due_date")[:ROWS]),
        "overdue_count": overdue.count(),
        "assessments_due": due[:ROWS],
        "assessments_due_count": len(due),
    }


def _member(reader, today) -> dict:
    body_ids = {term.body_id for term in reader.terms if term.covers(today)}
    upcoming = (
        visible_meetings(reader, Meeting.objects.select_related("body"))
        .filter(body_id__in=body_ids, date__gte=today)
        .order_by("date")[:ROWS]
    )
    mine = visible_actions(
        reader,
        Action.objects.filter(
            owner_id=reader.person_id, status__in=Action.OUTSTANDING
        ).select_related("meeting"),
    ).order_by("due_date", "reference")
    # Drafts out for comment to the bodies the reader sits on (workspace/life.py): the meetings
    # come through the door.
    from secretariat.workspace.models import Circulation

    to_comment = (
        Circulation.objects.filter(
            meeting__in=visible_meetings(reader).filter(body_id__in=body_ids),
            deadline__gte=today,
        )
        .exclude(meeting__publication_versions__status="approved")
        .select_related("meeting__body")
        .order_by("deadline")
    )
    return {
        "upcoming": list(upcoming),
        "my_actions": list(mine[:ROWS]),
        "to_comment": list(to_comment[:ROWS]),
    }


def _party(reader, today) -> dict:
    assessments = visible_assessments(reader).filter(organisation_id=reader.organisation_id)
    return {
        "my_assessments": list(assessments.order_by("-pk")[:ROWS]),
    }


@require_GET
def home(request: ReaderRequest) -> HttpResponse:
    reader = request.reader
    today = clock.today()
    context: dict = {"today": today}
    if officer_body_ids(reader):
        context["officer"] = _officer(reader, today)
    if reader.terms:
        context["member"] = _member(reader, today)
    if reader.organisation_id is not None and not reader.is_secretariat:
        context["party"] = _party(reader, today)
    context["office"] = office_dashboard(reader, today, request.user)
    context["latest"] = list(
        public_records().defer("snapshot").order_by("-published_at", "-id")[:ROWS]
    )
    return render(request, "workspace/home.html", context)
