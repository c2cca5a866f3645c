"""Monthly ratings and streaks of the performance measures, computed from the levels and values:
nothing here is stored, so a corrected value changes every rating, streak and sentence built on
it.

A streak is the run of consecutive calendar months, ending at the latest month reported on or
before a day, whose rating is AMBER or worse; a month without a value ends it. It is reportable
when it is at least as long as the streak rule in force on that day (three months by default)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from secretariat.operations.models import Measure, MeasureValue, Rating, StreakRule

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


def streak_months_on(day: str):
    """`streak_months` as a database expression, for rows that reach a day through the path
    `day`: the rule in force is read with them."""
    in_force = StreakRule.objects.filter(valid_from__lte=OuterRef(day)).order_by("-valid_from")
    return Coalesce(Subquery(in_force.values("months")[:1]), Value(DEFAULT_STREAK_MONTHS))


def reportable_streaks(measures, day: dt.date, threshold: int | None = None) -> list[Streak]:
    """`threshold`: the streak rule's months in force on `day`, when read already."""
    threshold = streak_months(day) if threshold is None else threshold
    found = [streak(measure, day) for measure in measures]
    return [s for s in found if s.length >= threshold]


def measures_with_values() -> list[Measure]:
    """Every measure with its values (as `prefetch_related("values")` leaves them), in one query:
    a measure joined to its values, one row per value and one for a measure without any."""
    fields = [f.attname for f in Measure._meta.concrete_fields]
    value_fields = ["id", "month", "value"]
    rows = Measure.objects.order_by("code", "values__month").values_list(
        *fields, *(f"values__{name}" for name in value_fields)
    )
    db = rows.db
    measures: dict[int, Measure] = {}
    values: dict[int, list[MeasureValue]] = defaultdict(list)
    for row in rows:
        own, value = row[: len(fields)], row[len(fields) :]
        measure = measures.get(own[0])
        if measure is None:
            measure = measures[own[0]] = Measure.from_db(db, fields, own)
        if value[0] is not None:
            values[measure.pk].append(
                MeasureValue.from_db(db, ["measure_id", *value_fields], (measure.pk, *value))
            )
    for measure in measures.values():
        read = measure.values.all()
        read._result_cache = values[measure.pk]  # type: ignore[attr-defined]
        read._prefetch_done = True  # type: ignore[attr-defined]
        measure._prefetched_objects_cache = {"values": read}  # type: ignore[attr-defined]
    return list(measures.values())
