"""The period a Panel report covers, and its date.

The rule (an officer may set another period when opening a report):

* A report covers whole calendar months and ends with the month before its Panel meeting's
  month: the Panel meets mid-month and the paper goes out a week before, so the month before is
  the last complete month it can speak of ("During May 2019" in the June 2019 report).
* It starts the day after the period of the latest earlier report, so that business not yet
  reported is reported once; with no earlier report it starts with the month of the earliest
  Panel meeting on record (nothing before that was ever due to the Panel from this workspace).
* Either way it reaches back at most `first_report_lookback_months` months (three by default),
  so a workspace holding years of imported meetings does not send the Panel years of news.

The demo workspace records Panel meetings from April 2019 and no report before June's, so the
June 2019 report covers April and May 2019: its highlights are May's, its Director's Letters
April's, and the counts are stated for each calendar month in which the SSC set them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    return add_months(day, 1) - dt.timedelta(days=1)


def month_name(day: dt.date) -> str:
    return f"{day:%B %Y}"


def months_in(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every calendar month the period touches, in order."""
    months, month = [], month_start(start)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def period_words(start: dt.date, end: dt.date) -> str:
    """'May 2019', 'April and May 2019', 'November 2019 to January 2020'."""
    months = months_in(start, end)
    first, last = months[0], months[-1]
    if first == last:
        return month_name(first)
    if first.year != last.year:
        return f"{month_name(first)} to {month_name(last)}"
    joiner = " and " if len(months) == 2 else " to "
    return f"{first:%B}{joiner}{month_name(last)}"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def months(self) -> list[dt.date]:
        return months_in(self.start, self.end)

    @property
    def words(self) -> str:
        return period_words(self.start, self.end)

    def slice(self, month: dt.date) -> tuple[dt.date, dt.date]:
        """The part of the period inside one calendar month."""
        return max(self.start, month), min(self.end, month_end(month))


def default_period(meeting, *, lookback_months: int) -> Period:
    """The period of the report for a Panel meeting, by the rule above."""
    from secretariat.meetings.models import Meeting
    from secretariat.reports.models import PanelReport

    previous = (
        PanelReport.objects.filter(meeting__date__lt=meeting.date)
        .order_by("-meeting__date")
        .values_list("period_end", flat=True)
        .first()
    )
    first = None
    if previous is None:
        first = (
            Meeting.objects.filter(body_id=meeting.body_id)
            .order_by("date")
            .values_list("date", flat=True)
            .first()
        )
    return period_by_rule(meeting.date, previous, first, lookback_months=lookback_months)


def period_by_rule(
    meeting_date: dt.date,
    previous_end: dt.date | None,
    first_met: dt.date | None,
    *,
    lookback_months: int,
) -> Period:
    """The rule above, from what it needs: the end of the latest earlier report's period, and
    the day of the Panel's earliest meeting on record (asked only without an earlier report)."""
    end = default_period_end(meeting_date)
    if previous_end is not None:
        start = previous_end + dt.timedelta(days=1)
    else:
        start = month_start(first_met or meeting_date)
    start = max(start, add_months(end, 1 - max(lookback_months, 1)))
    if start > end:
        start = month_start(end)
    return Period(start, end)


def default_period_end(month: dt.date) -> dt.date:
    """The last day a default period covers, for a report in `month`."""
    return month_start(month) - dt.timedelta(days=1)


def default_report_date(meeting, *, days_before: int) -> dt.date:
    return meeting.date - dt.timedelta(days=days_before)
