"""What the workspace keeps of its own: each body's agenda template and its meeting practice
(the quorum). Both are data officers edit, not code."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from secretariat.directory.models import Body
from secretariat.labels.models import LabelField
from secretariat.meetings.models import AgendaItem


class StandingItem(models.Model):
    """A row of an agenda template: an item every meeting starts with.

    Rows without a body are the template of every body that has no rows of its own."""

    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.CASCADE, related_name="standing_items"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=16, choices=AgendaItem.Kind.choices, default=AgendaItem.Kind.REGULAR
    )
    label = LabelField(help_text="The label the item starts with.")
    active = models.BooleanField(default=True)
    # Bumped by the services on every change: a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body_id", "position"]

    def __str__(self) -> str:
        return f"{self.body.code if self.body else 'every body'} {self.position}. {self.title}"


class BodyPractice(models.Model):
    """How a body meets, as data: its quorum (members present in their own right)."""

    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="practice")
    quorum = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Members who must be present; empty if none is set."
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.body.code}: quorum {self.quorum or 'not set'}"


# The follow-up records live in their own module; imported here so Django finds them.
# The minutes' life (drafts, circulation, comments, approval) lives in its own module.
from secretariat.workspace.minutes_models import (  # noqa: E402
    Circulation,
    DraftComment,
    MinuteDraft,
    MinutesApproval,
)
from secretariat.workspace.office_models import ActionReport, BodyFollow  # noqa: E402
from secretariat.workspace.paper_models import PaperDownload, PaperFile  # noqa: E402
from secretariat.workspace.token_models import ApiToken  # noqa: E402

__all__ = [
    "ActionReport",
    "ApiToken",
    "BodyFollow",
    "BodyPractice",
    "Circulation",
    "DraftComment",
    "MinuteDraft",
    "MinutesApproval",
    "PaperDownload",
    "PaperFile",
    "StandingItem",
]
