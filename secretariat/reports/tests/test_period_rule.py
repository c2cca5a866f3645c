"""The period a report covers: whole months up to the month before its Panel meeting, from the
day after the previous report's period (or the month of the first Panel meeting on record), at
most three months back; the paper is dated a week before the meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import meeting_create
from secretariat.reports.models import PanelReport
from secretariat.reports.periods import period_words
from secretariat.reports.services import draft_report, report_open

D = dt.date


def _panel(date: dt.date) -> Meeting:
    return meeting_create(
        actor=TESTS, body=Body.objects.get(code="PANEL"), number=800 + date.month, date=date
    )


def test_it_covers_april_and_may_for_the_demos_first_report(db):
    report = PanelReport.objects.get(month=D(2019, 6, 1))
    assert (report.period_start, report.period_end) == (D(2019, 4, 1), D(2019, 5, 31))
    assert report.report_date == D(2019, 6, 7)


def test_it_starts_after_the_previous_report(db):
    draft = draft_report(_panel(D(2019, 9, 13)))
    assert (draft.period_start, draft.period_end) == (D(2019, 6, 1), D(2019, 8, 31))
    assert draft.report_date == D(2019, 9, 6)


def test_it_reaches_back_three_months_at_most(db):
    draft = draft_report(_panel(D(2024, 6, 14)))
    assert (draft.period_start, draft.period_end) == (D(2024, 3, 1), D(2024, 5, 31))


def test_it_covers_the_month_before_when_the_previous_report_is_recent(db):
    earlier = draft_report(Meeting.objects.get(reference="PANEL_69_1705"))
    assert (earlier.period_start, earlier.period_end) == (D(2019, 4, 1), D(2019, 4, 30))
    draft = draft_report(_panel(D(2019, 7, 12)))
    assert (draft.period_start, draft.period_end) == (D(2019, 6, 1), D(2019, 6, 30))


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (D(2019, 5, 1), D(2019, 5, 31), "May 2019"),
        (D(2019, 4, 1), D(2019, 5, 31), "April and May 2019"),
        (D(2019, 3, 1), D(2019, 5, 31), "March to May 2019"),
        (D(2019, 11, 1), D(2020, 1, 31), "November 2019 to January 2020"),
    ],
)
def test_it_names_the_period_as_the_seed_would(start, end, words):
    assert period_words(start, end) == words


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"period_end": D(2019, 9, 30)}, "period_end", "must end before the Panel meeting"),
        (
            {"period_start": D(2019, 9, 1), "period_end": D(2019, 8, 1)},
            "period_start",
            "after it ends",
        ),
        ({"report_date": D(2019, 9, 20)}, "report_date", "cannot be dated after"),
        ({"author": "  "}, "author", "Name the paper's author"),
        ({"action": "vote"}, "action", "is not an action"),
    ],
)
def test_it_refuses_a_bad_report_and_writes_nothing(db, officer, arguments, field, words):
    meeting = _panel(D(2019, 9, 13))
    before = (PanelReport.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as refusal:
        report_open(actor=officer, meeting=meeting, **{"author": "A. Officer", **arguments})
    assert words in " ".join(refusal.value.message_dict[field])
    assert (PanelReport.objects.count(), AuditEvent.objects.count()) == before


def test_it_refuses_a_second_report_a_sub_committee_meeting_and_a_non_officer(db, officer, user_of):
    cases = [
        (officer, Meeting.objects.get(reference="PANEL_70_1406"), "already has its Panel report"),
        (officer, Meeting.objects.get(reference="SSC_72_2702"), "a meeting of the SSC"),
        (user_of("panel"), _panel(D(2019, 9, 13)), "Only a secretariat officer"),
    ]
    for actor, meeting, words in cases:
        with pytest.raises(ServiceError) as refusal:
            report_open(actor=actor, meeting=meeting, author="A. Officer")
        assert words in str(refusal.value)
