"""Meetings as iCalendar events, projected for one reader.

A calendar leaves the site: a provider fetches it from its own servers and keeps it, and a
downloaded file goes wherever its reader sends it. So a calendar is never more than AMBER, even
for a reader who could open RED on the site (the reader is taken without a second factor or an
elevation, which is what closes RED in the door), and it links to the meeting's page for the
rest. A meeting appears only if the reader may know it exists; its description lists the items
whose titles the reader may read.

Each event keeps its UID for the meeting's life, and its SEQUENCE follows the meeting's version,
so an update replaces the event a client already holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from secretariat.core import clock
from secretariat.labels.access import ANONYMOUS, Reader
from secretariat.meetings.access import visible_items, visible_meetings
from secretariat.meetings.models import AgendaItem, Meeting

LONDON = ZoneInfo("Europe/London")
PRODUCT = "-//secretariat//Meetings calendar//EN"


def off_site(reader: Reader) -> Reader:
    """The reader as a channel without a session meets the door: at most AMBER."""
    return dataclasses.replace(reader, second_factor=False, elevation_id=None)


def uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@secretariat"


def summary(meeting: Meeting) -> str:
    return f"{meeting.body.display_code} meeting {meeting.number} – {meeting.body.name}"


def _titles(reader: Reader, meetings: list[Meeting]) -> dict[int, list[str]]:
    """The titles of each meeting's items that the reader may read: one query."""
    if not meetings:
        return {}
    items = visible_items(
        reader,
        AgendaItem.objects.filter(meeting__in=meetings, parent__isnull=True).order_by(
            "meeting_id", "number"
        ),
        label="title_label",
    ).values_list("meeting_id", "number", "title")
    titles: dict[int, list[str]] = defaultdict(list)
    for meeting_id, number, title in items:
        if title:
            titles[meeting_id].append(f"{number}. {title}")
    return titles


def _event(meeting: Meeting, titles: list[str], url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid(meeting))
    event.add("dtstamp", stamp)
    event.add("sequence", max(meeting.version - 1, 0))
    event.add(
        "summary",
        ("Cancelled: " if meeting.status == Meeting.Status.CANCELLED else "") + summary(meeting),
    )
    if meeting.start_time is not None:
        start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
        event.add("dtstart", start)
        if meeting.end_time is not None and meeting.end_time > meeting.start_time:
            event.add("dtend", dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=LONDON))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    if meeting.location:
        event.add("location", meeting.location)
    # A client that holds the event replaces it by UID and SEQUENCE (raised by the cancelling
    # save's new version), so a cancelled meeting is sent, not dropped from the feed.
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("url", url)
    lines = [meeting.reference]
    if cancelled:
        lines += ["", "This meeting is cancelled."]
    if titles:
        lines += ["", "Agenda:", *titles]
    lines += ["", f"The meeting's page: {url}"]
    event.add("description", "\n".join(lines))
    return event


def calendar(
    reader: Reader, meetings, *, name: str, url_for, stamp: dt.datetime | None = None
) -> bytes:
    """The meetings (a queryset) the reader may know of, as one calendar. `url_for(meeting)` is
    the meeting page's absolute address."""
    reader = off_site(reader)
    shown = list(visible_meetings(reader, meetings.select_related("body")).order_by("date", "id"))
    titles = _titles(reader, shown)
    stamp = (stamp or clock.now()).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for meeting in shown:
        cal.add_component(_event(meeting, titles.get(meeting.pk, []), url_for(meeting), stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def public_calendar(meetings, *, name: str, url_for) -> bytes:
    """What anyone may know: WHITE meetings and their WHITE items' titles."""
    return calendar(ANONYMOUS, meetings, name=name, url_for=url_for)
