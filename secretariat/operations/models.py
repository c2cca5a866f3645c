"""The operations register: the DCC's major incidents and their causes, performance measures and
their monthly values, reports and commitments the DCC owes, sub-group issue logs, milestones, and
devices on the Certified Products List with their CPA certificates and remediation deadlines.

Each record belongs to a body (the OPSG, the DQSG, the SSC) and carries its own label; its scope
is the body's membership on the record's date. Defaults follow the issue: performance measures
GREEN; incidents, owed reports, sub-group issues and remediation deadlines AMBER; the Certified
Products List and milestones WHITE, as published.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from simple_history.models import HistoricalRecords

from secretariat.directory.models import Body, Organisation
from secretariat.labels.models import Label, LabelField
from secretariat.meetings.models import AgendaItem


class Rating(models.IntegerChoices):
    """Ordered like labels: a higher value is worse."""

    GREEN = 0, "GREEN"
    AMBER = 1, "AMBER"
    RED = 2, "RED"


class IncidentCause(models.Model):
    """A cause the DCC gives for incidents; officers extend the list."""

    name = models.CharField(max_length=200, unique=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Incident(models.Model):
    class Severity(models.IntegerChoices):
        ONE = 1, "Category 1"
        TWO = 2, "Category 2"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="incidents")
    reference = models.CharField(max_length=20, unique=True, help_text="'MI-2019-04-01'.")
    occurred_on = models.DateField()
    service = models.CharField(max_length=200)
    duration_minutes = models.PositiveIntegerField()
    severity = models.PositiveSmallIntegerField(choices=Severity.choices)
    summary = models.TextField(blank=True)
    causes = models.ManyToManyField(IncidentCause, blank=True, related_name="incidents")
    label = LabelField(default=Label.AMBER)
    history = HistoricalRecords(m2m_fields=[causes])

    class Meta:
        ordering = ["-occurred_on", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.service}"


class IncidentReview(models.Model):
    """An agenda item that reviewed an incident."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="incident_reviews")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reviews")
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__meeting__date", "item__number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "incident"], name="unique_incident_review")
        ]

    def __str__(self) -> str:
        return f"{self.item} reviewed {self.incident_id}"


class StreakRule(models.Model):
    """How many consecutive months at AMBER or worse make a measure's streak reportable, from a
    date: data, so that the Panel may change its mind."""

    valid_from = models.DateField(unique=True)
    months = models.PositiveSmallIntegerField(default=3)
    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.months} months from {self.valid_from}"


class Measure(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="measures")
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, default="%")
    target = models.DecimalField(max_digits=12, decimal_places=3)
    minimum = models.DecimalField(
        max_digits=12, decimal_places=3, help_text="The Minimum Service Level."
    )
    higher_is_better = models.BooleanField(default=True)
    report_phrase = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the Panel report names it for the public: 'a performance metric related "
        "to OTA'. Empty: the report names it only if its label allows.",
    )
    label = LabelField(default=Label.GREEN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def rating(self, value: Decimal) -> Rating:
        """GREEN at or beyond the target, AMBER between it and the minimum, RED past it."""
        if self.higher_is_better:
            if value >= self.target:
                return Rating.GREEN
            return Rating.AMBER if value >= self.minimum else Rating.RED
        if value <= self.target:
            return Rating.GREEN
        return Rating.AMBER if value <= self.minimum else Rating.RED


class MeasureValue(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    month = models.DateField(help_text="The first day of the month.")
    value = models.DecimalField(max_digits=12, decimal_places=3)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "month"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "month"], name="unique_measure_month")
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.month:%Y-%m}: {self.value}"


class OwedReport(models.Model):
    """A report or commitment the DCC owes a body."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="owed_reports")
    owed_by = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="owed_reports"
    )
    title = models.CharField(max_length=300)
    asked_at = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="owed_reports"
    )
    asked_on = models.DateField()
    due_on = models.DateField()
    delivered_on = models.DateField(null=True, blank=True)
    escalated_on = models.DateField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations_received"
    )
    label = LabelField(default=Label.AMBER)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, day: dt.date) -> bool:
        return self.delivered_on is None and self.due_on < day

    def was_overdue_on(self, day: dt.date) -> bool:
        delivered = self.delivered_on
        return self.due_on < day and (delivered is None or delivered > day)


class SubGroupIssue(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PROPOSED_CLOSURE = "proposed_closure", "Proposed for closure"
        CLOSED = "closed", "Closed"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="issues")
    reference = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=300)
    raised_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    priority = models.PositiveSmallIntegerField(help_text="1 is the most urgent.")
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.TextField(blank=True)
    label = LabelField(default=Label.AMBER)
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Reprioritisation(models.Model):
    """A change of an issue's priority: its history, with the reason and the meeting item."""

    issue = models.ForeignKey(
        SubGroupIssue, on_delete=models.PROTECT, related_name="reprioritisations"
    )
    changed_on = models.DateField()
    before = models.PositiveSmallIntegerField()
    after = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=300, blank=True)
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["issue", "changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.issue_id}: {self.before} → {self.after} on {self.changed_on}"


class Milestone(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="milestones")
    programme = models.CharField(max_length=120, help_text="'Live Services Criteria'.")
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    met_on = models.DateField(null=True, blank=True)
    label = LabelField(default=Label.WHITE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.programme}: {self.title}"


class Device(models.Model):
    """A device on the Certified Products List."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="devices")
    manufacturer = models.CharField(max_length=120)
    model = models.CharField(max_length=120)
    listed_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    label = LabelField(default=Label.WHITE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["manufacturer", "model"]
        constraints = [
            models.UniqueConstraint(fields=["manufacturer", "model"], name="unique_cpl_device")
        ]

    def __str__(self) -> str:
        return f"{self.manufacturer} {self.model}"


class CpaCertificate(models.Model):
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(max_length=40, unique=True)
    issued_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    conditional = models.BooleanField(default=False)
    label = LabelField(default=Label.WHITE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["device", "issued_on"]

    def __str__(self) -> str:
        return self.number


class RemediationDeadline(models.Model):
    """The date by which a device with a conditional certificate must be remediated, or be
    considered for removal from the CPL."""

    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="deadlines")
    deadline = models.DateField()
    remediated_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    label = LabelField(default=Label.AMBER)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"Remediation by {self.deadline}"
