"""A month whose report nobody has opened: its pages show the report it would get by default,
built from what was read with its layout in the one query the compile reads the layout with
(`selectors.defaults_read`), the same report opening it would start from. The very first request
of such a month reads no more queries than an opened month's page (at most 15, issue 16), however
many highlights, and writes nothing: a GET never opens a report."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.directory.services import membership_create
from secretariat.documents.renderers import render
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for
from secretariat.reports.appendix import default_distribution, distribution_of
from secretariat.reports.compiler import compile_report
from secretariat.reports.documents import prepare
from secretariat.reports.models import PanelReport, Part
from secretariat.reports.selectors import panel_meeting_and_report
from secretariat.reports.services import draft_report, report_issue, report_open
from secretariat.reports.tests.world import World

PAPER_DAY = dt.date(2039, 6, 6)
WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def _first_request(client, url: str, status: int, budget: int) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, url
    read = [query["sql"] for query in queries.captured_queries]
    assert len(read) <= budget, "\n".join(read)
    assert not [sql for sql in read if WRITE.match(sql)], "a GET wrote to the database"


@pytest.fixture
def fresh(db):
    """A Panel month nobody has opened, with a highlight in its period, and one Panel chair."""
    world = World(year=2039)
    world.highlight(world.opsg, "Open highlight", "To report.")
    # The Panel's chair may preview the draft; the default distribution names the Panel's
    # members on the paper's day (7 days before the meeting), the chair among them from that
    # very day, so the chair alone opens Appendix A before anybody compiled the report.
    panel = Body.objects.get(code="PANEL")
    membership_create(
        actor=TESTS,
        person=Person.objects.get(user__username="chair"),
        body=panel,
        role="chair",
        term_start=PAPER_DAY,
    )
    # A member whose term ended the day before the paper's is not on it; one whose term ended
    # on that day (before the meeting) is.
    for username, last_day in (
        ("absent", PAPER_DAY - dt.timedelta(days=1)),
        ("present", PAPER_DAY),
    ):
        membership_create(
            actor=TESTS,
            person=Person.objects.get(user__username=username),
            body=panel,
            role="member",
            term_start=dt.date(2039, 1, 1),
            term_end=last_day,
        )
    return world


@pytest.mark.parametrize(
    ("persona", "page", "status", "budget"),
    [
        # An opened month's pages read 14, 13 and 15 (test_publication): without a saved report
        # nothing is published to look up, and the default report is read with the meeting. The
        # compile reads the officer's attendance once a RED highlight is placed (the door asks
        # whether the officer may know its meeting), as an opened month's does.
        ("officer", "/?draft", 200, 11),
        ("officer", ".pdf?draft", 200, 11),
        ("officer", "/compile", 200, 13),
        # Nobody compiled the report yet, so its default distribution (read with the layout)
        # names no officer (a secretariat role alone puts nobody on Appendix A): not there.
        ("officer", "/appendix-a?draft", 404, 6),
        ("officer", "/appendix-a.pdf?draft", 404, 6),
        ("chair", "/appendix-a?draft", 200, 12),
        ("chair", "/appendix-a.pdf?draft", 200, 12),
        # A Panel member who is no editor: nothing is published, so there is nothing to read.
        ("panel", "/appendix-a", 404, 6),
        ("panel", "/appendix-a.pdf", 404, 6),
    ],
)
def test_it_reads_the_first_request_of_a_month_not_yet_opened_within_its_budget(
    fresh, client_as, persona, page, status, budget
):
    url = f"/reports/panel/{fresh.month}{page}"
    _first_request(client_as(persona), url, status, budget)
    for number in range(25):
        fresh.highlight(fresh.opsg, f"Open highlight {number}", "More to report.")
        fresh.highlight(fresh.ssc[5], f"Restricted highlight {number}", "Text.", "RED")
    _first_request(client_as(persona), url, status, budget)
    assert not PanelReport.objects.filter(meeting=fresh.panel_meeting).exists()


@pytest.mark.parametrize("month", ["2019-04", "2019-05"])
def test_it_shows_the_report_opening_would_start_from(client_as, month):
    """The demo's months before its June report: no earlier report, so each period runs from the
    Panel's first meeting, as `draft_report` finds it by asking the database."""
    meeting = Meeting.objects.get(body__code="PANEL", date__startswith=month)
    expected = prepare(compile_report(draft_report(meeting)), Part.BODY)
    served = client_as("officer").get(f"/reports/panel/{month}.md?draft")
    assert served.content == render(expected, "md")


def test_it_builds_a_later_month_from_the_report_before_it(fresh, officer, client_as):
    """A month after an opened one starts the day after the opened one's period ends."""
    later = fresh.meeting("PANEL", dt.date(2039, 9, 12))
    report_open(actor=officer, meeting=fresh.panel_meeting, author="A. Officer")
    expected = render(prepare(compile_report(draft_report(later)), Part.BODY), "md")
    served = client_as("officer").get("/reports/panel/2039-09.md?draft").content
    assert served == expected
    assert "June to August 2039" in served.decode()


def test_it_serves_a_freshly_published_appendix_to_a_panel_member_within_its_budget(
    fresh, officer, client_as
):
    report = report_open(actor=officer, meeting=fresh.panel_meeting, author="A. Officer")
    report_issue(actor=officer, report=report)
    panel = client_as("panel")
    _first_request(panel, f"/reports/panel/{fresh.month}/appendix-a", 200, 7)
    _first_request(panel, f"/reports/panel/{fresh.month}/appendix-a.pdf", 200, 6)


def test_it_reads_the_default_distribution_opening_would_start_from(fresh, user_of):
    """Appendix A's default distribution, read with the meeting (the paper's day reckoned in
    the database), is the one `appendix.default_distribution` finds by asking the database."""
    meeting, saved = panel_meeting_and_report(reader_for(user_of("chair")), dt.date(2039, 6, 1))
    read = draft_report(meeting, read=True)
    asked = draft_report(Meeting.objects.get(pk=meeting.pk))
    assert saved is None and read.report_date == asked.report_date == PAPER_DAY
    people = distribution_of(read)
    assert people == default_distribution(asked, asked.report_date)
    assert Person.objects.get(user__username="chair").pk in people
    assert Person.objects.get(user__username="present").pk in people
    assert Person.objects.get(user__username="absent").pk not in people
