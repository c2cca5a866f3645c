"""Minute-taking reads in a number of queries that does not grow with the meeting: 5 or 100
items, each with an outcome, an action and the officer's draft, and an assessment item."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.actions.services import action_raise
from secretariat.assurance.models import Assessment
from secretariat.assurance.services import agenda_place, status_decide
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.services import attendance_record, item_add, outcome_record
from secretariat.workspace.minutes import draft_keep
from secretariat.workspace.services import meeting_plan

BUDGET = 30


def _grow(meeting, officer, count: int, start: int) -> None:
    owner = Person.objects.get(user__username="present")
    for n in range(count):
        item = item_add(actor=TESTS, meeting=meeting, title=f"Item {start + n}", label="AMBER")
        outcome_record(actor=TESTS, meeting=meeting, item=item, verb="NOTED", text="the update")
        action_raise(
            actor=TESTS, item=item, text="Follow up", owner=owner, due_date=None, label="AMBER"
        )
        draft_keep(actor=officer, item=item, field="summary", text="typed", version=item.version)


def _queries(client, meeting) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/workspace/meetings/{meeting.reference}/minutes/")
    assert response.status_code == 200
    return len(captured)


def test_it_reads_the_minutes_in_the_same_queries_with_5_and_100_items(client_as, officer):
    meeting = meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=720, date=dt.date(2031, 8, 6)
    )
    attendance_record(
        actor=TESTS,
        meeting=meeting,
        person=Person.objects.get(user__username="officer"),
        status="present",
        capacity="secretariat",
    )
    assessment = Assessment.objects.filter(kind="fusa").first()
    agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    status_decide(actor=TESTS, assessment=assessment, meeting=meeting, status="Approved")
    client = client_as("officer")
    _grow(meeting, officer, 5, 0)
    few = _queries(client, meeting)
    _grow(meeting, officer, 95, 5)
    many = _queries(client, meeting)
    assert few == many, f"{few} queries with 5 items, {many} with 100"
    assert many <= BUDGET
