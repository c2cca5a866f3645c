"""`secretariat assurance_due [--as-of DATE] [--window DAYS] [--all] [--as USERNAME]`: the
assessments each User owes next, overdue first.

Run by an operator, it lists every User, by pseudonym. With `--as USERNAME` it lists only what
that person may see through the one door, and names parties as that person may see them."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from secretariat.assurance import planner
from secretariat.core import clock
from secretariat.directory.access import party_name
from secretariat.meetings.readers import reader_for


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of {value!r} is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    summary = "List the User Security Assessments due or overdue as of a day."
    help = (
        "List the User Security Assessments that are due or overdue as of a day (today by "
        "default), overdue first. Prints the day it plans as of, and warns when the register's "
        "records end more than a year before it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            default="",
            help="The day to plan as of, YYYY-MM-DD (default today; the demo's records are of "
            "2019: try 2019-06-30).",
        )
        parser.add_argument(
            "--window",
            type=int,
            default=planner.DEFAULT_WINDOW_DAYS,
            help=f"Days ahead that count as due (default {planner.DEFAULT_WINDOW_DAYS}).",
        )
        parser.add_argument(
            "--all", action="store_true", help="List every User, not only what is due or overdue."
        )
        parser.add_argument(
            "--as",
            dest="username",
            default="",
            help="List only what this user may see, naming parties as they may see them.",
        )

    def handle(self, *args, as_of: str, window: int, all: bool, username: str, **options):
        day = _date(as_of) if as_of else clock.today()
        if window < 0:
            raise CommandError(f"--window {window} must be 0 or more days.")
        reader = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"--as {username!r}: there is no such user.")
            reader = reader_for(user)
        rows = planner.plan(day, window_days=window)
        if not all:
            rows = [r for r in rows if r.state in (planner.DueState.OVERDUE, planner.DueState.DUE)]
        if reader is not None:
            rows = [row for row in rows if reader.admits(row.label, row.scope)]
        self._warn_if_stale(day, given=bool(as_of))
        self.stdout.write(f"Assessments due as of {day:%d %B %Y} (window {window} days):")
        if not rows:
            self.stdout.write("  Nothing due.")
            return
        for row in rows:
            name = (
                party_name(reader, row.organisation)
                if reader is not None
                else row.organisation.public_name
            )
            what = f"{row.kind_abbreviation} (year {row.cycle_year})" if row.kind else "—"
            due = f"{row.due_on:%d %b %Y}" if row.due_on else "—"
            booked = f" booked {row.booked.reference}" if row.booked else ""
            self.stdout.write(
                f"  {row.state_label.upper():<9} {due:<12} {what:<16} {name}{booked}"
                + (f" — {row.note}" if row.state == planner.DueState.NO_RULE else "")
            )

    def _warn_if_stale(self, day: dt.date, *, given: bool) -> None:
        end = planner.records_end()
        if end is None or day - end <= planner.STALE_AFTER:
            return
        since = "today" if not given else "--as-of"
        self.stderr.write(
            self.style.WARNING(
                f"Warning: the register's records end on {end:%d %B %Y}, "
                f"{(day - end).days:,} days before {day:%d %B %Y} ({since}): what is due "
                f"since then was never recorded, so cycles read overdue. "
                f"Give --as-of YYYY-MM-DD to plan as of another day, e.g. --as-of {end.isoformat()}."
            )
        )
