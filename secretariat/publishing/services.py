"""Every write to publishing: draft, approve and publish a version of a meeting's document.

What is hashed, and why it can be checked again later: `secretariat.documents.hashing`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError
from secretariat.core.validation import checks
from secretariat.documents import snapshot
from secretariat.documents.hashing import HASHED_FORMATS, content_hash, format_hashes
from secretariat.documents.labelled import Projected, project
from secretariat.documents.text import long_date
from secretariat.labels.models import Label
from secretariat.meetings.access import editor_role
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for
from secretariat.publishing import frozen
from secretariat.publishing.audiences import audience_named
from secretariat.publishing.builders import DocumentKind, build, kind_named, prepare
from secretariat.publishing.models import (
    Delivery,
    FrozenRecord,
    PublicationRecord,
    PublicationVersion,
)
from secretariat.publishing.record import MeetingSource

Status = PublicationVersion.Status


def _kind(kind) -> DocumentKind:
    if isinstance(kind, DocumentKind):
        return kind
    try:
        return kind_named(str(kind))
    except ValueError as error:
        raise ServiceError({"kind": str(error)}) from None


def _check_available(kind: DocumentKind, meeting: Meeting) -> None:
    reason = kind.unavailable_reason(meeting)
    if reason:
        raise ServiceError({"meeting": reason})


def _check_editor(actor, meeting: Meeting, kind: DocumentKind, *, doing: str, officers_only=False):
    role = editor_role(reader_for(actor), meeting)
    allowed = ("officer",) if officers_only else ("officer", "chair")
    if role not in allowed:
        who = (
            "a secretariat officer"
            if officers_only
            else f"the chair of the {meeting.body.display_code} or a secretariat officer"
        )
        raise ServiceError(
            {
                "actor": f"Only {who} of the {meeting.body.display_code} may {doing} its {kind.title}."
            }
        )
    # Nobody approves or publishes what they may not read themselves.
    if not kind.audience_for(meeting).may_approve(reader_for(actor)):
        raise ServiceError(
            {
                "actor": f"The {kind.title} of {meeting.reference} are for "
                f"{kind.audience_for(meeting).description}; you are not among them."
            }
        )


@checks(PublicationVersion, kind=None)
@transaction.atomic
def version_draft(*, actor, meeting: Meeting, kind, reason: str = "") -> PublicationVersion:
    """Open the next version of a document. After a first publication, a version is a
    correction and must say why."""
    kind = _kind(kind)
    if not isinstance(meeting, Meeting):
        raise ServiceError({"meeting": "A publication belongs to a meeting."})
    _check_available(kind, meeting)
    _check_editor(actor, meeting, kind, doing="draft")
    versions = PublicationVersion.objects.select_for_update().filter(
        meeting=meeting, kind=kind.slug
    )
    pending = versions.exclude(status=Status.PUBLISHED).first()
    if pending is not None:
        raise ServiceError(
            {
                "kind": f"{meeting.reference} {kind.title} version {pending.number} is still "
                f"{pending.get_status_display().lower()}: approve and publish it first."
            }
        )
    reason = reason.strip()
    is_correction = versions.filter(status=Status.PUBLISHED).exists()
    if is_correction and not reason:
        raise ServiceError(
            {
                "reason": f"{meeting.reference} {kind.title} are already published: "
                "a new version is a correction and needs a reason."
            }
        )
    if reason and not is_correction:
        raise ServiceError({"reason": "A first version corrects nothing: leave the reason empty."})
    number = max(versions.values_list("number", flat=True), default=0) + 1
    version = PublicationVersion.objects.create(
        meeting=meeting,
        kind=kind.slug,
        number=number,
        reason=reason,
        drafted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        verb="publication.draft",
        obj=version,
        changes={"meeting": meeting.reference, "kind": kind.slug, "number": number},
    )
    return version


@transaction.atomic
def version_approve(*, actor, version: PublicationVersion) -> PublicationVersion:
    """Approve a draft: freeze the document as its audience will receive it. Approving again
    before publication takes the meeting's current content."""
    version = (
        PublicationVersion.objects.select_for_update()
        .select_related("meeting__body")
        .get(pk=version.pk)
    )
    kind = _kind(version.kind)
    meeting = version.meeting
    if version.status == Status.PUBLISHED:
        raise ServiceError(
            {"version": f"{version} is published: correct it with a new version instead."}
        )
    _check_available(kind, meeting)
    _check_editor(actor, meeting, kind, doing="approve")
    audience = kind.audience_for(meeting)
    if audience.per_reader:
        # Readers of this document heard different items: freeze the whole labelled record,
        # to be projected for each reader when read.
        source = MeetingSource(meeting)
        document = build(kind, source)
        version.snapshot = frozen.dump(document, source.classification)
        projected = project(document, audience)
    else:
        projected = prepare(kind, meeting, status="")
        version.snapshot = snapshot.dump(projected)
    version.status = Status.APPROVED
    version.approved_by = actor
    version.approved_at = timezone.now()
    version.save(update_fields=["snapshot", "status", "approved_by", "approved_at"])
    audit_record(
        actor=actor,
        verb="publication.approve",
        obj=version,
        changes={"label": projected.label.name},
    )
    return version


def _status_line(version: PublicationVersion, published_at) -> str:
    day = long_date(timezone.localtime(published_at).date())
    line = f"Version {version.number}, published {day}."
    if version.reason:
        line += f" Corrects version {version.number - 1}: {version.reason}"
    return line


@transaction.atomic
def version_publish(*, actor, version: PublicationVersion, when=None) -> PublicationRecord:
    """Publish an approved version: stamp it with its version line and date, hash its renderings
    and write it to the ledger."""
    version = (
        PublicationVersion.objects.select_for_update()
        .select_related("meeting__body")
        .get(pk=version.pk)
    )
    kind = _kind(version.kind)
    meeting = version.meeting
    if version.status != Status.APPROVED or version.snapshot is None or not version.approved_by:
        raise ServiceError(
            {
                "version": f"{version} is {version.get_status_display().lower()}: only an "
                "approved version can be published."
            }
        )
    _check_available(kind, meeting)
    _check_editor(actor, meeting, kind, doing="publish", officers_only=True)
    # Whole seconds: PDF dates have no finer grain, and the ledger shows what the PDF says.
    published_at = (when or timezone.now()).replace(microsecond=0)
    audience = kind.audience_for(meeting)
    record_data = version.snapshot if frozen.is_record(version.snapshot) else None
    if record_data is not None:
        approved = frozen.projected_for(record_data, audience, audience=audience.name, status="")
    else:
        approved = snapshot.load(version.snapshot)
    if approved.label > audience.ceiling or approved.audience != audience.name:
        raise ServiceError(
            {"version": f"{version} was approved for another audience: approve it again."}
        )
    stamped = Projected(
        kind=approved.kind,
        title=approved.title,
        label=approved.label,
        header=approved.header,
        sections=approved.sections,
        footer=approved.footer,
        meta={
            **approved.meta,
            "version": version.number,
            "status": _status_line(version, published_at),
            "issued": published_at.astimezone(dt.UTC).isoformat(),
        },
        audience=approved.audience,
    )
    hashes = format_hashes(stamped)
    record = PublicationRecord.objects.create(
        version=version,
        meeting=meeting,
        kind=kind.slug,
        number=version.number,
        audience=audience.name,
        label=stamped.label,
        title=stamped.meta.get("subtitle") or stamped.title,
        reason=version.reason,
        snapshot=snapshot.dump(stamped),
        hashes=hashes,
        content_hash=content_hash(hashes),
        published_at=published_at,
        published_by=actor,
        approved_by=version.approved_by,
    )
    if record_data is not None:
        FrozenRecord.objects.create(
            publication=record, record=record_data, record_hash=frozen.record_hash(record_data)
        )
    version.status = Status.PUBLISHED
    version.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb="publication.publish",
        obj=record,
        changes={
            "meeting": meeting.reference,
            "kind": kind.slug,
            "number": version.number,
            "audience": audience.name,
            "label": stamped.label.name,
            "content_hash": record.content_hash,
        },
    )
    return record


@transaction.atomic
def publication_issue(
    *, actor, meeting: Meeting, kind, approver=None, reason: str = "", when=None
) -> PublicationRecord:
    """Draft, approve and publish in one go: for the demo and for an officer who is also the
    approver. `approver` (the chair, say) approves when given; `actor` publishes."""
    version = version_draft(actor=actor, meeting=meeting, kind=kind, reason=reason)
    version = version_approve(actor=approver or actor, version=version)
    return version_publish(actor=actor, version=version, when=when)


def rendered_from_record(record: PublicationRecord) -> Projected:
    """The published version as frozen in the ledger."""
    return snapshot.load(record.snapshot)


def verify_record(record: PublicationRecord) -> list[str]:
    """What no longer matches in a published version: empty when it re-renders to its hashes."""
    try:
        projected = rendered_from_record(record)
    except (KeyError, ValueError, TypeError) as error:
        return [f"its frozen document cannot be read ({error})"]
    hashes = format_hashes(projected)
    problems = [
        f"{fmt} renders to {hashes[fmt][:12]}…, published as {record.hashes.get(fmt, '')[:12]}…"
        for fmt in HASHED_FORMATS
        if hashes[fmt] != record.hashes.get(fmt)
    ]
    if content_hash(record.hashes) != record.content_hash:
        problems.append("its content hash does not match its format hashes")
    if projected.label != record.label:
        problems.append(
            f"its frozen document is labelled {projected.label.name}, the ledger says "
            f"{Label(record.label).name}"
        )
    kept = FrozenRecord.objects.filter(publication=record).first()
    if kept is not None:
        problems += _verify_frozen(record, kept, projected)
    return problems


def _verify_frozen(record: PublicationRecord, kept: FrozenRecord, published: Projected) -> list:
    """A per-reader publication's whole record: unchanged since publication, and projecting,
    for its audience, to exactly what the ledger holds."""
    if frozen.record_hash(kept.record) != kept.record_hash:
        return ["its frozen record does not match its hash"]
    try:
        audience = audience_named(record.audience, record.meeting)
        again = frozen.projected_for(
            kept.record,
            audience,
            audience=audience.name,
            status=published.meta.get("status", ""),
            meta=published.meta,
        )
    except (KeyError, ValueError, TypeError) as error:
        return [f"its frozen record cannot be read ({error})"]
    if snapshot.canonical(snapshot.dump(again)) != snapshot.canonical(snapshot.dump(published)):
        return ["its frozen record no longer projects to the published document"]
    return []


def delivery_record(*, actor, publication: PublicationRecord, projected: Projected, fmt: str):
    """Record one reader's copy of a per-reader publication. Its own table, not the audit log:
    a delivery is a fact about the document, and there is one for every read."""
    if not getattr(actor, "is_authenticated", False):
        raise ServiceError({"actor": "A per-reader document is delivered to a signed-in reader."})
    return Delivery.objects.create(
        publication=publication,
        reader=actor,
        format=fmt,
        label=projected.label,
        projection_hash=frozen.projection_hash(projected),
        delivered_at=timezone.now(),
    )
