"""The change register: Draft Proposals and Modification Proposals, their stages and paths (dated
vocabularies officers extend), SEC Releases, the input asked of sub-committees, Change Board votes
and decisions, and the agenda items that considered each change.

Every record and every restricted text carries its own label. The SEC publishes its change
register, so proposals, votes and releases are WHITE by default; a proposer's name follows the
organisation's own name label (`directory.access.party_name`), so a pseudonymised party stays so.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import models
from simple_history.models import HistoricalRecords

from secretariat.directory.models import Body, Organisation, PartyCategory
from secretariat.labels.models import Label, LabelField
from secretariat.meetings.models import AgendaItem

# DP075, MP123 and the older SECMP0037: the reference is kept as it was written.
REFERENCE = re.compile(r"^(DP|MP|SECMP)(\d{3,4})$")


def _valid_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day <= valid_to)


class Stage(models.Model):
    """A stage of the change process, named as it was called at the time."""

    key = models.SlugField(max_length=40, help_text="Stable identifier, never shown.")
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    closes = models.BooleanField(default=False, help_text="The change ends here (implemented, …).")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Last day the stage was used.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="unique_stage_from")
        ]

    def __str__(self) -> str:
        return self.name

    def valid_on(self, day: dt.date) -> bool:
        return _valid_on(self.valid_from, self.valid_to, day)


class Path(models.Model):
    """A route a Modification Proposal takes, and who decides it on that route."""

    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=80)
    decider = models.CharField(max_length=120, help_text="Who makes the decision: 'the Authority'.")
    position = models.PositiveSmallIntegerField(default=0)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="unique_path_from")
        ]

    def __str__(self) -> str:
        return self.name

    def valid_on(self, day: dt.date) -> bool:
        return _valid_on(self.valid_from, self.valid_to, day)


class Release(models.Model):
    class Kind(models.TextChoices):
        FEBRUARY = "february", "February"
        JUNE = "june", "June"
        NOVEMBER = "november", "November"
        AD_HOC = "ad_hoc", "Ad hoc"

    name = models.SlugField(max_length=40, unique=True, help_text="Its address: 'june-2020'.")
    title = models.CharField(max_length=120, help_text="'June 2020 SEC Release'.")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    release_date = models.DateField()
    label = LabelField(default=Label.WHITE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["release_date", "name"]

    def __str__(self) -> str:
        return self.title


class Change(models.Model):
    class Kind(models.TextChoices):
        DRAFT = "dp", "Draft Proposal"
        MODIFICATION = "mp", "Modification Proposal"

    class Decision(models.TextChoices):
        NONE = "", "Not decided"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    reference = models.CharField(max_length=12, unique=True, help_text="DP075, MP123, SECMP0037.")
    kind = models.CharField(max_length=2, choices=Kind.choices)
    title = models.CharField(max_length=300)
    title_label = LabelField(default=Label.WHITE)
    summary = models.TextField(blank=True)
    summary_label = LabelField(default=Label.WHITE)
    proposer = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    proposer_label = LabelField(default=Label.WHITE)
    raised_on = models.DateField()
    path = models.ForeignKey(
        Path, null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    release = models.ForeignKey(
        Release, null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    converted_to = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="converted_from",
        help_text="For a Draft Proposal: the Modification Proposal it became.",
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_label = LabelField(default=Label.WHITE)
    implementation_date = models.DateField(null=True, blank=True)
    # The demo marks the titles it invents where the seeds give none.
    demo_title = models.BooleanField(default=False)
    label = LabelField(default=Label.WHITE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on", "reference"]
        indexes = [models.Index(fields=["kind", "raised_on"])]

    def __str__(self) -> str:
        return f"{self.reference} ‘{self.title}’"

    @property
    def decider(self) -> str:
        return self.path.decider if self.path else ""


class StageEntry(models.Model):
    """The change entered a stage on a day."""

    change = models.ForeignKey(Change, on_delete=models.PROTECT, related_name="stages")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="entries")
    entered_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    label = LabelField(default=Label.WHITE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["change", "entered_on", "id"]
        verbose_name_plural = "stage entries"

    def __str__(self) -> str:
        return f"{self.change.reference}: {self.stage.name} from {self.entered_on}"


class InputRequest(models.Model):
    """Input the secretariat asked of a sub-committee, and what the sub-committee said, with the
    agenda items where it was asked and where it was considered."""

    change = models.ForeignKey(Change, on_delete=models.PROTECT, related_name="input_requests")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="change_inputs")
    requested_on = models.DateField()
    requested_at = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    given_on = models.DateField(null=True, blank=True)
    given_at = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_inputs_given",
    )
    response = models.TextField(blank=True, help_text="What the sub-committee said.")
    response_label = LabelField(default=Label.WHITE)
    label = LabelField(default=Label.WHITE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["change", "requested_on", "id"]

    def __str__(self) -> str:
        return f"{self.change.reference}: input of the {self.body.display_code}"


class Vote(models.Model):
    """A Change Board vote of one party category on one solution."""

    class Solution(models.TextChoices):
        PROPOSED = "proposed", "Proposed Solution"
        ALTERNATIVE = "alternative", "Alternative Solution"

    change = models.ForeignKey(Change, on_delete=models.PROTECT, related_name="votes")
    solution = models.CharField(max_length=12, choices=Solution.choices)
    category = models.CharField(max_length=32, choices=PartyCategory.choices)
    approve = models.PositiveSmallIntegerField(default=0)
    reject = models.PositiveSmallIntegerField(default=0)
    abstain = models.PositiveSmallIntegerField(default=0)
    voted_on = models.DateField()
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="change_votes"
    )
    label = LabelField(default=Label.WHITE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["change", "solution", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "solution", "category", "voted_on"], name="unique_change_vote"
            )
        ]

    def __str__(self) -> str:
        return f"{self.change.reference} {self.get_solution_display()}: {self.category}"


class ChangeLink(models.Model):
    """An agenda item that considered a change ('SECAS presented DP071 to DP076')."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="change_links")
    change = models.ForeignKey(Change, on_delete=models.PROTECT, related_name="agenda_links")
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__meeting__date", "item__number", "change__reference"]
        constraints = [
            models.UniqueConstraint(fields=["item", "change"], name="unique_change_link")
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.change.reference}"
