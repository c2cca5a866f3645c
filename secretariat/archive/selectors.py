"""Reads over a generated archive that the benchmark and the query-budget tests share."""

from __future__ import annotations

from secretariat.archive.generator.world import USERNAME_PREFIX
from secretariat.directory.models import PartyCategory, Person
from secretariat.meetings.models import Attendance, Meeting

PERSONAS = ("anonymous", "officer", "present", "absent", "party")
MEMBER_CAPACITIES = (Attendance.Capacity.MEMBER, Attendance.Capacity.CHAIR)


def sample_meeting(body_code: str = "SSC") -> Meeting | None:
    """The body's latest closed meeting at which a member sent apologies: every persona has a
    part to play there."""
    return (
        Meeting.objects.filter(
            body__code=body_code,
            status=Meeting.Status.CLOSED,
            attendance__status=Attendance.Status.APOLOGIES,
            attendance__person__user__username__startswith=USERNAME_PREFIX,
        )
        .select_related("body")
        .order_by("-date")
        .first()
    )


def readers_of(meeting: Meeting) -> dict:
    """A user for each persona that matters at `meeting`, drawn from the generated people: the
    officer who minuted it, a member present, a member who sent apologies, and a user of a Small
    Supplier with no seat anywhere. `anonymous` is None."""
    attendance = list(
        Attendance.objects.filter(
            meeting=meeting, person__user__username__startswith=USERNAME_PREFIX
        )
        .select_related("person__user")
        .order_by("person_id")
    )

    def first(status: str, capacities) -> object:
        # In the order given: a plain member before the chair, who may also edit drafts.
        return next(
            record.person.user
            for capacity in capacities
            for record in attendance
            if record.status == status and record.capacity == capacity
        )

    party = (
        Person.objects.filter(
            user__username__startswith=USERNAME_PREFIX,
            organisation__category=PartyCategory.SMALL_SUPPLIER,
            memberships__isnull=True,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return {
        "anonymous": None,
        "officer": first(Attendance.Status.PRESENT, (Attendance.Capacity.SECRETARIAT,)),
        "present": first(Attendance.Status.PRESENT, MEMBER_CAPACITIES),
        "absent": first(Attendance.Status.APOLOGIES, MEMBER_CAPACITIES),
        "party": party.user if party else None,
    }
