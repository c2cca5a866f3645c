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
from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from secretariat.audit.chain import ChainedModel
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
    reason_label = LabelField(
        null=True,
        blank=True,
        default=None,
        help_text="The reason's label; empty: the document's own.",
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


class PublicationRecord(ChainedModel):
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
    # A fragment like any other: the status line, the Word file's metadata and the feed carry
    # the reason only to readers its label admits (the document's label unless given).
    reason_label = LabelField()
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
    def withdrawn(self) -> Withdrawal | None:
        """This version's withdrawal, if it has one (select_related("withdrawal") to read it
        with the row)."""
        try:
            return self.withdrawal
        except ObjectDoesNotExist:
            return None

    @property
    def page_url(self) -> str:
        """The page of this row's document, wherever its kind serves it (`/meetings/...` for a
        meeting's documents, `/reports/panel/...` for the Panel report)."""
        from secretariat.documents.kinds import kind_named

        return kind_named(self.kind).page_url(self.meeting)


class FrozenRecord(ChainedModel):
    """The whole labelled record of a per-reader publication (the Confidential Minutes), every
    fragment with its label and scope, written once beside its ledger row; each reader gets it
    projected for them (see publishing/frozen.py)."""

    publication = models.OneToOneField(
        PublicationRecord, on_delete=models.PROTECT, related_name="frozen"
    )
    record = models.JSONField()
    record_hash = models.CharField(max_length=64, help_text="sha256 of the canonical record.")

    def __str__(self) -> str:
        return f"{self.publication} (record)"


class Delivery(AppendOnlyModel):
    """One reader's copy of a per-reader publication: who, which version and format, and the
    hash of the projection they received, so that what reached whom can be shown later."""

    publication = models.ForeignKey(
        PublicationRecord, on_delete=models.PROTECT, related_name="deliveries"
    )
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(max_length=8)
    label = LabelField(help_text="The label of what this reader received.")
    projection_hash = models.CharField(max_length=64)
    delivered_at = models.DateTimeField()

    class Meta:
        ordering = ["-delivered_at", "-id"]
        indexes = [models.Index(fields=["publication", "reader"])]

    def __str__(self) -> str:
        return f"{self.publication} to {self.reader} ({self.format})"


class Withdrawal(ChainedModel):
    """The ledger's record that a published version is withdrawn, appended beside its row: the
    row itself stays as it was (so `verify_publications` still checks it), and its address
    answers 410 Gone from then on. The reason is a fragment like any other, with its label (the
    document's by default)."""

    publication = models.OneToOneField(
        PublicationRecord, on_delete=models.PROTECT, related_name="withdrawal"
    )
    reason = models.TextField(help_text="Why the version is withdrawn.")
    reason_label = LabelField(help_text="The reason's label: the document's by default.")
    withdrawn_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-withdrawn_at", "-id"]

    def __str__(self) -> str:
        return f"{self.publication} (withdrawn)"


# The pre-publication check's terms and overrides live in their own module.
from secretariat.publishing.screening_models import ScreeningOverride, SensitiveTerm  # noqa: E402

__all__ = [
    "Delivery",
    "FrozenRecord",
    "PublicationRecord",
    "PublicationVersion",
    "ScreeningOverride",
    "SensitiveTerm",
    "Withdrawal",
]
