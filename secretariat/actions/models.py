"""Actions raised at meeting items, and their updates at later meetings."""

from __future__ import annotations

import datetime as dt

from django.db import models
from simple_history.models import HistoricalRecords

from secretariat.core import clock
from secretariat.directory.models import Person
from secretariat.labels.models import LabelField
from secretariat.meetings.models import AgendaItem, Meeting


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ON_TARGET = "on_target", "On target"
        COMPLETE = "complete", "Complete"

    # Statuses that keep an action on the body's outstanding list.
    OUTSTANDING = (Status.OPEN, Status.ON_TARGET)

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions_raised")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(max_length=40, unique=True, editable=False)
    text = models.TextField()
    label = LabelField(help_text="At least the label of the item it was raised at.")
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="actions_owned")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    # Bumped by the services on every change: a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "reference"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.reference

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or clock.today()
        return (
            self.status != self.Status.COMPLETE
            and self.due_date is not None
            and self.due_date < today
        )


class ActionUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="action_updates")
    text = models.TextField()
    status = models.CharField(max_length=12, choices=Action.Status.choices)
    label = LabelField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "meeting"], name="one_update_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.action} @ {self.meeting}"
