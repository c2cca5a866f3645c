"""Every write the workspace adds: planning a meeting from its body's template, and the template
and practice officers keep as data. Changes to meetings go through the meetings' services."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.audit.services import UNVERSIONED, apply_changes, audit_record
from secretariat.core.services import ServiceError, validated_save
from secretariat.directory.models import Body, Person
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Attendance, Meeting
from secretariat.meetings.services import attendance_record, item_add, meeting_create
from secretariat.workspace.models import BodyPractice, StandingItem


@transaction.atomic
def meeting_plan(
    *,
    actor,
    body: Body,
    number: int,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    location: str = "",
    standing: list[StandingItem] = (),  # type: ignore[assignment]
) -> Meeting:
    """A planned meeting with the standing items chosen from its body's template, in one go."""
    meeting = meeting_create(
        actor=actor,
        body=body,
        number=number,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location,
    )
    # The planning officer is recorded as the meeting's secretariat: RED items are read by those
    # recorded at the meeting, and the officer must go on reading the RED items they add.
    user_id = getattr(actor, "pk", None)
    person = Person.objects.filter(user_id=user_id).first() if user_id else None
    if person is not None:
        attendance_record(
            actor=actor,
            meeting=meeting,
            person=person,
            status=Attendance.Status.PRESENT,
            capacity=Attendance.Capacity.SECRETARIAT,
        )
    for row in sorted(standing, key=lambda row: row.position):
        if row.body_id not in (None, body.pk):
            raise ServiceError({"standing": f"'{row.title}' is another body's standing item."})
        item_add(actor=actor, meeting=meeting, title=row.title, kind=row.kind, label=row.label)
    return meeting


@transaction.atomic
def standing_item_create(
    *,
    actor,
    body: Body | None,
    title: str,
    position: int | None = None,
    kind: str = AgendaItem.Kind.REGULAR,
    label=Label.WHITE,
    active: bool = True,
) -> StandingItem:
    title = (title or "").strip()
    if not title:
        raise ServiceError({"title": "A standing item needs a title."})
    if position is None:
        taken = StandingItem.objects.filter(body=body).values_list("position", flat=True)
        position = max(taken, default=0) + 1
    row = StandingItem(
        body=body,
        title=title,
        position=position,
        kind=kind,
        label=Label.parse(label),
        active=active,
    )
    validated_save(row)
    row.save()
    audit_record(actor=actor, verb="standing_item.create", obj=row)
    return row


@transaction.atomic
def standing_item_update(
    *, actor, row: StandingItem, version=UNVERSIONED, **changes
) -> StandingItem:
    """Change a row of a body's agenda template from the `version` the officer edited."""
    if "label" in changes:
        changes["label"] = Label.parse(changes["label"])
    apply_changes(
        actor=actor,
        instance=row,
        changes=changes,
        verb="standing_item.update",
        allowed={"title", "position", "kind", "label", "active"},
        version=version,
    )
    return row


@transaction.atomic
def body_practice_set(*, actor, body: Body, quorum: int | None) -> BodyPractice:
    if quorum is not None and (not isinstance(quorum, int) or quorum < 1):
        raise ServiceError({"quorum": f"A quorum is a number of members from 1 (got {quorum!r})."})
    practice, created = BodyPractice.objects.get_or_create(body=body)
    if created:
        audit_record(actor=actor, verb="body_practice.create", obj=practice)
    apply_changes(
        actor=actor,
        instance=practice,
        changes={"quorum": quorum},
        verb="body_practice.update",
        allowed={"quorum"},
    )
    return practice
