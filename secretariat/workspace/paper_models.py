"""Papers as files: each version of a paper's file, its bytes kept in the database (so every
`serve` process shares them and a database backup includes them), and each download, recorded."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from secretariat.core.models import AppendOnlyModel
from secretariat.meetings.models import Paper


class PaperFile(AppendOnlyModel):
    """One version of a paper's file. Versions are never changed: a new upload is a new row."""

    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="files")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200, help_text="The file name it was uploaded as.")
    extension = models.CharField(max_length=8)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    note = models.CharField(max_length=300, blank=True, help_text="What changed in this version.")
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["paper_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="one_paper_file_version")
        ]

    def __str__(self) -> str:
        return f"{self.paper.reference} v{self.number} ({self.name})"


class PaperDownload(AppendOnlyModel):
    """A paper's file reaching a reader: who, which version, when, and how (alone or in the
    agenda pack)."""

    class Via(models.TextChoices):
        FILE = "file", "downloaded the file"
        PACK = "pack", "in the agenda pack"

    file = models.ForeignKey(PaperFile, on_delete=models.PROTECT, related_name="downloads")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reader_name = models.CharField(max_length=150)
    at = models.DateTimeField()
    via = models.CharField(max_length=8, choices=Via.choices, default=Via.FILE)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["file", "at"])]

    def __str__(self) -> str:
        return f"{self.reader_name} {self.get_via_display()} {self.file}"
