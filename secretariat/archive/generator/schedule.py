"""When each body meets: dates at its cadence, numbers and references that respect what the
workspace already holds."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import random
from dataclasses import dataclass

from secretariat.directory.models import Body, Cadence
from secretariat.meetings.models import Meeting, meeting_reference

# (weekday, which one in the month) of each monthly body: the Panel meets on the second Friday.
MONTHLY = {
    "PANEL": (calendar.FRIDAY, 2),
    "OPSG": (calendar.TUESDAY, 1),
    "DQSG": (calendar.TUESDAY, 3),
    "SMKIPMA": (calendar.WEDNESDAY, 3),
    "TABASC": (calendar.THURSDAY, 1),
    "TAG": (calendar.THURSDAY, 4),
    "CSC": (calendar.MONDAY, 3),
    "CB": (calendar.WEDNESDAY, 4),
}


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (nth - 1))


def cadence_dates(base_code: str, cadence: str, year: int, rng: random.Random) -> list[dt.date]:
    if cadence == Cadence.TWICE_MONTHLY:
        dates = []
        for month in range(1, 13):
            dates.append(nth_weekday(year, month, calendar.WEDNESDAY, 2))
            if month != 12:
                dates.append(nth_weekday(year, month, calendar.WEDNESDAY, 4))
        return dates
    if cadence == Cadence.QUARTERLY:
        return [nth_weekday(year, month, calendar.TUESDAY, 2) for month in (1, 4, 7, 10)]
    if cadence == Cadence.AS_NEEDED:
        wanted = rng.randint(3, 7)
        days: set[dt.date] = set()
        while len(days) < wanted:
            day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            if day.weekday() < 5:
                days.add(day)
        return sorted(days)
    weekday, nth = MONTHLY.get(base_code, (calendar.THURSDAY, 2))
    return [nth_weekday(year, month, weekday, nth) for month in range(1, 13)]


@dataclass
class Slot:
    """One meeting the archive will hold."""

    body: Body
    base_code: str
    index: int  # position in the body's run of meetings, from 0
    date: dt.date
    number: int
    reference: str
    previous_date: dt.date | None = None
    next_date: dt.date | None = None


def plan_meetings(bodies, *, seed: int, first_year: int, last_year: int) -> dict[int, list[Slot]]:
    """Every body's meetings, numbered from 1 in date order, skipping the numbers, dates and
    references of meetings already in the workspace (the demo's SSC_72 keeps its number)."""
    existing = list(Meeting.objects.values_list("body_id", "number", "date", "reference"))
    references = {reference for *_, reference in existing}
    slots: dict[int, list[Slot]] = {}
    for plan in bodies:
        body = plan.body
        numbers = {number for body_id, number, _, _ in existing if body_id == body.pk}
        taken_dates = {date for body_id, _, date, _ in existing if body_id == body.pk}
        run: list[Slot] = []
        number = 0
        for year in range(first_year, last_year + 1):
            rng = random.Random(f"{seed}:dates:{body.code}:{year}")
            for date in cadence_dates(plan.base_code, body.cadence, year, rng):
                if date in taken_dates:
                    continue
                number += 1
                while number in numbers or meeting_reference(body.code, number, date) in references:
                    number += 1
                reference = meeting_reference(body.code, number, date)
                references.add(reference)
                run.append(Slot(body, plan.base_code, len(run), date, number, reference))
        every_date = sorted({slot.date for slot in run} | taken_dates)
        following = dict(itertools.pairwise(every_date))
        preceding = {after: before for before, after in following.items()}
        for slot in run:
            slot.next_date = following.get(slot.date)
            slot.previous_date = preceding.get(slot.date)
        slots[body.pk] = run
    return slots
