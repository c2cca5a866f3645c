"""The clock: "today" is London's day wherever the server runs.

Every rule that asks for today (a term in force, an assessment overdue, a report's period) asks
here; a test forbids `date.today()` elsewhere."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def now() -> dt.datetime:
    """An aware datetime, in London's zone."""
    return timezone.now().astimezone(LONDON)


def today() -> dt.date:
    """London's calendar day."""
    return now().date()
