"""What was imported: one row per file, so that importing the same file again changes nothing."""

from __future__ import annotations

from django.db import models

from secretariat.core.models import AppendOnlyModel


class ImportedFile(AppendOnlyModel):
    class Kind(models.TextChoices):
        HEADLINES = "headlines", "Meeting Headlines"
        PANEL_REPORT = "panel_report", "Panel report"

    sha256 = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=300, help_text="The file's name as given.")
    reference = models.CharField(max_length=40, db_index=True, help_text="What it became.")
    actor_name = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference} from {self.name}"


class OcrCorrection(models.Model):
    """A word that text recognition gets wrong in the secretariat's scanned reports, and what
    it should read. Officers extend the table; every correction applied is reported."""

    wrong = models.CharField(max_length=60, unique=True)
    right = models.CharField(max_length=60)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"
