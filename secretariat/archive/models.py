"""A record of each synthetic archive generated into the workspace."""

from __future__ import annotations

from django.db import models


class ArchiveRun(models.Model):
    """One run of `generate_archive`. It is the object of the run's single audit event, and its
    presence stops a second run from mixing two archives in one workspace."""

    seed = models.PositiveIntegerField()
    years = models.PositiveSmallIntegerField()
    scale = models.PositiveSmallIntegerField()
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    bodies = models.JSONField(default=list, help_text="Codes of the bodies given meetings.")
    started_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(default=0)
    counts = models.JSONField(default=dict, help_text="Rows written, by kind of record.")
    complete = models.BooleanField(
        default=False, help_text="False while the run is under way or if it was interrupted."
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return (
            f"archive {self.first_year}–{self.last_year} x{self.scale} seed {self.seed}"
            f"{'' if self.complete else ' (incomplete)'}"
        )
