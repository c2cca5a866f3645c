"""Count sentences from the assurance register, worded as the seed words them.

Each count is stated for the calendar month of the SSC meetings that set it: one sentence per
month of the period with a count above zero, in month order. When every month of the period is
zero, one sentence says so for the latest month of the period in which the SSC met (the month the
Panel would expect news of), or the period's last month if it did not meet.

The sentences are WHITE: a number of decisions names no party.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from secretariat.assurance import selectors as register
from secretariat.assurance.models import ASSURANCE_BODY_CODE, StatusKind
from secretariat.assurance.period import PeriodRegister
from secretariat.core.services import ServiceError
from secretariat.meetings.models import Meeting
from secretariat.reports.models import ReportSection
from secretariat.reports.numbers import in_words
from secretariat.reports.periods import Period, month_name, month_start

CountKind = ReportSection.CountKind

# Count kinds the register's `status_counts` answers directly.
_STATUS_COUNT_KINDS: dict[str, str] = {
    CountKind.FUSA: "fusa",
    CountKind.VUSA: "vusa",
    CountKind.SSA: "ssa",
    CountKind.DIRECTORS_LETTERS: register.LETTERS,
    CountKind.NOTIFICATIONS: register.NOTIFICATIONS,
}


@dataclass(frozen=True)
class MonthCount:
    month: dt.date
    number: int


def _assurance_statuses(period: Period, facts) -> dict[dt.date, int]:
    """Assessments whose Assurance Status the SSC set, per month. An Assurance Status follows a
    FUSA or a follow-up of one, so it is counted from the decisions rather than by type."""
    assessed: dict[dt.date, set[int]] = defaultdict(set)
    for decision in facts.decisions_for_period(period.start, period.end):
        if decision.status_kind == StatusKind.ASSURANCE.label:
            assessed[month_start(decision.effective_from)].add(decision.assessment_id)
    return {month: len(ids) for month, ids in assessed.items()}


def monthly_counts(kind: str, period: Period, facts=None) -> list[MonthCount]:
    """The count of one kind for every calendar month of the period. `facts`: the period's
    register read once (`PeriodRegister`), for a compile that asks of several kinds; without it,
    each count asks the database."""
    facts = facts or PeriodRegister(period.start, period.end)
    if kind == CountKind.ASSURANCE_STATUS:
        per_month = _assurance_statuses(period, facts)
        return [MonthCount(month, per_month.get(month, 0)) for month in period.months]
    if kind not in _STATUS_COUNT_KINDS:
        raise ValueError(f"{kind!r} is not a count of the register.")
    counts = []
    for month in period.months:
        start, end = period.slice(month)
        counts.append(MonthCount(month, facts.total(_STATUS_COUNT_KINDS[kind], start, end)))
    return counts


def _ssc_meetings(start, end):
    return Meeting.objects.filter(
        body__code=ASSURANCE_BODY_CODE, date__gte=start, date__lte=end
    ).order_by("-date")


def last_met_read_with(report: str = "") -> Subquery:
    """An annotation for a query of reports (`ssc_last_met`): the day the SSC last met in each
    report's period, read with the report for `quiet_month`. `report`: the path to the report
    when the query is of something else (`panel_report__` from its Panel meeting)."""
    return Subquery(
        _ssc_meetings(OuterRef(f"{report}period_start"), OuterRef(f"{report}period_end")).values(
            "date"
        )[:1]
    )


def last_met_by(end: dt.date) -> Subquery:
    """An annotation: the day the SSC last met on or before `end`. A default period ends on a
    day known from the month's address, so the latest SSC meeting of any period ending then is
    this day when it falls within the period (`quiet_month` is asked before the period's start
    is known)."""
    return Subquery(
        Meeting.objects.filter(body__code=ASSURANCE_BODY_CODE, date__lte=end)
        .order_by("-date")
        .values("date")[:1]
    )


def quiet_month(period: Period, report=None) -> dt.date:
    """The month a zero count is stated for: the latest month of the period in which the SSC
    met, else the period's last month. `report`: one read with `last_met_read_with`."""
    if report is not None and "ssc_last_met" in report.__dict__:
        last_meeting = report.__dict__["ssc_last_met"]
    else:
        last_meeting = (
            _ssc_meetings(period.start, period.end).values_list("date", flat=True).first()
        )
    return month_start(last_meeting or period.end)


def sentence(template: str, *, month: dt.date | str, number: int | None = None) -> str:
    words = in_words(number) if number is not None else ""
    return template.format(
        month=month if isinstance(month, str) else month_name(month),
        number=words,
        Number=words[:1].upper() + words[1:],
    )


def sentences_for(
    section: ReportSection, period: Period, *, quiet: dt.date | None = None, facts=None
) -> list[str]:
    counts = [count for count in monthly_counts(section.count_kind, period, facts) if count.number]
    if not counts:
        return [sentence(section.sentence_none, month=quiet or quiet_month(period))]
    return [
        sentence(
            section.sentence_one if count.number == 1 else section.sentence_many,
            month=count.month,
            number=count.number,
        )
        for count in counts
    ]


PLACEHOLDERS = {"month", "number", "Number"}


def check_template(text: str, field: str) -> None:
    """Refuse a sentence template whose placeholders the compile cannot fill."""
    try:
        sentence(text, month=dt.date(2019, 5, 1), number=2)
    except (KeyError, IndexError, ValueError) as error:
        raise ServiceError(
            {
                field: f"The sentence cannot be filled in ({error}): use only "
                + ", ".join("{" + name + "}" for name in sorted(PLACEHOLDERS))
                + ", and double any other brace."
            }
        ) from None
