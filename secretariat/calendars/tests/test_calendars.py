"""Calendars parse back with icalendar, carry UID, DTSTAMP, DTSTART and SEQUENCE, keep the UID and
raise SEQUENCE when a meeting changes, and never carry more than their reader may see off the
site: the body's calendar is the public's (WHITE meetings, WHITE titles), a meeting's file and a
personal address carry at most AMBER, whoever the reader. Canaries in item titles of each label
prove it; a personal address is shown once, works without a session and stops when revoked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from secretariat.audit.models import AuditEvent
from secretariat.calendars.models import CalendarFeed
from secretariat.core.testing import TESTS
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.meetings.services import meeting_create, meeting_update

REFERENCE = "SSC_72_2702"
CANARIES = {
    Label.GREEN: "CANARY-GREEN-title",
    Label.AMBER: "CANARY-AMBER-title",
    Label.RED: "CANARY-RED-title",
}


@pytest.fixture
def titled(db):
    """Three items of SSC_72 get a canary title at each label above WHITE."""
    items = AgendaItem.objects.filter(meeting__reference=REFERENCE, parent=None).order_by("number")
    for item, (label, canary) in zip(items[2:5], CANARIES.items(), strict=True):
        AgendaItem.objects.filter(pk=item.pk).update(title=canary, title_label=label)
    return CANARIES


def _events(data: bytes) -> list:
    calendar = Calendar.from_ical(data)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def _text(data: bytes) -> str:
    # Folded lines (RFC 5545 wraps at 75 octets) joined again before looking for a canary.
    return re.sub(r"\r\n[ \t]", "", data.decode())


def test_the_body_calendar_is_the_publics_whoever_asks(titled, client_as):
    for persona in ("anonymous", "present", "officer"):
        response = client_as(persona).get("/bodies/SSC/meetings.ics")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        text = _text(response.content)
        for canary in titled.values():
            assert canary not in text, (persona, canary)
        events = _events(response.content)
        assert events and all(
            e.get("uid") and e.get("dtstamp") and e.get("dtstart") for e in events
        )
        assert all("sequence" in e for e in events)
        ssc72 = next(e for e in events if REFERENCE in str(e.get("description")))
        assert "Matters Arising" in str(ssc72.get("description"))
        assert str(ssc72.get("url")).endswith(f"/meetings/{REFERENCE}/")


def test_a_hidden_meeting_is_in_no_calendar_and_its_file_answers_404(client_as, db):
    Meeting.objects.filter(reference=REFERENCE).update(label=Label.RED)
    assert REFERENCE not in _text(client_as("anonymous").get("/bodies/SSC/meetings.ics").content)
    assert REFERENCE not in _text(client_as("officer").get("/bodies/SSC/meetings.ics").content)
    missing = client_as("outsider").get("/meetings/SSC_99_0101.ics")
    hidden = client_as("outsider").get(f"/meetings/{REFERENCE}.ics")
    assert hidden.status_code == missing.status_code == 404


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("anonymous", set()),
        ("outsider", set()),
        ("party", {Label.GREEN}),
        ("absent", {Label.GREEN, Label.AMBER}),
        # Present at SSC_72, so RED on the site; never in a calendar.
        ("present", {Label.GREEN, Label.AMBER}),
        ("officer", {Label.GREEN, Label.AMBER}),
    ],
)
def test_a_meetings_file_carries_at_most_amber(titled, client_as, persona, sees):
    response = client_as(persona).get(f"/meetings/{REFERENCE}.ics")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = _text(response.content)
    for label, canary in titled.items():
        assert (canary in text) == (label in sees), (persona, label.name)


def test_the_red_title_is_on_the_site_for_the_same_reader(titled, client_as):
    # The calendar withholds what the page shows: the difference is the channel, not the reader.
    page = client_as("present").get(f"/meetings/{REFERENCE}/").content.decode()
    assert titled[Label.RED] in page


def test_an_update_keeps_the_uid_and_raises_the_sequence(client_as, officer, db):
    meeting = Meeting.objects.get(reference=REFERENCE)
    before = _events(client_as("anonymous").get(f"/meetings/{REFERENCE}.ics").content)[0]
    meeting_update(actor=officer, meeting=meeting, version=meeting.version, location="Room 2")
    after = _events(client_as("anonymous").get(f"/meetings/{REFERENCE}.ics").content)[0]
    assert after["uid"] == before["uid"]
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert str(after["location"]) == "Room 2"


def test_a_timed_meeting_is_in_london_time(client_as, db):
    meeting = Meeting.objects.get(reference=REFERENCE)
    event = _events(client_as("anonymous").get(f"/meetings/{REFERENCE}.ics").content)[0]
    start = event.decoded("dtstart")
    if meeting.start_time is None:
        assert start == meeting.date
    else:
        assert str(start.tzinfo) == "Europe/London"
        assert (start.date(), start.time()) == (meeting.date, meeting.start_time)


def test_a_personal_address_is_shown_once_works_without_a_session_and_stops_when_revoked(
    titled, client_as
):
    member = client_as("present")
    page = member.post("/calendar/", {"name": "Phone"})
    assert page.status_code == 200
    url = re.search(r'value="(http://testserver/calendar/[^"]+\.ics)"', page.content.decode())[1]
    assert url not in member.get("/calendar/").content.decode()  # shown once
    feed = CalendarFeed.objects.get(user__username="present")
    assert feed.token_hash not in url and url.split("/")[-1].startswith(feed.hint)
    assert AuditEvent.objects.filter(verb="calendar.create").exists()

    calendar = Client().get(url.removeprefix("http://testserver"))  # no session
    assert calendar.status_code == 200
    text = _text(calendar.content)
    assert REFERENCE in text
    assert titled[Label.AMBER] in text and titled[Label.RED] not in text

    member.post(f"/calendar/{feed.pk}/revoke")
    assert Client().get(url.removeprefix("http://testserver")).status_code == 404
    assert AuditEvent.objects.filter(verb="calendar.revoke").exists()


def test_another_readers_address_cannot_be_revoked(client_as, user_of, db):
    from secretariat.calendars.services import feed_create

    feed, _ = feed_create(actor=user_of("present"), name="Phone")
    assert client_as("absent").post(f"/calendar/{feed.pk}/revoke").status_code == 404
    assert CalendarFeed.objects.get(pk=feed.pk).revoked_at is None


def test_a_bad_name_is_named_and_nothing_is_made(client_as, db):
    response = client_as("present").post("/calendar/", {"name": "   "})
    assert response.status_code == 400
    assert "Name the calendar address" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_the_body_calendar_costs_the_same_queries_for_5_or_50_meetings(client_as, db):
    from secretariat.directory.models import Body

    body = Body.objects.get(code="TAG")
    client = client_as("anonymous")
    base = Meeting.objects.filter(body=body).order_by("-number").first()
    start = (base.number if base else 0) + 1
    counts = []
    for total in (5, 50):
        made = Meeting.objects.filter(body=body, number__gte=start).count()
        for n in range(made, total):
            meeting_create(
                actor=TESTS,
                body=body,
                number=start + n,
                date=dt.date(2030, 1, 1) + dt.timedelta(days=7 * n),
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/bodies/TAG/meetings.ics").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
