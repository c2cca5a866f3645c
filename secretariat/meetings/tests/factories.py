"""Meetings built through the services, for tests that need more than the demo."""

from __future__ import annotations

import datetime as dt

from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.services import (
    attendance_record,
    item_add,
    meeting_create,
    outcome_record,
)


def make_meeting(
    *,
    number: int,
    items: int,
    body_code: str = "SSC",
    date=dt.date(2020, 1, 8),
    label="WHITE",
    present=("chair", "present"),
    apologies=("absent",),
):
    body = Body.objects.get(code=body_code)
    meeting = meeting_create(
        actor=TESTS, body=body, number=number, date=date, label=label, status="held"
    )
    for username in present:
        attendance_record(
            actor=TESTS,
            meeting=meeting,
            person=Person.objects.get(user__username=username),
            status="present",
        )
    for username in apologies:
        attendance_record(
            actor=TESTS,
            meeting=meeting,
            person=Person.objects.get(user__username=username),
            status="apologies",
        )
    labels = ["WHITE", "GREEN", "AMBER", "RED"]
    for n in range(1, items + 1):
        item = item_add(
            actor=TESTS,
            meeting=meeting,
            title=f"Item {n}",
            label=labels[n % 4],
            summary=f"Summary {n}",
            restricted_text=f"Restricted {n}",
        )
        outcome_record(actor=TESTS, meeting=meeting, item=item, verb="NOTED", text="the update")
        if n % 5 == 0:
            item_add(
                actor=TESTS, meeting=meeting, parent=item, title=f"Point {n}.1", summary="A point"
            )
    return meeting
