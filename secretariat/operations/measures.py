"""Monthly ratings and streaks of the performance measures, computed from the levels and values:
nothing here is stored, so a corrected value changes every rating, streak and sentence built on
it.

A streak is the run of consecutive calendar months, ending at the latest month reported on or
before a day, whose rating is AMBER or worse; a month without a value ends it. It is reportable
when it is at least as long as the streak rule in force on that day (three months by default)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from secretariat.operations.models import Measure, Rating, StreakRule

DEFAULT_STREAK_MONTHS = 3


@dataclass(frozen=True)
class Month:
    month: dt.date
    value: Decimal
    rating: Rating


@dataclass(frozen=True)
class Streak:
    measure: Measure
    months: tuple[Month, ...]

    @property
    def length(self) -> int:
        return len(self.months)

    @property
    def worst(self) -> Rating:
        return max((m.rating for m in self.months), default=Rating.GREEN)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def rated(measure: Measure) -> list[Month]:
    """Every month of a measure, in order (uses prefetched `values`)."""
    return [
        Month(value.month, value.value, measure.rating(value.value))
        for value in sorted(measure.values.all(), key=lambda v: v.month)
    ]


def rated_values(measure: Measure, values) -> list[Month]:
    """`rated` from (month, value) pairs already in month order (read without the rows)."""
    return [Month(month, value, measure.rating(value)) for month, value in values]


def streak(measure: Measure, day: dt.date, rated_months: list[Month] | None = None) -> Streak:
    """`rated_months`: the measure's `rated` months, where the caller has them already."""
    if rated_months is None:
        rated_months = rated(measure)
    months = [m for m in rated_months if m.month <= day]
    run: list[Month] = []
    for month in reversed(months):
        if month.rating < Rating.AMBER or (run and next_month(month.month) != run[-1].month):
            break
        run.append(month)
    return Streak(measure, tuple(reversed(run)))


def streak_months(day: dt.date, rules: list[StreakRule] | None = None) -> int:
    """The streak rule in force on `day`."""
    if rules is None:
        rules = list(StreakRule.objects.filter(valid_from__lte=day).order_by("valid_from"))
    in_force = [rule for rule in rules if rule.valid_from <= day]
    return in_force[-1].months if in_force else DEFAULT_STREAK_MONTHS


def reportable_streaks(measures, day: dt.date) -> list[Streak]:
    threshold = streak_months(day)
    found = [streak(measure, day) for measure in measures]
    return [s for s in found if s.length >= threshold]
