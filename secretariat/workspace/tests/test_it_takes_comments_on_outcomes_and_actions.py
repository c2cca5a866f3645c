"""Comments on the draft minutes' outcomes and actions: each takes the label and scope of what
it is on — an outcome's label in its item's scope (RED reaches only those who heard the item),
an action's label in the action's (its owner reads it too) — and is read through the door."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.actions.services import action_raise
from secretariat.core import clock
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.labels.models import Label
from secretariat.meetings.services import (
    attendance_record,
    item_add,
    meeting_update,
    outcome_record,
)
from secretariat.workspace import life
from secretariat.workspace.models import DraftComment
from secretariat.workspace.services import meeting_plan


@pytest.fixture
def meeting(db):
    meeting = meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=760, date=dt.date(2026, 11, 18)
    )
    for username, status in (("officer", "present"), ("present", "part"), ("absent", "present")):
        attendance_record(
            actor=TESTS,
            meeting=meeting,
            person=Person.objects.get(user__username=username),
            status=status,
            capacity="secretariat" if username == "officer" else "member",
        )
    open_item = item_add(actor=TESTS, meeting=meeting, title="Updates", label="GREEN")
    red = item_add(actor=TESTS, meeting=meeting, title="Incident", label="RED")
    # `present` stepped out for the RED item: she heard only the first.
    attendance_record(
        actor=TESTS,
        meeting=meeting,
        person=Person.objects.get(user__username="present"),
        status="part",
        items_heard=[open_item],
    )
    meeting.noted = outcome_record(
        actor=TESTS, meeting=meeting, item=open_item, verb="NOTED", text="the update"
    )
    meeting.red_outcome = outcome_record(
        actor=TESTS, meeting=meeting, item=red, verb="AGREED", text="the containment", label="RED"
    )
    meeting.red_action = action_raise(
        actor=TESTS,
        item=red,
        text="Report the containment to the Panel",
        owner=Person.objects.get(user__username="present"),
        label="RED",
    )
    meeting.refresh_from_db()
    meeting_update(actor=TESTS, meeting=meeting, version=meeting.version, status="held")
    officer = Person.objects.get(user__username="officer").user
    life.minutes_draft(actor=officer, meeting=meeting)
    life.minutes_circulate(
        actor=officer, meeting=meeting, deadline=clock.today() + dt.timedelta(days=7)
    )
    return meeting


def _draft(meeting):
    return f"/workspace/meetings/{meeting.reference}/draft/"


def test_it_comments_on_an_outcome_at_its_label_in_its_items_scope(client_as, meeting):
    absent, present = client_as("absent"), client_as("present")
    red = meeting.red_outcome
    assert f'value="outcome:{red.pk}"' in absent.get(_draft(meeting)).content.decode()
    response = absent.post(_draft(meeting), {"item": f"outcome:{red.pk}", "text": "Which CIO?"})
    assert response.status_code == 303
    comment = DraftComment.objects.get(outcome=red)
    assert comment.label == Label.RED and comment.item_id == red.item_id
    # She missed the item: neither the outcome nor the comment on it reaches her.
    page = present.get(_draft(meeting)).content.decode()
    assert f'value="outcome:{red.pk}"' not in page and "Which CIO?" not in page
    refused = present.post(_draft(meeting), {"item": f"outcome:{red.pk}", "text": "What?"})
    assert refused.status_code == 400
    assert (
        "Which CIO?"
        in client_as("officer")
        .get(f"/workspace/meetings/{meeting.reference}/publish/")
        .content.decode()
    )


def test_it_comments_on_an_action_and_its_owner_reads_it(client_as, meeting):
    action = meeting.red_action
    absent = client_as("absent")
    response = absent.post(
        _draft(meeting), {"item": f"action:{action.pk}", "text": "Due before the Panel meets."}
    )
    assert response.status_code == 303
    comment = DraftComment.objects.get(action=action)
    assert comment.label == Label.RED
    # The action's owner is in its scope, though she missed the item it came from.
    assert (
        "Due before the Panel meets." in client_as("present").get(_draft(meeting)).content.decode()
    )


def test_it_takes_a_comment_on_a_white_outcome_at_white(client_as, meeting):
    noted = meeting.noted
    present = client_as("present")
    assert (
        present.post(
            _draft(meeting), {"item": f"outcome:{noted.pk}", "text": "Say which update."}
        ).status_code
        == 303
    )
    # Its label is the outcome's and its item's title's: WHITE, as a comment on the item is.
    assert DraftComment.objects.get(outcome=noted).label == Label.WHITE
    assert (
        "the outcome NOTED the update" in client_as("absent").get(_draft(meeting)).content.decode()
    )


@pytest.mark.parametrize("chosen", ["outcome:999999", "action:x", "nonsense"])
def test_it_refuses_what_is_not_on_the_draft(client_as, meeting, chosen):
    response = client_as("absent").post(_draft(meeting), {"item": chosen, "text": "Hm."})
    assert (
        response.status_code == 400 and "Choose an item of the draft" in response.content.decode()
    )
    assert not DraftComment.objects.filter(meeting=meeting).exists()
