"""Who is told what by email: a subscription per person per body, and every notice made for a
person, kept so that nothing is sent twice.

A notice holds only what it is about (a meeting, an action, a party's due assessment), never
its words: the message is built when it is sent, for its recipient, through the door."""

from __future__ import annotations

from django.db import models

from secretariat.directory.models import Body, Organisation, Person


class Mode(models.TextChoices):
    ALL = "all", "Every message as it happens"
    DIGEST = "digest", "One daily digest"
    NONE = "none", "Nothing"


class Subscription(models.Model):
    """A person's own choice for one body; without one, the defaults of `subscriptions.py`."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="subscriptions")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="subscriptions")
    mode = models.CharField(max_length=8, choices=Mode.choices)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["body__position"]
        constraints = [
            models.UniqueConstraint(fields=["person", "body"], name="one_subscription_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.body.display_code} {self.mode}"


class Kind(models.TextChoices):
    PAPERS = "papers", "Agenda and papers published"
    MINUTES = "minutes", "Draft minutes circulated for comment"
    CANCELLED = "cancelled", "Meeting cancelled"
    ACTION_DUE = "action-due", "Action due within seven days"
    ACTION_OVERDUE = "action-overdue", "Action overdue"
    ASSESSMENT_DUE = "assessment-due", "Assessment due"


class Notice(models.Model):
    """One thing to tell one person. `key` names the occasion (`action-due:12:2026-03-04`): a
    second notice for the same occasion is never made, so rerunning `notify` sends nothing
    twice."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notices")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=120)
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action = models.ForeignKey(
        "actions.Action", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    # The person's mode when it was made: a digest notice waits for the day's digest.
    digest = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set instead of sent_at when, at sending, the person may no longer know what it is about.
    dropped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="one_notice_per_occasion")
        ]
        indexes = [models.Index(fields=["sent_at", "dropped_at", "digest"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.key}"
