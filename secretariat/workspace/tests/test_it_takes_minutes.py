"""Minute-taking: per item, the summary and the restricted record, outcomes and actions, each
through its service."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.actions.models import Action
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.services import attendance_record, item_add
from secretariat.workspace.services import meeting_plan

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def item(db):
    meeting = meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=700, date=dt.date(2031, 6, 4)
    )
    attendance_record(
        actor=TESTS,
        meeting=meeting,
        person=Person.objects.get(user__username="officer"),
        status="present",
        capacity="secretariat",
    )
    return item_add(actor=TESTS, meeting=meeting, title="Risk register", label="AMBER")


def _url(item, rest=""):
    return f"/workspace/meetings/{item.meeting.reference}/minutes/{item.pk}/{rest}"


def test_it_saves_the_summary_and_the_restricted_record_from_the_open_version(client_as, item):
    response = client_as("officer").post(
        _url(item),
        {
            "version": item.version,
            "summary": "The SSC reviewed its risk register.",
            "summary_label": "0",
            "restricted_text": "Two risks rose.",
            "label": "2",
        },
        **HX,
    )
    assert response.status_code == 200
    # Out of band: the new version and a status line, nothing the officer is typing in.
    text = response.content.decode()
    assert f'id="version-{item.pk}" value="{item.version + 1}" hx-swap-oob="true"' in text
    assert "Saved to the record at" in text and "<textarea" not in text
    row = AgendaItem.objects.get(pk=item.pk)
    assert (row.summary, row.restricted_text, row.version) == (
        "The SSC reviewed its risk register.",
        "Two risks rose.",
        item.version + 1,
    )


def test_it_records_an_outcome_with_a_verb_from_the_vocabulary(client_as, item):
    client = client_as("officer")
    client.post(
        _url(item, "outcomes/"), {"verb": "AGREED", "text": "the register", "outcome_label": "2"}
    )
    outcome = item.outcomes.get()
    assert (outcome.verb.word, outcome.text, outcome.label) == ("AGREED", "the register", 2)
    refused = client.post(_url(item, "outcomes/"), {"verb": "SHRUGGED", "text": "it"}, **HX)
    assert refused.status_code == 400
    assert "is not an outcome verb" in refused.content.decode()
    changed = client.post(
        _url(item, f"outcomes/{outcome.pk}/"),
        {"verb": "NOTED", "text": "the register", "outcome_label": "2", "version": outcome.version},
    )
    assert changed.status_code == 303
    assert item.outcomes.get().verb.word == "NOTED"


def test_it_raises_an_action_with_owner_due_date_and_label(client_as, item):
    owner = Person.objects.get(user__username="present")
    client = client_as("officer")
    response = client.post(
        _url(item, "actions/"),
        {
            "text": "Review the top risk",
            "owner": owner.pk,
            "due_date": "2031-07-01",
            "action_label": "2",
        },
    )
    assert response.status_code == 303
    action = Action.objects.get(item=item)
    assert (action.owner, action.due_date, action.label) == (owner, dt.date(2031, 7, 1), 2)
    refused = client.post(_url(item, "actions/"), {"text": "Whose?", "owner": ""}, **HX)
    assert refused.status_code == 400 and "Choose who owns the action" in refused.content.decode()
    late = client.post(
        _url(item, f"actions/{action.pk}/"),
        {"text": "Review", "status": "complete", "due_date": "", "version": action.version + 3},
        **HX,
    )
    assert late.status_code == 409
    assert Action.objects.get(pk=action.pk).status == "open"


def test_it_gives_every_field_a_label_for_the_keyboard_and_screen_readers(client_as, item):
    page = client_as("officer").get(f"/workspace/meetings/{item.meeting.reference}/minutes/")
    text = page.content.decode()
    for field in ("summary", "restricted", "new-verb", "new-outcome", "new-action", "new-owner"):
        assert f'<label for="{field}-{item.pk}"' in text
