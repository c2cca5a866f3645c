"""The API's writes: officers create and change meetings, agenda items, attendance, outcomes
and actions through the services the workspace's pages use, with the workspace's own rule of
who may (a current secretariat officer of the body, `may_publish`).

Every change of a versioned record carries the `version` it was read at; a stale one answers
409 naming the record, nothing written. A writer may not set a label it could not read itself
at that place (a token, which reads at most AMBER, cannot write RED), and every answer is the
writer's own projection, so nothing leaves above what the writer reads through this channel.

Two writes share a path with a read (`POST /meetings`, `PATCH /meetings/{reference}`), and one
path answers from one router, so `install` adds those two to the routers that read them."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.http import Http404
from ninja import Router, Status
from ninja.errors import HttpError

from secretariat.actions.access import action_scope
from secretariat.actions.models import Action
from secretariat.actions.services import action_edit, action_raise
from secretariat.core.api import WRITERS, Error, Stale
from secretariat.core.services import ServiceError, StaleVersion
from secretariat.directory.models import Body, Person
from secretariat.labels.access import Reader, Scope
from secretariat.labels.models import Label
from secretariat.meetings.access import get_meeting_or_404, item_scope, may_publish, meeting_scope
from secretariat.meetings.models import AgendaItem, Attendance, Meeting, Outcome, recorded_state
from secretariat.meetings.services import (
    attendance_record,
    item_add,
    item_update,
    meeting_update,
    outcome_update,
)
from secretariat.workspace.access import officer_item_or_404
from secretariat.workspace.api_schemas import (
    ActionChange,
    ActionIn,
    AttendanceIn,
    ItemChange,
    ItemIn,
    MeetingChange,
    MeetingIn,
    OutcomeChange,
    OutcomeIn,
    StaleAttendance,
    WrittenAction,
    WrittenAttendance,
    WrittenItem,
    WrittenMeeting,
    WrittenOutcome,
)
from secretariat.workspace.minutes import outcome_decide
from secretariat.workspace.selectors import officer_body_ids
from secretariat.workspace.services import meeting_plan

router = Router(auth=WRITERS)
REFUSED = {403: Error, 404: Error, 409: Stale}
# Fields a writer may clear by sending null; any other null means "leave it as it is".
NULLABLE = {"start_time", "end_time", "due_date"}


# -- who may, and what they may label ---------------------------------------------------------


def _officer_meeting(reader: Reader, reference: str) -> Meeting:
    """The meeting, if the reader may know of it (else 404) and is its body's officer (else 403:
    the reader already knows the meeting exists)."""
    meeting = get_meeting_or_404(reader, reference)
    if not may_publish(reader, meeting):
        raise HttpError(403, f"Only an officer of {meeting.body.code} may change {reference}.")
    return meeting


def _may_label(reader: Reader, values: dict, scope: Scope) -> None:
    for name, value in values.items():
        if not name.endswith("label") or value is None:
            continue
        label = Label.parse(value, field=name)
        if not reader.admits(label, scope):
            raise ServiceError(
                {
                    name: f"You may not label this {label.name}: it would be hidden from you "
                    "here (an API token reads at most AMBER)."
                }
            )
        values[name] = label


def _given(payload) -> dict[str, Any]:
    return {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name in NULLABLE
    }


@contextmanager
def _naming(record: str):
    """A stale version names the record it was refused for."""
    try:
        yield
    except StaleVersion as error:
        error.record = record  # type: ignore[attr-defined]
        raise


# -- answers, each the writer's projection ----------------------------------------------------


def meeting_out(meeting: Meeting) -> WrittenMeeting:
    return WrittenMeeting(
        reference=meeting.reference,
        body=meeting.body.code,
        number=meeting.number,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        location=meeting.location,
        status=meeting.status,
        label=Label(meeting.label).name,
        version=meeting.version,
    )


def item_out(reader: Reader, item: AgendaItem) -> WrittenItem:
    scope = item_scope(item)

    def shown(text: str, label) -> str | None:
        return text if reader.admits(label, scope) else None

    return WrittenItem(
        id=item.pk,
        meeting=item.meeting.reference,
        number=item.number,
        parent=item.parent_id,
        kind=item.kind,
        label=Label(item.label).name,
        title_label=Label(item.title_label).name,
        summary_label=Label(item.summary_label).name,
        version=item.version,
        title=shown(item.title, item.title_label),
        summary=shown(item.summary, item.summary_label),
        restricted_text=shown(item.restricted_text, item.label),
    )


def outcome_out(reader: Reader, outcome: Outcome) -> WrittenOutcome:
    shown = reader.admits(outcome.label, item_scope(outcome.item))
    return WrittenOutcome(
        id=outcome.pk,
        item=outcome.item_id,
        verb=outcome.verb.word,
        label=Label(outcome.label).name,
        version=outcome.version,
        text=outcome.text if shown else None,
    )


def action_out(reader: Reader, action: Action) -> WrittenAction:
    shown = reader.admits(action.label, action_scope(action))
    return WrittenAction(
        id=action.pk,
        reference=action.reference,
        item=action.item_id,
        owner=action.owner_id,
        due_date=action.due_date,
        status=action.status,
        label=Label(action.label).name,
        version=action.version,
        text=action.text if shown else None,
    )


# -- meetings -----------------------------------------------------------------------------------


def meeting_create_view(request, payload: MeetingIn):
    """Plan a meeting of a body the writer serves as an officer, as the workspace's planner
    does: the writer is recorded as its secretariat, so they go on reading what they add."""
    reader = request.reader
    body = Body.objects.filter(code__iexact=payload.body).first()
    if body is None:
        raise ServiceError({"body": f"{payload.body!r} is not a body of the SEC."})
    if body.pk not in officer_body_ids(reader):
        raise HttpError(403, f"Only an officer of {body.code} may plan its meetings.")
    values = payload.dict()
    values.pop("body")
    meeting = meeting_plan(actor=request.user, body=body, **values)
    return Status(201, meeting_out(meeting))


def meeting_change_view(request, reference: str, payload: MeetingChange):
    """Change a meeting's date, times, place, status or label, from the version read."""
    reader = request.reader
    meeting = _officer_meeting(reader, reference)
    changes = _given(payload)
    version = changes.pop("version")
    _may_label(reader, changes, meeting_scope(meeting))
    with _naming(f"meeting {meeting.reference}"):
        meeting_update(actor=request.user, meeting=meeting, version=version, **changes)
    meeting.refresh_from_db()
    return Status(200, meeting_out(meeting))


def install(*, meetings_router: Router, records_router: Router) -> None:
    """Add the two writes whose paths the reading routers answer."""
    meetings_router.add_api_operation(
        "",
        ["POST"],
        meeting_create_view,
        auth=WRITERS,
        response={201: WrittenMeeting, **REFUSED},
        url_name="meeting-create",
    )
    records_router.add_api_operation(
        "/{reference}",
        ["PATCH"],
        meeting_change_view,
        auth=WRITERS,
        response={200: WrittenMeeting, **REFUSED},
        url_name="meeting-change",
    )


# -- agenda items -------------------------------------------------------------------------------


@router.post("/{reference}/items", response={201: WrittenItem, **REFUSED}, url_name="item-create")
def item_create(request, reference: str, payload: ItemIn):
    """Add an item to the agenda (a sub-point with `parent`), at the end."""
    reader = request.reader
    meeting = _officer_meeting(reader, reference)
    values = payload.dict()
    parent_id = values.pop("parent")
    parent = officer_item_or_404(reader, meeting, parent_id) if parent_id else None
    if parent is not None:
        values.pop("kind")
    _may_label(reader, values, meeting_scope(meeting))
    item = item_add(actor=request.user, meeting=meeting, parent=parent, **values)
    item.meeting = meeting
    return Status(201, item_out(reader, item))


def _item(reader: Reader, reference: str, item_id: int) -> tuple[Meeting, AgendaItem]:
    meeting = _officer_meeting(reader, reference)
    return meeting, officer_item_or_404(reader, meeting, item_id)


@router.patch(
    "/{reference}/items/{item_id}", response={200: WrittenItem, **REFUSED}, url_name="item-change"
)
def item_change(request, reference: str, item_id: int, payload: ItemChange):
    """Change an item's texts, labels or kind, from the version read."""
    reader = request.reader
    meeting, item = _item(reader, reference, item_id)
    changes = _given(payload)
    version = changes.pop("version")
    _may_label(reader, changes, item_scope(item, meeting))
    with _naming(f"item {item.pk} of {meeting.reference}"):
        item_update(actor=request.user, item=item, version=version, **changes)
    item.refresh_from_db()
    item.meeting = meeting
    return Status(200, item_out(reader, item))


# -- attendance ---------------------------------------------------------------------------------


@router.put(
    "/{reference}/attendance/{person_id}",
    response={200: WrittenAttendance, 403: Error, 404: Error, 409: StaleAttendance},
    url_name="attendance",
)
def attendance_set(request, reference: str, person_id: int, payload: AttendanceIn):
    """Record (or correct) one person's attendance; part attendance lists the items missed.
    Attendance keeps no version number: its `version` is its state, as the last answer gave it
    (`none` before it is recorded). Sent back with a change, a row changed meanwhile answers
    409 with what it holds now; without it, the last record made is the one that stands."""
    reader = request.reader
    meeting = _officer_meeting(reader, reference)
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person.")
    missed = None
    if payload.items_missed is not None:
        numbers = set(payload.items_missed)
        missed = list(
            AgendaItem.objects.filter(meeting=meeting, parent__isnull=True, number__in=numbers)
        )
        unknown = numbers - {item.number for item in missed}
        if unknown:
            raise ServiceError({"items_missed": f"{meeting.reference} has no item {min(unknown)}."})
    record = f"attendance of person {person.pk} at {meeting.reference}"
    with transaction.atomic():
        # The check and the write under the meeting's row lock, as the workspace's page does.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
        current = (
            Attendance.objects.filter(meeting=meeting, person=person)
            .prefetch_related("items_heard")
            .first()
        )
        now = recorded_state(current)
        if payload.version is not None and payload.version != now:
            return Status(
                409,
                StaleAttendance(
                    detail=f"The {record} changed since version {payload.version}: it is now "
                    f"version {now}. Nothing was written.",
                    record=record,
                    version=now,
                    current=None if current is None else _attendance_out(meeting, current),
                ),
            )
        row = attendance_record(
            actor=request.user,
            meeting=meeting,
            person=person,
            status=payload.status,
            capacity=payload.capacity,
            note=payload.note,
            items_missed=missed,
        )
    return Status(200, _attendance_out(meeting, Attendance.objects.get(pk=row.pk)))


def _attendance_out(meeting: Meeting, row: Attendance) -> WrittenAttendance:
    return WrittenAttendance(
        meeting=meeting.reference,
        person=row.person_id,
        status=row.status,
        capacity=row.capacity,
        items_heard=sorted(item.number for item in row.items_heard.all()),
        version=row.state,
    )


# -- outcomes and actions -----------------------------------------------------------------------


@router.post(
    "/{reference}/items/{item_id}/outcomes",
    response={201: WrittenOutcome, **REFUSED},
    url_name="outcome-create",
)
def outcome_create(request, reference: str, item_id: int, payload: OutcomeIn):
    """Record a decision on the item, as the minutes page does."""
    reader = request.reader
    meeting, item = _item(reader, reference, item_id)
    values = payload.dict()
    _may_label(reader, values, item_scope(item, meeting))
    outcome = outcome_decide(
        actor=request.user, reader=reader, meeting=meeting, item=item, **values
    )
    outcome.item = item
    return Status(201, outcome_out(reader, outcome))


@router.patch(
    "/{reference}/items/{item_id}/outcomes/{outcome_id}",
    response={200: WrittenOutcome, **REFUSED},
    url_name="outcome-change",
)
def outcome_change(request, reference: str, item_id: int, outcome_id: int, payload: OutcomeChange):
    reader = request.reader
    meeting, item = _item(reader, reference, item_id)
    outcome = item.outcomes.filter(pk=outcome_id).select_related("verb").first()
    if outcome is None or not reader.admits(outcome.label, item_scope(item, meeting)):
        raise Http404("No such outcome.")
    outcome.item = item
    changes = _given(payload)
    version = changes.pop("version")
    _may_label(reader, changes, item_scope(item, meeting))
    with _naming(f"outcome {outcome.pk} of {meeting.reference}"):
        outcome_update(actor=request.user, outcome=outcome, version=version, **changes)
    outcome.refresh_from_db()
    outcome.item = item
    return Status(200, outcome_out(reader, outcome))


@router.post(
    "/{reference}/items/{item_id}/actions",
    response={201: WrittenAction, **REFUSED},
    url_name="action-create",
)
def action_create(request, reference: str, item_id: int, payload: ActionIn):
    """Raise an action at the item; its label is at least the item's."""
    reader = request.reader
    meeting, item = _item(reader, reference, item_id)
    owner = Person.objects.filter(pk=payload.owner).first()
    if owner is None:
        raise ServiceError({"owner": f"No person {payload.owner} in the directory."})
    values = {"label": payload.label}
    _may_label(reader, values, item_scope(item, meeting))
    action = action_raise(
        actor=request.user,
        item=item,
        text=payload.text,
        owner=owner,
        due_date=payload.due_date,
        label=values["label"],
    )
    return Status(201, action_out(reader, action))


@router.patch(
    "/{reference}/items/{item_id}/actions/{action_id}",
    response={200: WrittenAction, **REFUSED},
    url_name="action-change",
)
def action_change(request, reference: str, item_id: int, action_id: int, payload: ActionChange):
    reader = request.reader
    _meeting, item = _item(reader, reference, item_id)
    action = item.actions.filter(pk=action_id).select_related("meeting__body", "item").first()
    if action is None or not reader.admits(action.label, action_scope(action)):
        raise Http404("No such action.")
    changes = _given(payload)
    version = changes.pop("version")
    _may_label(reader, changes, action_scope(action))
    with _naming(f"action {action.reference}"):
        action_edit(actor=request.user, action=action, version=version, **changes)
    action.refresh_from_db()
    return Status(200, action_out(reader, action))
