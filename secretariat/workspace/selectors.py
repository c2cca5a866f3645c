"""Reads the workspace's pages make: what a body's next meeting starts from, who a label will
reach at a meeting, its high-water mark and its quorum. Labelled records come through the door."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from secretariat.actions.access import visible_actions
from secretariat.actions.models import Action
from secretariat.core import clock
from secretariat.directory.models import MEMBER_ROLES, Body, Cadence, Membership, Role
from secretariat.labels.access import Reader, covering_q
from secretariat.labels.models import Label, highest
from secretariat.meetings.models import AgendaItem, Attendance, Meeting
from secretariat.workspace.models import BodyPractice, StandingItem

# How far apart a body's meetings fall, by its cadence; "as needed" plans a month ahead.
CADENCE_DAYS: dict[str, int] = {
    Cadence.TWICE_MONTHLY: 14,
    Cadence.MONTHLY: 28,
    Cadence.QUARTERLY: 91,
    Cadence.AS_NEEDED: 28,
}


def officer_body_ids(reader: Reader) -> frozenset[int]:
    """The bodies the reader serves as a current secretariat officer (no query)."""
    if not reader.is_secretariat:
        return frozenset()
    return frozenset(
        body_id
        for body_id, role, start, end in reader.roles
        if role == Role.SECRETARIAT
        and start <= reader.today
        and (end is None or reader.today <= end)
    )


def standing_items(body: Body) -> list[StandingItem]:
    """The body's agenda template: its own rows, or every body's default rows if it has none."""
    rows = list(StandingItem.objects.filter(body=body, active=True).order_by("position"))
    if rows:
        return rows
    return list(StandingItem.objects.filter(body__isnull=True, active=True).order_by("position"))


@dataclass
class PlanDefaults:
    number: int
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str = ""
    after: Meeting | None = None


def plan_defaults(body: Body, today: dt.date | None = None) -> PlanDefaults:
    """The next meeting as the body's last one and its cadence suggest: the latest number plus
    one; the date the last meeting set, else the cadence from the last date, never in the past;
    the last meeting's times and place."""
    today = today or clock.today()
    latest = Meeting.objects.filter(body=body).order_by("-number").first()
    if latest is None:
        return PlanDefaults(
            number=1, date=today + dt.timedelta(days=CADENCE_DAYS.get(body.cadence, 28))
        )
    step = dt.timedelta(days=CADENCE_DAYS.get(body.cadence, 28))
    date = latest.next_meeting_date or latest.date + step
    while date <= today:
        date += step
    return PlanDefaults(
        number=latest.number + 1,
        date=date,
        start_time=latest.start_time,
        end_time=latest.end_time,
        location=latest.location,
        after=latest,
    )


def outstanding_actions(reader: Reader, body: Body, limit: int | None = None) -> list[Action]:
    """The body's open actions the reader may see, oldest first: what the next meeting carries."""
    actions = visible_actions(
        reader,
        Action.objects.filter(meeting__body=body, status__in=Action.OUTSTANDING).select_related(
            "meeting", "owner"
        ),
    ).order_by("meeting__date", "reference")
    return list(actions[:limit] if limit else actions)


def high_water_mark(items: list[AgendaItem], outcomes=(), actions=()) -> Label:
    """The highest label of any fragment of the meeting: what its full record is marked."""
    labels = [
        label for item in items for label in (item.label, item.title_label, item.summary_label)
    ]
    labels += [outcome.label for outcome in outcomes] + [action.label for action in actions]
    return highest(labels)


@dataclass
class Audience:
    """Who a label will reach at a meeting, as the one rule decides it."""

    label: Label
    sentence: str
    names: list[str] = field(default_factory=list)


def audience(meeting: Meeting, label: Label) -> Audience:
    """The people `label` opens a fragment of `meeting` to, named where the rule names them."""
    label = Label(label)
    if label == Label.WHITE:
        return Audience(label, "Anyone, including the public, once it is published.")
    if label == Label.GREEN:
        return Audience(
            label,
            "Every signed-in user of an SEC Party, the secretariat, and everyone holding a seat "
            "on a body.",
        )
    heard = list(
        Attendance.objects.filter(meeting=meeting, status__in=Attendance.HEARD)
        .select_related("person")
        .order_by("person__full_name")
    )
    if label == Label.RED:
        if not heard:
            return Audience(
                label,
                "Only those recorded present at this meeting: no attendance is recorded yet, so "
                "nobody but the record's editors in the back office.",
            )
        return Audience(
            label,
            "Only those recorded present at this meeting:",
            [a.person.full_name for a in heard],
        )
    members = (
        Membership.objects.filter(body_id=meeting.body_id, role__in=MEMBER_ROLES)
        .filter(covering_q(meeting.date) | covering_q(clock.today()))
        .select_related("person")
        .order_by("person__full_name")
    )
    names = sorted({m.person.full_name for m in members} | {a.person.full_name for a in heard})
    return Audience(
        label,
        f"The secretariat, and the members of {meeting.body.display_code} in office at the "
        "meeting or now, with anyone recorded present:",
        names,
    )


@dataclass
class Quorum:
    needed: int
    present: int

    @property
    def met(self) -> bool:
        return self.present >= self.needed


# Capacities that count towards a quorum: those who sit on the body in their own right.
QUORATE_CAPACITIES = (
    Attendance.Capacity.CHAIR,
    Attendance.Capacity.MEMBER,
    Attendance.Capacity.ALTERNATE,
)


def quorum(meeting: Meeting, attendance: list[Attendance]) -> Quorum | None:
    """The quorum where the body's practice sets one; None where it is not set."""
    practice = BodyPractice.objects.filter(body_id=meeting.body_id).first()
    if practice is None or not practice.quorum:
        return None
    present = sum(
        1
        for row in attendance
        if row.status in Attendance.HEARD and row.capacity in QUORATE_CAPACITIES
    )
    return Quorum(needed=practice.quorum, present=present)


def officer_meetings(reader: Reader) -> Q:
    """The meetings of the bodies the reader serves as an officer."""
    return Q(body_id__in=officer_body_ids(reader))
