"""The minutes' life and publishing, on one page per meeting for its officers: where the minutes
are and the next step (mark held, draft, circulate for comment, publish once approved), the
members' comments, and the Meeting Headlines' side-by-side preview (what the public will read
beside the full record) with the pre-publication check's findings before the publish button.

The draft page is the members' own: while the minutes are out for comment, the body's members
read the draft as they may read it (through the door) and comment on it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from secretariat.actions.access import action_scope
from secretariat.actions.models import Action
from secretariat.core import clock
from secretariat.core.services import ServiceError
from secretariat.documents.labelled import project
from secretariat.documents.renderers.html import render_body
from secretariat.labels.models import Label
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import (
    get_meeting_or_404,
    item_scope,
    visible_items,
    visible_meetings,
)
from secretariat.meetings.models import AgendaItem, Meeting, Outcome
from secretariat.meetings.services import meeting_update
from secretariat.publishing import screening
from secretariat.publishing.builders import prepare
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.publishing.record import meeting_record
from secretariat.workspace import life
from secretariat.workspace.access import officer_meeting_or_404
from secretariat.workspace.views.common import LABEL_CHOICES, errors_of, page, parse_date, see_other


def _override(request) -> screening.Override | None:
    reason = request.POST.get("override_reason", "").strip()
    if not reason and not request.POST.get("override"):
        return None
    return screening.Override(reason, Label.parse(request.POST.get("override_label", "2")))


def _context(request, meeting: Meeting, **extra) -> dict:
    reader = request.reader
    stage = life.stage_of(meeting)
    headlines = prepare("headlines", meeting)
    record = project(meeting_record(meeting), reader, audience="reader")
    published = list(
        PublicationRecord.objects.filter(meeting=meeting)
        .defer("snapshot")
        .order_by("kind", "number")
    )
    return {
        "meeting": meeting,
        "stage": stage,
        "steps": life.STEPS,
        "step_names": [name for name, _title in life.STEPS],
        "versions": list(
            PublicationVersion.objects.filter(meeting=meeting).order_by("kind", "number")
        ),
        "published": published,
        "headlines_published": any(row.kind == "headlines" for row in published),
        "headlines_label": headlines.label,
        "preview": render_body(headlines, level=3),
        "record": render_body(record, level=3),
        "findings": screening.screen_meeting(headlines, meeting),
        "comments": life.comments_for(reader, meeting),
        "later": visible_meetings(reader, Meeting.objects.filter(body_id=meeting.body_id))
        .filter(date__gt=meeting.date)
        .order_by("date")
        .first(),
        # Members have two weeks to comment unless the officer says otherwise.
        "deadline_default": clock.today() + dt.timedelta(days=life.COMMENT_DAYS),
        "label_choices": LABEL_CHOICES,
        "errors": {},
        "matches": [],
        **extra,
    }


def _held(request, meeting: Meeting) -> None:
    meeting_update(
        actor=request.user,
        meeting=meeting,
        version=request.POST.get("version"),
        status=Meeting.Status.HELD,
    )


def _held_and_drafted(request, meeting: Meeting) -> None:
    # After the meeting, the officer usually marks it held only to start its minutes: one step.
    _held(request, meeting)
    life.minutes_draft(actor=request.user, meeting=meeting)


STEPS = {
    "held": _held,
    "held-draft": _held_and_drafted,
    "draft": lambda request, meeting: life.minutes_draft(actor=request.user, meeting=meeting),
    "circulate": lambda request, meeting: life.minutes_circulate(
        actor=request.user,
        meeting=meeting,
        deadline=parse_date(request.POST.get("deadline", ""), "deadline"),
    ),
    "publish-minutes": lambda request, meeting: life.minutes_publish(
        actor=request.user, meeting=meeting, override=_override(request)
    ),
    "publish-headlines": lambda request, meeting: life.headlines_publish(
        actor=request.user,
        meeting=meeting,
        reason=request.POST.get("reason", ""),
        override=_override(request),
    ),
}


@require_http_methods(["GET", "POST"])
def publish(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    template = "workspace/minutes/publish.html"
    if request.method == "GET":
        return page(request, template, _context(request, meeting))
    step = request.POST.get("step", "")
    if step not in STEPS:
        errors = {"step": [f"Choose a step: {', '.join(STEPS)}."]}
        return page(request, template, _context(request, meeting, errors=errors), status=400)
    try:
        STEPS[step](request, meeting)
    except screening.ScreeningRefused as refused:
        context = _context(
            request, meeting, errors=errors_of(refused), matches=refused.matches, refused=step
        )
        return page(request, template, context, status=400)
    except ServiceError as error:
        status = 409 if "version" in errors_of(error) else 400
        return page(
            request, template, _context(request, meeting, errors=errors_of(error)), status=status
        )
    return see_other(reverse("workspace:publish", args=[meeting.reference]))


# -- the members' draft ---------------------------------------------------------------------------


def _draft_meeting_or_404(request, reference: str) -> tuple[Meeting, life.Stage]:
    """The draft is for the body's members and officers while it is out for comment; everyone
    else, and everyone before or after, gets the 404 of a page that is not there."""
    meeting = get_meeting_or_404(request.reader, reference)
    stage = life.stage_of(meeting)
    if stage.name != "circulated" or not life.may_comment(request.reader, meeting):
        raise Http404("No such page.")
    return meeting, stage


def _commentable(reader, meeting: Meeting) -> list[AgendaItem]:
    """The items the reader may comment on (those whose every fragment they may read), each
    with the outcomes and actions under it they may read (`choices`)."""
    items = (
        visible_items(reader, AgendaItem.objects.filter(meeting=meeting))
        .prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.select_related("verb")),
            Prefetch("actions", queryset=Action.objects.select_related("meeting")),
        )
        .order_by("parent_id", "number")
    )
    found = []
    for item in items:
        item.meeting = meeting
        if item.parent_id is not None or not reader.admits(
            life.comment_label(meeting, item), item_scope(item, meeting)
        ):
            continue
        item.choices = [
            (f"outcome:{outcome.pk}", f"{outcome.verb.word} {outcome.text}")
            for outcome in item.outcomes.all()
            if reader.admits(life.comment_label(meeting, item, outcome), item_scope(item, meeting))
        ] + [
            (f"action:{action.pk}", f"action {action.reference}: {action.text}")
            for action in item.actions.all()
            if reader.admits(life.comment_label(meeting, item, None, action), action_scope(action))
        ]
        found.append(item)
    return found


def _target(items: list, chosen: str) -> dict:
    """What the chosen option names: an item (its id), or "outcome:7" / "action:3" under one."""
    for item in items:
        if chosen == str(item.pk):
            return {"item": item}
        if chosen in {key for key, _text in item.choices}:
            kind, _, pk = chosen.partition(":")
            records = item.outcomes.all() if kind == "outcome" else item.actions.all()
            record = next(row for row in records if str(row.pk) == pk)
            return {"item": item, kind: record}
    raise ServiceError({"item": "Choose an item of the draft."})


@require_http_methods(["GET", "POST"])
def draft(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting, stage = _draft_meeting_or_404(request, reference)
    reader = request.reader
    items = _commentable(reader, meeting)
    errors: dict = {}
    status = 200
    if request.method == "POST":
        chosen = request.POST.get("item", "")
        try:
            target = _target(items, chosen) if chosen else {"item": None}
            life.comment_add(
                actor=request.user,
                reader=reader,
                meeting=meeting,
                text=request.POST.get("text", ""),
                **target,
            )
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            return see_other(reverse("workspace:draft", args=[meeting.reference]) + "#comments")
    record = project(meeting_record(meeting), reader, audience="reader")
    context = {
        "meeting": meeting,
        "stage": stage,
        "body": render_body(record, level=3),
        "items": items,
        "comments": life.comments_for(reader, meeting),
        "errors": errors,
        "values": request.POST if errors else {},
    }
    return page(request, "workspace/minutes/draft.html", context, status=status)
