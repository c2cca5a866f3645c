"""Cancelling a meeting: the officer's button leads to a confirmation that asks why; the POST
cancels it through `meeting_cancel` (version checked, a reason required, a held meeting refused
with the reason). Its pages and documents then say "Cancelled", and its calendar event keeps its
UID with a raised SEQUENCE and STATUS:CANCELLED, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError, StaleVersion
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body
from secretariat.documents.renderers import render
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import meeting_cancel, meeting_create, meeting_update
from secretariat.publishing.builders import kind_named


@pytest.fixture
def planned(db):
    return meeting_create(
        actor=TESTS,
        body=Body.objects.get(code="SSC"),
        number=901,
        date=dt.date(2031, 3, 5),
        start_time=dt.time(10),
        end_time=dt.time(13),
        location="Room 1",
    )


def _event(client, reference):
    calendar = Calendar.from_ical(client.get(f"/meetings/{reference}.ics").content)
    return next(c for c in calendar.walk() if c.name == "VEVENT")


def test_it_cancels_through_the_confirmation_page(client_as, planned):
    officer = client_as("officer")
    url = f"/workspace/meetings/{planned.reference}/"
    details = officer.get(url).content.decode()
    assert f'action="{url}cancel/"' in details
    confirm = officer.get(f"{url}cancel/")
    assert confirm.status_code == 200
    assert "Why is it cancelled?" in confirm.content.decode()
    before = _event(client_as("anonymous"), planned.reference)
    answer = officer.post(f"{url}cancel/", {"reason": "Not quorate", "version": planned.version})
    assert answer.status_code == 303
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.CANCELLED
    assert planned.cancellation_reason == "Not quorate"
    assert AuditEvent.objects.filter(verb="meeting.cancel", object_id=str(planned.pk)).exists()
    assert "Cancelled: Not quorate" in officer.get(url).content.decode()
    after = _event(client_as("anonymous"), planned.reference)
    assert after["uid"] == before["uid"]
    assert int(after["sequence"]) > int(before["sequence"])
    assert str(after["status"]) == "CANCELLED" and str(before["status"]) == "CONFIRMED"


def test_it_says_cancelled_on_the_public_page_and_the_documents(client_as, planned):
    headlines = kind_named("headlines")
    assert b"Cancelled" not in render(headlines.prepare(planned), "md")
    meeting_cancel(actor=TESTS, meeting=planned, version=planned.version, reason="Moved")
    page = client_as("anonymous").get(f"/meetings/{planned.reference}/").content.decode()
    assert "Cancelled — 5 March 2031" in page
    assert "Cancelled — 5 March 2031" in render(headlines.prepare(planned), "md").decode()


def test_it_refuses_a_cancel_without_a_reason_naming_the_field(client_as, planned):
    officer = client_as("officer")
    answer = officer.post(
        f"/workspace/meetings/{planned.reference}/cancel/", {"reason": " ", "version": "1"}
    )
    assert answer.status_code == 400
    assert "Say why the meeting is cancelled." in answer.content.decode()
    assert Meeting.objects.get(pk=planned.pk).status == Meeting.Status.PLANNED


def test_it_refuses_a_held_meeting_saying_why(db):
    held = Meeting.objects.get(reference="SSC_72_2702")
    with pytest.raises(ServiceError) as refused:
        meeting_cancel(actor=TESTS, meeting=held, version=held.version, reason="Oops")
    assert "has been held" in refused.value.message_dict["status"][0]


def test_it_refuses_a_stale_version_and_a_second_cancel(client_as, planned):
    meeting_update(actor=TESTS, meeting=planned, version=planned.version, location="Room 2")
    with pytest.raises(StaleVersion):
        meeting_cancel(actor=TESTS, meeting=planned, version=1, reason="Old page")
    answer = client_as("officer").post(
        f"/workspace/meetings/{planned.reference}/cancel/", {"reason": "Old", "version": "1"}
    )
    assert answer.status_code == 409
    planned.refresh_from_db()
    meeting_cancel(actor=TESTS, meeting=planned, version=planned.version, reason="Now")
    with pytest.raises(ServiceError) as again:
        meeting_cancel(actor=TESTS, meeting=planned, version=planned.version, reason="Twice")
    assert "already cancelled" in again.value.message_dict["status"][0]


def test_it_refuses_cancelling_through_the_details_form(planned):
    with pytest.raises(ServiceError) as refused:
        meeting_update(actor=TESTS, meeting=planned, version=planned.version, status="cancelled")
    assert "status" in refused.value.message_dict
    with pytest.raises(ServiceError):
        meeting_cancel(actor=None, meeting=planned, version=planned.version, reason="Nobody")
