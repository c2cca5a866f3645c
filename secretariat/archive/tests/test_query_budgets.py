"""Query budgets: the key pages read the same number of queries whatever the archive's size.

A small archive (one year) and a larger one (three years) are generated in turn into the test
database, and each key page is requested by each persona that matters at the latest SSC meeting.
The counts must match between the two and stay within the budget."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from secretariat.archive.selectors import PERSONAS, readers_of, sample_meeting
from secretariat.changes.models import Change
from secretariat.core.testing import TESTS, sign_in
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import item_add, outcome_record
from secretariat.operations.models import Incident, Measure
from secretariat.reports.appendix import highlight_decide
from secretariat.reports.services import report_open

# 15 for the page, and one for the session's second factor: django-otp loads the device the
# session proved, once per request, so the door knows whether RED may open.
BUDGET = 16
# The meeting page asks each register that links its items (secretariat/meetings/links.py) one
# query, whatever the register's size: the change and operations registers add one each.
BUDGETS = {"meeting page": BUDGET + 2}
# page -> (address, personas). The register's pages run a prefetch only when there are rows of
# its kind to attach to, so they are checked for the officer, who sees every row on both sizes.
PAGES = {
    "meeting page": ("/meetings/{meeting}/", PERSONAS),
    "body page": ("/bodies/{body}/", PERSONAS),
    "API meeting record": ("/api/meetings/{meeting}", PERSONAS),
    "public portal": ("/publications/", PERSONAS),
    "assurance due list": ("/assurance/due/", ("officer",)),
    "assurance register": ("/assurance/", ("officer",)),
    "a meeting's register items": ("/assurance/meetings/{meeting}/", ("officer",)),
    # The change and operations registers (the generator writes both): their lists and a record
    # of each kind, for the officer (every row) and the public (the WHITE rows).
    "change register": ("/changes/", ("officer", "anonymous")),
    "a change": ("/changes/{change}/", ("officer", "anonymous")),
    "operations register": ("/operations/", ("officer", "present")),
    "an incident": ("/operations/incidents/{incident}/", ("officer",)),
    "a measure": ("/operations/measures/{measure}/", ("officer", "present")),
}
# The Panel report of the latest Panel meeting, compiled live for the officer who opened it
# (the generator opens none): the page, the compile page, both PDFs and Appendix A's page, at
# most 15 queries with the second factor's (the report reads its distribution, the SSC's last
# meeting and the bodies' codes with it, and every register of the period once); and the same
# pages' very first request before the report is opened, its default read with its meeting.
PANEL_PAGES = {
    "Panel report draft": "/reports/panel/{month}/?draft",
    "Panel report compile page": "/reports/panel/{month}/compile",
    "Panel report .pdf": "/reports/panel/{month}.pdf?draft",
    "Appendix A draft": "/reports/panel/{month}/appendix-a?draft",
    "Appendix A .pdf": "/reports/panel/{month}/appendix-a.pdf?draft",
}
BUDGETS.update(dict.fromkeys(PANEL_PAGES, 15))
# Appendix A of a month not yet opened, for its officer: nobody compiles the report yet, and a
# secretariat role alone puts nobody on the appendix's distribution.
NOT_YET_OPENED_404 = {
    ("Appendix A draft", "officer, not yet opened"),
    ("Appendix A .pdf", "officer, not yet opened"),
}
# The bodies the registers' items go to, beside the SSC and the Panel.
BODIES = "SSC,PANEL,OPSG,TABASC,CB"


def _exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def _counts(years: int) -> dict[tuple[str, str], tuple[int, int]]:
    """(page, persona) -> (status, queries) on an archive of `years` years, then undone."""
    counts = {}
    with transaction.atomic():
        call_command(
            "generate_archive", "--years", str(years), "--bodies", BODIES, stdout=io.StringIO()
        )
        meeting = sample_meeting("SSC")
        users = readers_of(meeting)
        for page, (template, personas) in PAGES.items():
            path = template.format(
                meeting=meeting.reference,
                body=meeting.body.code,
                # The latest of each: one with the most history behind it.
                change=Change.objects.filter(kind=Change.Kind.MODIFICATION)
                .exclude(votes=None)
                .latest("raised_on")
                .reference,
                incident=Incident.objects.latest("occurred_on").reference,
                measure=Measure.objects.order_by("code").first().code,
            )
            if not _exists(path):
                continue
            for persona in personas:
                counts[(page, persona)] = _count(path, users[persona])
        panel = sample_meeting("PANEL")
        officer = readers_of(panel)["officer"]
        _restricted_highlight(panel)
        # Before the report is opened, the very first request of each page: the default
        # report is read with the meeting (Appendix A has nobody compiling it yet, so not the
        # officer on its distribution: 404).
        for page, template in PANEL_PAGES.items():
            counts[(page, "officer, not yet opened")] = _count(
                template.format(month=f"{panel.date:%Y-%m}"), officer, warm=False
            )
        report_open(actor=officer, meeting=panel, author=officer.get_full_name() or "Officer")
        for page, template in PANEL_PAGES.items():
            counts[(page, "officer")] = _count(
                template.format(month=f"{panel.date:%Y-%m}"), officer
            )
        transaction.set_rollback(True)
    return counts


def _restricted_highlight(panel) -> None:
    """A RED highlight decided for the Panel in the measured month's period, on both sizes.
    Before the report is opened its officer is on no distribution, and may read the highlight's
    heading on the compile page only as one who heard it: the page then reads the officer's
    attendance, once, whatever the archive's size."""
    ssc = Meeting.objects.filter(body__code="SSC", date__lt=panel.date.replace(day=1)).latest(
        "date"
    )
    heading = "A restricted highlight"
    item = item_add(
        actor=TESTS,
        meeting=ssc,
        title=heading,
        label="RED",
        report_to_panel=True,
        report_heading=heading,
        report_text="For the Panel alone.",
        report_label="RED",
    )
    outcome = outcome_record(
        actor=TESTS, meeting=ssc, item=item, verb="AGREED", text="to report it", label="RED"
    )
    highlight_decide(actor=TESTS, item=item, outcome=outcome)


def _count(path: str, user, *, warm: bool = True) -> tuple[int, int]:
    """(status, queries) of the second request for `path` by `user` (None: anonymous), or of
    the first without `warm`."""
    client = Client()
    if user is not None:
        sign_in(client, user)
    if warm:
        client.get(path)  # first-request work is not the page's
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


@pytest.mark.django_db
def test_it_reads_no_more_queries_for_a_larger_archive():
    small = _counts(1)
    larger = _counts(3)
    assert small.keys() == larger.keys()
    assert ("meeting page", "present") in small and ("body page", "anonymous") in small
    assert all((page, "officer") in small for page in PANEL_PAGES)
    assert all((page, "officer, not yet opened") in small for page in PANEL_PAGES)
    grew = {key: (small[key], larger[key]) for key in small if small[key] != larger[key]}
    assert not grew, f"query counts changed with archive size: {grew}"
    over = {key: value for key, value in larger.items() if value[1] > BUDGETS.get(key[0], BUDGET)}
    assert not over, f"pages above their budgets ({BUDGET}, {BUDGETS}): {over}"
    assert all(
        status == (404 if key in NOT_YET_OPENED_404 else 200) for key, (status, _) in larger.items()
    ), larger
