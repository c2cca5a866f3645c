"""Reads of the directory that cross models."""

from __future__ import annotations

import datetime as dt

from secretariat.core import clock
from secretariat.directory.models import Body, Membership, Role
from secretariat.labels.access import covering_q


def current_members(body: Body, day: dt.date | None = None) -> list[Membership]:
    """Who holds a seat on the body today: chair first, then members, alternates, observers.
    Membership of a body is public (WHITE); the secretariat is listed apart."""
    day = day or clock.today()
    order: dict[str, int] = {
        Role.CHAIR: 0,
        Role.MEMBER: 1,
        Role.ALTERNATE: 2,
        Role.OBSERVER: 3,
        Role.SECRETARIAT: 4,
    }
    memberships = (
        Membership.objects.filter(body=body)
        .filter(covering_q(day))
        .select_related("person__organisation")
    )
    return sorted(memberships, key=lambda m: (order[m.role], m.person.full_name))
