"""Home is a dashboard for its reader, in a number of queries that does not grow with the work
behind it: 5 or 100 planned meetings, held meetings and overdue actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.actions.services import action_raise
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.services import item_add, meeting_create

BUDGET = 30


def _work(count: int, start: int) -> None:
    body = Body.objects.get(code="TAG")
    owner = Person.objects.get(user__username="present")
    for n in range(count):
        planned = meeting_create(
            actor=TESTS, body=body, number=start + n, date=dt.date(2032, 1, 1) + dt.timedelta(n)
        )
        item_add(actor=TESTS, meeting=planned, title="Planned item")
        held = meeting_create(
            actor=TESTS,
            body=body,
            number=start + 1000 + n,
            date=dt.date(2020, 1, 1) + dt.timedelta(n),
            status="held",
        )
        item = item_add(actor=TESTS, meeting=held, title="Held item")
        action_raise(
            actor=TESTS, item=item, text="Overdue", owner=owner, due_date=held.date, label="WHITE"
        )


def _queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "present", "party", "anonymous"])
def test_it_runs_the_same_queries_with_5_and_100_records(client_as, persona):
    client = client_as(persona)
    client.get("/")
    _work(5, 3000)
    few, _ = _queries(client)
    _work(95, 5000)
    many, _ = _queries(client)
    assert few == many, f"{persona}: {few} queries with 5, {many} with 100"
    assert many <= BUDGET


def test_it_shows_the_officer_their_work(client_as):
    _work(3, 3000)
    page = client_as("officer").get("/").content.decode()
    for heading in (
        "Meetings to prepare",
        "Minutes to draft",
        "Documents to publish",
        "Overdue actions",
        "Assessments due",
    ):
        assert heading in page
    assert "TAG_3000_0101" in page


def test_it_shows_a_member_their_meetings_and_actions_and_the_public_the_latest(client_as):
    member = client_as("present").get("/").content.decode()
    assert "Your next meetings" in member and "Your open actions" in member
    public = client_as("anonymous").get("/").content.decode()
    assert "Latest publications" in public and "Your work" not in public
    party = client_as("party").get("/").content.decode()
    assert "Your organisation's records" in party
