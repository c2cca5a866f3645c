"""The pre-publication check's data: the terms officers register as sensitive, and each
override of a refusal, with its labelled reason. Imported by `publishing.models`."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from secretariat.core.models import AppendOnlyModel
from secretariat.labels.models import Label, LabelField
from secretariat.meetings.models import Meeting


class SensitiveTerm(models.Model):
    """A word or phrase that must not appear in anything published below `label`: a project's
    code name, a site, a vulnerability's nickname. Matched on whole normalised words."""

    term = models.CharField(max_length=200)
    label = LabelField(default=Label.RED, help_text="Refused in any document labelled below this.")
    note = models.CharField(max_length=300, blank=True, help_text="Why it is sensitive.")
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term


class ScreeningOverride(AppendOnlyModel):
    """An officer published despite the check's matches: who, when, what was found and why.
    The reason is a fragment with its own label (it may name what the matches are about)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    number = models.PositiveSmallIntegerField()
    document_label = LabelField()
    matches = models.JSONField()
    reason = models.TextField()
    reason_label = LabelField()
    # Empty for a system actor (an import); the audit event names every actor.
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    overridden_at = models.DateTimeField()

    class Meta:
        ordering = ["-overridden_at", "-id"]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.kind} v{self.number}: override"
