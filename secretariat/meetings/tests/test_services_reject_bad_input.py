"""Services refuse bad input with a message naming what is wrong, and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.actions.models import Action
from secretariat.actions.services import action_raise
from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Organisation
from secretariat.meetings.models import AgendaItem, Meeting, Outcome
from secretariat.meetings.services import item_add, meeting_create, outcome_record


def _counts():
    return (
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        Outcome.objects.count(),
        Action.objects.count(),
        AuditEvent.objects.count(),
    )


def _refused(call, field, words):
    before = _counts()
    with pytest.raises(ServiceError) as raised:
        call()
    assert field in raised.value.message_dict, raised.value.message_dict
    message = " ".join(raised.value.message_dict[field])
    assert words in message, message
    assert _counts() == before


def test_it_refuses_a_duplicate_meeting_number(db):
    ssc = Body.objects.get(code="SSC")
    _refused(
        lambda: meeting_create(actor=TESTS, body=ssc, number=72, date=dt.date(2019, 3, 1)),
        "number",
        "SSC already has a meeting number 72",
    )


def test_it_refuses_an_outcome_on_an_item_of_another_meeting(db):
    ssc72 = Meeting.objects.get(reference="SSC_72_2702")
    other_item = AgendaItem.objects.filter(meeting__reference="SSC_71_1302").first()
    _refused(
        lambda: outcome_record(
            actor=TESTS, meeting=ssc72, item=other_item, verb="NOTED", text="the update"
        ),
        "item",
        "belongs to another meeting",
    )


def test_it_refuses_an_action_owner_who_is_not_a_person(db):
    item = AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=12, parent=None)
    organisation = Organisation.objects.first()
    _refused(
        lambda: action_raise(actor=TESTS, item=item, text="Do it", owner=organisation),
        "owner",
        "must be a person",
    )


@pytest.mark.parametrize("bad", ["PURPLE", "TLP:BLACK", 7, ""])
def test_it_refuses_a_label_that_is_not_one_of_the_four(db, bad):
    meeting = Meeting.objects.get(reference="SSC_72_2702")
    _refused(
        lambda: item_add(actor=TESTS, meeting=meeting, title="New", label=bad),
        "label",
        "is not a label: use WHITE (or CLEAR), GREEN, AMBER or RED",
    )


def test_it_refuses_an_outcome_verb_outside_the_vocabulary(db):
    item = AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=10, parent=None)
    _refused(
        lambda: outcome_record(
            actor=TESTS, meeting=item.meeting, item=item, verb="VETOED", text="the update"
        ),
        "verb",
        "is not an outcome verb",
    )


def test_it_accepts_clear_as_white_and_records_an_audit_event(db, officer):
    meeting = Meeting.objects.get(reference="SSC_72_2702")
    before = AuditEvent.objects.count()
    item = item_add(actor=officer, meeting=meeting, title="Late item", label="TLP:CLEAR")
    assert item.label == 0 and item.number == 21
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.verb, event.actor, event.object_id) == ("item.add", officer, str(item.pk))
