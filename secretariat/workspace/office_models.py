"""The workspace's records of members following up: an owner's report on their own action, which
an officer of the body confirms or declines, and the bodies a person follows."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from secretariat.actions.models import Action
from secretariat.directory.models import Body, Person
from secretariat.labels.models import LabelField


class ActionReport(models.Model):
    """An owner's word on their action between meetings: the status they say it has, with a
    note. It changes nothing on the action until an officer of the body confirms it."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for the secretariat"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="owner_reports")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Action.Status.choices)
    note = models.TextField()
    label = LabelField(help_text="At least the action's label.")
    made_at = models.DateTimeField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["state", "action"])]

    def __str__(self) -> str:
        return f"{self.action.reference}: {self.get_status_display()} ({self.get_state_display()})"


class BodyFollow(models.Model):
    """A person following a body: its next meetings and papers come to their dashboard."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="follows")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="followers")
    since = models.DateTimeField()

    class Meta:
        ordering = ["body__position"]
        constraints = [
            models.UniqueConstraint(fields=["person", "body"], name="follow_a_body_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} follows {self.body.display_code}"
