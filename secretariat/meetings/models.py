"""Meetings, attendance, agenda items with their sub-points, papers and outcomes."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import models
from simple_history.models import HistoricalRecords

from secretariat.directory.models import Body, Organisation, Person
from secretariat.labels.models import Label, LabelField


def meeting_reference(body_code: str, number: int, date: dt.date) -> str:
    """`SSC_72_2702`: body code, meeting number, day and month."""
    return f"{body_code}_{number}_{date:%d%m}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        CLOSED = "closed", "Closed"
        # Called off before it was held (`meeting_cancel`): it keeps its reference, its UID in
        # calendars and its record, so that everyone who had it is told.
        CANCELLED = "cancelled", "Cancelled"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField()
    reference = models.CharField(max_length=40, unique=True, editable=False)
    date = models.DateField(db_index=True)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    location = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    label = LabelField(help_text="Who may know the meeting exists: WHITE for almost every meeting.")
    # Why it was cancelled: shown with the meeting, so it carries the meeting's own label.
    cancellation_reason = models.TextField(blank=True, max_length=2000)
    next_meeting_date = models.DateField(null=True, blank=True)
    # Bumped by the services on every change: a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "body__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"], name="unique_meeting_number_per_body"
            )
        ]
        indexes = [models.Index(fields=["body", "date"])]

    def __str__(self) -> str:
        return self.reference

    def derive_reference(self) -> str:
        return meeting_reference(self.body.code, self.number, self.date)


class Paper(models.Model):
    """A paper tabled for a body. Its title has a label of its own; RED papers go to a named
    distribution."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="papers")
    reference = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    title_label = LabelField()
    label = LabelField(help_text="The paper's own classification.")
    distribution = models.ManyToManyField(Person, blank=True, related_name="papers_received")
    history = HistoricalRecords(m2m_fields=[distribution])

    class Meta:
        ordering = ["reference"]

    def __str__(self) -> str:
        return self.reference


class AgendaItem(models.Model):
    """A numbered agenda item, or a sub-point of one (the bullets of Matters Arising).

    Each text has its own label: the title, the public summary and the restricted text (which
    carries the item's label). Outcomes and actions hang off the item."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "Item"
        MATTERS_ARISING = "matters_arising", "Matters Arising"
        MINUTES = "minutes", "Minutes and Actions Outstanding"
        STANDING = "standing", "Standing items"
        AOB = "aob", "Any Other Business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_points"
    )
    number = models.PositiveSmallIntegerField(help_text="Position: item number, or bullet order.")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    label = LabelField(help_text="The item's label, shown beside its title.")
    title = models.CharField(max_length=300, blank=True)
    title_label = LabelField()
    summary = models.TextField(
        blank=True, help_text="What may be said of the item at summary_label."
    )
    summary_label = LabelField()
    restricted_text = models.TextField(
        blank=True, help_text="The full record of the item, at the item's label."
    )
    withheld_notice = models.BooleanField(
        default=True,
        help_text="Say where the item is recorded when its content is withheld from a reader.",
    )
    presenter = models.CharField(max_length=200, blank=True)
    party = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_items"
    )
    papers = models.ManyToManyField(Paper, blank=True, related_name="items")
    # Feed for the monthly Panel report: an officer marks the item and writes its highlight.
    report_to_panel = models.BooleanField(default=False)
    report_heading = models.CharField(max_length=200, blank=True)
    report_text = models.TextField(blank=True)
    report_label = LabelField()
    # Bumped by the services on every change: a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[papers])

    class Meta:
        ordering = ["meeting", "parent_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=models.Q(parent__isnull=True),
                name="unique_item_number",
            ),
            models.UniqueConstraint(
                fields=["parent", "number"],
                condition=models.Q(parent__isnull=False),
                name="unique_sub_point_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}:{self.number} {self.title}"[:120]

    @property
    def is_sub_point(self) -> bool:
        return self.parent_id is not None


class Attendance(models.Model):
    """One person's attendance at a meeting: whether they came, in which capacity, and which
    items they heard.

    Full attendance (PRESENT) hears every item and needs no rows beyond this one. Part
    attendance (PART: arrived late, left early, stepped out while their own organisation was
    discussed) hears exactly the items in `items_heard` (top-level items; their sub-points
    follow them), so RED on any other item does not reach them. The secretariat officers
    recorded at a meeting minute all of it, whatever their status says."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        PART = "part", "Present for part"
        APOLOGIES = "apologies", "Apologies"

    class Capacity(models.TextChoices):
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Member"
        ALTERNATE = "alternate", "Alternate"
        SECRETARIAT = "secretariat", "Secretariat"
        OBSERVER = "observer", "Observer"
        GUEST = "guest", "Guest"
        PRESENTER = "presenter", "Presenter of an item"

    # Statuses whose holders were there for some or all of the meeting.
    HEARD = (Status.PRESENT, Status.PART)
    # Capacities that hold a seat (or minute the meeting): the register's RED opens to those who
    # heard its item in one of these; observers, guests and presenters only where named.
    SEATED = (Capacity.CHAIR, Capacity.MEMBER, Capacity.ALTERNATE, Capacity.SECRETARIAT)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=12, choices=Status.choices)
    capacity = models.CharField(max_length=12, choices=Capacity.choices, default=Capacity.MEMBER)
    note = models.CharField(
        max_length=200, blank=True, help_text="For part attendance: why, in words."
    )
    items_heard = models.ManyToManyField(
        AgendaItem,
        blank=True,
        related_name="heard_by",
        help_text="For part attendance only: the items this person heard. Empty otherwise.",
    )
    history = HistoricalRecords(m2m_fields=[items_heard])

    class Meta:
        ordering = ["meeting", "capacity", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance")
        ]
        indexes = [models.Index(fields=["person", "status", "meeting"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()} ({self.meeting})"

    @property
    def state(self) -> str:
        """What the row holds, as `attendance_state` writes it (reads its items heard)."""
        heard = {item.pk for item in self.items_heard.all()}
        return attendance_state(self.status, self.capacity, self.note, heard)


NOT_RECORDED = "none"


def recorded_state(row: Attendance | None) -> str:
    """A row's `state`, or `NOT_RECORDED` for no row."""
    return NOT_RECORDED if row is None else row.state


def attendance_state(status: str, capacity: str, note: str, heard) -> str:
    """A row of attendance in a few characters, the same for the same status, capacity, note and
    (for part attendance) items heard, however it was read: what a writer saw, sent back with a
    change, so that a change made meanwhile by someone else is seen. Attendance keeps no version
    number; its state is its version. `NOT_RECORDED` for no row."""
    if not status:
        return NOT_RECORDED
    items = ",".join(str(pk) for pk in sorted(heard)) if status == Attendance.Status.PART else ""
    text = "\x1f".join((status, capacity, note, items))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class OutcomeVerb(models.Model):
    """A decision verb officers may extend: NOTED, AGREED, APPROVED, RECOMMENDED, ..."""

    word = models.CharField(max_length=32, unique=True)
    description = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    # Bumped by the services on every change: a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class Outcome(models.Model):
    """A decision on an item: 'The SSC **AGREED** the Compliance Status for ...'."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField(default=1)
    verb = models.ForeignKey(OutcomeVerb, on_delete=models.PROTECT, related_name="outcomes")
    text = models.TextField(help_text="What the verb applies to, e.g. 'the update'.")
    label = LabelField()
    # Where the minute-taker wrote it: inside a sentence of the item's text rather than as a
    # sentence of its own ("… held on 13 February 2019, and the SSC **APPROVED** the Draft
    # Minutes as written.", as the seed writes item 2).
    joins_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Written at the end of this paragraph of the item's summary (1 is the first), "
        "joined with 'and'; empty: a sentence of its own after the item's text. Joined only "
        "where the paragraph and the outcome carry the same label.",
    )
    # Bumped by the services on every change: a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position"]

    def __str__(self) -> str:
        return f"{self.verb} {self.text}"[:120]


__all__ = [
    "AgendaItem",
    "Attendance",
    "Label",
    "Meeting",
    "Outcome",
    "OutcomeVerb",
    "Paper",
    "meeting_reference",
]
