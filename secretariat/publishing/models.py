"""Publication of a meeting's documents: versions that move from draft to published, and the
append-only ledger of what was published.

A version is a draft until the chair of the body or a secretariat officer approves it; approval
freezes the document as its audience will receive it (the projected document, as JSON). Publishing
renders that frozen document, hashes it and writes a `PublicationRecord` to the ledger, which
holds its own copy of the frozen document: a published version renders from the ledger, never from
the meeting, so later edits to the meeting cannot change it. A correction is a new version with a
reason; earlier versions stay readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from secretariat.core.models import AppendOnlyModel
from secretariat.documents.kinds import kind_title
from secretariat.labels.models import LabelField
from secretariat.meetings.models import Meeting


class PublicationVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="publication_versions"
    )
    # A registered document kind's slug (`secretariat.documents.kinds`): the registry, not
    # the schema, says which kinds exist, so a new kind needs no migration.
    kind = models.CharField(max_length=40)
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    reason = models.TextField(
        blank=True, help_text="Why this version corrects the one before it (empty for the first)."
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The projected document as approved: what publishing will freeze into the ledger.
    snapshot = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "number"], name="unique_publication_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting.reference} {kind_title(self.kind)} v{self.number}"

    def get_kind_display(self) -> str:
        return kind_title(self.kind)


class PublicationRecord(AppendOnlyModel):
    """The publication ledger: one row per published version, written once."""

    version = models.OneToOneField(
        PublicationVersion, on_delete=models.PROTECT, related_name="record"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="publications")
    kind = models.CharField(max_length=40)
    number = models.PositiveSmallIntegerField()
    audience = models.CharField(max_length=24)
    label = LabelField(help_text="The published document's label: the high-water mark it kept.")
    title = models.CharField(max_length=300)
    reason = models.TextField(blank=True)
    # The projected document exactly as published, version line and date included.
    snapshot = models.JSONField()
    # sha256 of each format's bytes, and `content_hash` over them (see services.content_hash).
    hashes = models.JSONField()
    content_hash = models.CharField(max_length=64)
    # What the row was made with, so that it is read and rendered the same way for ever: the
    # snapshot's shape (`documents.snapshot.FORMAT`) and each hashed format's output version
    # (`documents.renderers.FORMATS[...].versions`), {"docx": 1, "md": 1, "pdf": 1}.
    snapshot_format = models.PositiveSmallIntegerField()
    renderers = models.JSONField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "number"], name="unique_published_version"
            )
        ]
        indexes = [
            models.Index(fields=["label", "audience", "published_at"]),
            # The portal's questions (which meetings' documents are public, in which years)
            # answered from the index alone: the rows themselves carry large snapshots.
            models.Index(
                fields=["label", "audience", "meeting"], name="publication_public_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.reference} {kind_title(self.kind)} v{self.number}"

    def get_kind_display(self) -> str:
        return kind_title(self.kind)

    @property
    def page_url(self) -> str:
        """The page of this row's document, wherever its kind serves it (`/meetings/...` for a
        meeting's documents, `/reports/panel/...` for the Panel report)."""
        from secretariat.documents.kinds import kind_named

        return kind_named(self.kind).page_url(self.meeting)


# The pre-publication check's terms and overrides live in their own module.
from secretariat.publishing.screening_models import ScreeningOverride, SensitiveTerm  # noqa: E402

__all__ = ["PublicationRecord", "PublicationVersion", "ScreeningOverride", "SensitiveTerm"]
