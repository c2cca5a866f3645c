"""The publish page, the members' draft and the sensitive terms read in a number of queries that
does not grow with the work behind them: 5 or 100 items (each with an outcome, an action and a
comment), and 5 or 100 terms."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.actions.services import action_raise
from secretariat.core import clock
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.readers import reader_for
from secretariat.meetings.services import attendance_record, item_add, outcome_record
from secretariat.publishing.screening import sensitive_term_add
from secretariat.workspace.life import comment_add, minutes_circulate, minutes_draft
from secretariat.workspace.services import meeting_plan

BUDGET = 45


def _grow(meeting, member, count: int, start: int) -> None:
    owner = Person.objects.get(user__username="present")
    for n in range(count):
        item = item_add(actor=TESTS, meeting=meeting, title=f"Item {start + n}", label="AMBER")
        outcome_record(actor=TESTS, meeting=meeting, item=item, verb="NOTED", text="the update")
        action_raise(
            actor=TESTS, item=item, text="Follow up", owner=owner, due_date=None, label="AMBER"
        )
        comment_add(
            actor=member, reader=reader_for(member), meeting=meeting, item=item, text="A comment"
        )
        sensitive_term_add(actor=TESTS, term=f"Codename {start + n}", label="AMBER")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_it_reads_the_life_pages_in_the_same_queries_with_5_and_100_items(
    client_as, officer, user_of
):
    meeting = meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=740, date=dt.date(2026, 11, 18)
    )
    for username, capacity in (("officer", "secretariat"), ("present", "member")):
        attendance_record(
            actor=TESTS,
            meeting=meeting,
            person=Person.objects.get(user__username=username),
            status="present",
            capacity=capacity,
        )
    meeting.status = "held"
    meeting.save()
    minutes_draft(actor=officer, meeting=meeting)
    minutes_circulate(actor=officer, meeting=meeting, deadline=clock.today() + dt.timedelta(days=7))
    member = user_of("present")
    urls = {
        "officer": [
            f"/workspace/meetings/{meeting.reference}/publish/",
            "/workspace/sensitive-terms/",
        ],
        "present": [f"/workspace/meetings/{meeting.reference}/draft/"],
    }
    clients = {persona: client_as(persona) for persona in urls}
    _grow(meeting, member, 5, 0)
    few = {url: _queries(clients[p], url) for p, listed in urls.items() for url in listed}
    _grow(meeting, member, 95, 5)
    many = {url: _queries(clients[p], url) for p, listed in urls.items() for url in listed}
    assert few == many
    assert max(many.values()) <= BUDGET, many
