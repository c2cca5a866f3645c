"""The register at the SSC's meeting, from the officer's pages: the builder puts a record that
awaits the SSC on the agenda (the register's standard title, its label, the link), and the
outcome form makes the decision the record needs — a status, a Director's Letter's approval, a
notification's decision — all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.assurance.models import AgendaLink, Assessment
from secretariat.assurance.services.records import letter_submit, notification_receive
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.models import Outcome
from secretariat.meetings.services import attendance_record
from secretariat.workspace.services import meeting_plan

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def meeting(db):
    meeting = meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=520, date=dt.date(2031, 6, 4)
    )
    # The register's items are RED, read by those recorded at the meeting: the officer minutes it.
    attendance_record(
        actor=TESTS,
        meeting=meeting,
        person=Person.objects.get(user__username="officer"),
        status="present",
        capacity="secretariat",
    )
    return meeting


def _waiting() -> Assessment:
    return (
        Assessment.objects.filter(report_received__isnull=False, status_decisions__isnull=True)
        .order_by("report_received", "pk")
        .first()
    )


def _url(meeting, rest=""):
    return f"/workspace/meetings/{meeting.reference}/{rest}"


def _place(client, meeting, key):
    return client.post(_url(meeting, "items/register/"), {"record": key})


def test_it_offers_what_awaits_the_ssc_and_puts_it_on_the_agenda(client_as, meeting):
    officer = client_as("officer")
    assessment = _waiting()
    key = f"assessment:{assessment.pk}"
    assert f'value="{key}"' in officer.get(_url(meeting, "agenda/")).content.decode()
    assert _place(officer, meeting, key).status_code == 303
    link = AgendaLink.objects.get(item__meeting=meeting, assessment=assessment)
    assert link.item.title.endswith(assessment.organisation.public_name)
    assert link.item.label == assessment.label
    # Once on the agenda it is offered no more, and placing it again is refused by name.
    assert f'value="{key}"' not in officer.get(_url(meeting, "agenda/")).content.decode()
    again = _place(officer, meeting, key)
    assert again.status_code == 400 and "already on the agenda" in again.content.decode()


@pytest.mark.parametrize("key", ["assessment:999999", "letter:x", "nonsense", ""])
def test_it_refuses_a_record_that_is_not_there_and_names_the_field(client_as, meeting, key):
    response = _place(client_as("officer"), meeting, key)
    assert response.status_code == 400
    assert "record of the register" in response.content.decode()
    assert not AgendaLink.objects.filter(item__meeting=meeting).exists()


def test_it_offers_the_register_at_ssc_meetings_only(client_as, db):
    panel = meeting_plan(
        actor=TESTS, body=Body.objects.get(code="PANEL"), number=520, date=dt.date(2031, 6, 5)
    )
    page = client_as("officer").get(_url(panel, "agenda/")).content.decode()
    assert "From the assurance register" not in page
    response = _place(client_as("officer"), panel, f"assessment:{_waiting().pk}")
    assert response.status_code == 400 and "only at SSC meetings" in response.content.decode()


def _outcome(client, meeting, item, **fields):
    return client.post(
        _url(meeting, f"minutes/{item.pk}/outcomes/"),
        {"verb": "APPROVED", "text": "the letter", "outcome_label": "3", **fields},
        **HX,
    )


def test_it_approves_a_directors_letter_by_an_outcome(client_as, meeting):
    organisation = _waiting().organisation
    letter = letter_submit(
        actor=TESTS,
        organisation=organisation,
        submitted_on=dt.date(2031, 5, 1),
        subject="The board commits to quarterly access reviews.",
    )
    officer = client_as("officer")
    assert _place(officer, meeting, f"letter:{letter.pk}").status_code == 303
    item = AgendaLink.objects.get(letter=letter).item
    page = officer.get(_url(meeting, "minutes/")).content.decode()
    assert f'id="new-letter-{item.pk}"' in page
    # A refused decision leaves no outcome behind.
    assert _outcome(officer, meeting, item, letter="perhaps").status_code == 400
    assert not Outcome.objects.filter(item=item).exists()
    answer = _outcome(officer, meeting, item, letter="approve")
    assert answer.status_code == 200
    letter.refresh_from_db()
    assert letter.approved_by.item == item and letter.approved_on == meeting.date
    assert f"approves {letter.reference}" in answer.content.decode()


def test_it_decides_a_notification_by_an_outcome(client_as, meeting):
    notification = notification_receive(
        actor=TESTS,
        organisation=_waiting().organisation,
        received_on=dt.date(2031, 5, 2),
        description="A second User System for prepayment.",
    )
    officer = client_as("officer")
    assert _place(officer, meeting, f"notification:{notification.pk}").status_code == 303
    item = AgendaLink.objects.get(notification=notification).item
    bad = _outcome(officer, meeting, item, verb="AGREED", decision="whenever")
    assert bad.status_code == 400 and "is not a decision" in bad.content.decode()
    assert (
        _outcome(officer, meeting, item, verb="AGREED", decision="next_annual").status_code == 200
    )
    notification.refresh_from_db()
    assert notification.decision == "next_annual" and notification.decided_by.item == item


def test_it_refuses_a_letter_decision_on_an_item_without_a_letter(client_as, meeting):
    officer = client_as("officer")
    assert _place(officer, meeting, f"assessment:{_waiting().pk}").status_code == 303
    item = AgendaLink.objects.get(item__meeting=meeting).item
    response = _outcome(officer, meeting, item, letter="approve")
    assert response.status_code == 400
    assert "considers no Director" in response.content.decode()
    assert not Outcome.objects.filter(item=item).exists()
