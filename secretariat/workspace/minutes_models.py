"""What the minutes' life keeps in the workspace: each officer's unsaved typing (a draft of
their own, never the record), the circulation of a meeting's draft minutes for comment, the
members' comments (each at the label and scope of what it is on), and the later meeting's
outcome that approved them. Imported by `workspace.models`, so Django finds them there."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from secretariat.core.models import AppendOnlyModel
from secretariat.labels.models import LabelField
from secretariat.meetings.models import AgendaItem, Meeting, Outcome


class MinuteDraft(models.Model):
    """What one officer has typed into one field of an item's minute and not yet saved.

    Nobody else reads it, and it is not audited: it is scratch, kept so that a closed tab or a
    dropped connection loses nothing. Saving writes the record once (audited, versioned) and
    deletes the draft. `version` is the item's version the officer was typing on, so a save
    from a draft made before someone else's change answers 409 like any stale save."""

    class Field(models.TextChoices):
        SUMMARY = "summary", "Public summary"
        RESTRICTED_TEXT = "restricted_text", "Restricted record"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="minute_drafts"
    )
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="minute_drafts")
    field = models.CharField(max_length=16, choices=Field.choices)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "item", "field"], name="one_draft_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.item_id} {self.field}"


class Circulation(AppendOnlyModel):
    """A meeting's draft minutes sent to the body's members for comment until `deadline`.
    Circulating again (after changes) appends a row; the latest is the one in force."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="circulations")
    deadline = models.DateField()
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    circulated_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting", "circulated_at", "id"]

    def __str__(self) -> str:
        return f"{self.meeting_id} until {self.deadline}"


class DraftComment(AppendOnlyModel):
    """A member's comment on the draft minutes. It is on an item, one of its outcomes or actions
    (or the draft as a whole) and takes the label and scope of what it is on: a comment on a RED
    record is RED and reaches only those who may read that record (who heard the item; for an
    action, its owner too)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="draft_comments")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="draft_comments"
    )
    # On an outcome or an action, `item` is theirs too: the comment is listed under the item.
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.CASCADE, related_name="draft_comments"
    )
    action = models.ForeignKey(
        "actions.Action",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="draft_comments",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    label = LabelField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting", "created_at", "id"]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.meeting_id}"


class MinutesApproval(AppendOnlyModel):
    """The outcome of a later meeting of the same body that approved a meeting's minutes."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="approval")
    outcome = models.OneToOneField(
        Outcome, on_delete=models.PROTECT, related_name="approved_minutes"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.meeting_id} approved by outcome {self.outcome_id}"
