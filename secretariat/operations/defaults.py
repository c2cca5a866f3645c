"""What a new workspace starts with: the streak rule (three months) and the causes the seeds
give for incidents. Installed by a data migration; officers change both as data."""

from __future__ import annotations

import datetime as dt

STREAK_RULE = (dt.date(2013, 9, 23), 3)
CAUSES = [
    "Large unexpected volumes of Service Requests",
    "Other volume related issues",
    "Service Provider software defect",
    "Planned maintenance overrun",
]


def install(apps) -> None:
    StreakRule = apps.get_model("operations", "StreakRule")
    IncidentCause = apps.get_model("operations", "IncidentCause")
    valid_from, months = STREAK_RULE
    StreakRule.objects.get_or_create(valid_from=valid_from, defaults={"months": months})
    for name in CAUSES:
        IncidentCause.objects.get_or_create(name=name)
