"""Every write to publishing: draft, approve and publish a version of a registered document
kind (`secretariat.documents.kinds`) of a meeting, and the one ledger they end in.

What is hashed, and why it can be checked again later: `secretariat.documents.hashing`.

Short write transactions: building a document reads the whole meeting, and rendering it for the
hashes compiles a PDF and a Word file. Both happen before the write transaction opens (on SQLite
it takes the write lock as it opens); inside it, the version is locked and checked to be as it
was when the document was made, and a version that changed meanwhile is made again once, then
refused. Two publishers of the same version on PostgreSQL queue on the version's row lock: the
second finds it published and gets a ServiceError, never an IntegrityError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError
from secretariat.core.validation import checks
from secretariat.documents import kinds, snapshot
from secretariat.documents.hashing import (
    HASHED_FORMATS,
    content_hash,
    format_hashes,
    renderer_versions,
)
from secretariat.documents.kinds import DocumentKind
from secretariat.documents.labelled import Projected, project
from secretariat.documents.text import long_date
from secretariat.labels.models import Label
from secretariat.meetings.access import editor_role
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for
from secretariat.publishing import builders, frozen, screening
from secretariat.publishing.audiences import audience_named
from secretariat.publishing.models import (
    Delivery,
    FrozenRecord,
    PublicationRecord,
    PublicationVersion,
)
from secretariat.publishing.reasons import reason_label_given, reason_label_of, reason_shown
from secretariat.publishing.record import MeetingSource

Status = PublicationVersion.Status


def _kind(kind) -> DocumentKind:
    if isinstance(kind, DocumentKind):
        return kind
    try:
        return kinds.kind_named(str(kind))
    except ValueError as error:
        raise ServiceError({"kind": str(error)}) from None


def _check_available(kind: DocumentKind, meeting: Meeting) -> None:
    reason = kind.unavailable_reason(meeting)
    if reason:
        raise ServiceError({"meeting": reason})


def _check_editor(actor, meeting: Meeting, kind: DocumentKind, *, doing: str, allowed) -> None:
    _check_role(actor, meeting, kind, doing=doing, allowed=allowed)
    _check_audience(actor, meeting, kind)


def _check_role(actor, meeting: Meeting, kind: DocumentKind, *, doing: str, allowed) -> None:
    role = editor_role(reader_for(actor), meeting)
    if role not in allowed:
        who = (
            "a secretariat officer"
            if tuple(allowed) == ("officer",)
            else f"the chair of the {meeting.body.display_code} or a secretariat officer"
        )
        raise ServiceError(
            {
                "actor": f"Only {who} of the {meeting.body.display_code} may {doing} its {kind.title}."
            }
        )


def _check_audience(actor, meeting: Meeting, kind: DocumentKind) -> None:
    # Nobody approves or publishes what they may not read themselves.
    audience = kind.audience_for(meeting)
    if not audience.may_approve(reader_for(actor)):
        raise ServiceError(
            {
                "actor": f"The {kind.title} of {meeting.reference} are for "
                f"{audience.description}; you are not among them."
            }
        )


APPROVERS = ("officer", "chair")
PUBLISHERS = ("officer",)


def _next_number(meeting: Meeting, kind: DocumentKind) -> int:
    numbers = PublicationVersion.objects.filter(meeting=meeting, kind=kind.slug).values_list(
        "number", flat=True
    )
    return max(numbers, default=0) + 1


def _draft(
    *, actor, meeting: Meeting, kind: DocumentKind, reason: str, reason_label=None
) -> PublicationVersion:
    """Inside the caller's transaction."""
    _check_available(kind, meeting)
    _check_editor(actor, meeting, kind, doing="draft", allowed=kind.drafters)
    # The meeting's row is the lock two drafters of its documents queue on (PostgreSQL); on
    # SQLite the write transaction already serialises them.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    versions = PublicationVersion.objects.filter(meeting=meeting, kind=kind.slug)
    pending = versions.exclude(status=Status.PUBLISHED).first()
    if pending is not None:
        raise ServiceError(
            {
                "kind": f"{meeting.reference} {kind.title} version {pending.number} is still "
                f"{pending.get_status_display().lower()}: approve and publish it first."
            }
        )
    reason = (reason or "").strip()
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
    number = _next_number(meeting, kind)
    try:
        with transaction.atomic():
            version = PublicationVersion.objects.create(
                meeting=meeting,
                kind=kind.slug,
                number=number,
                reason=reason,
                reason_label=reason_label_given(reason_label),
                drafted_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        raise ServiceError(
            {"kind": f"{meeting.reference} {kind.title} version {number} was drafted meanwhile."}
        ) from None
    audit_record(
        actor=actor,
        verb=f"{kind.verb}.draft",
        obj=version,
        changes={"meeting": meeting.reference, "kind": kind.slug, "number": number},
    )
    return version


@checks(PublicationVersion, kind=None, reason_label=None)
def version_draft(
    *, actor, meeting: Meeting, kind, reason: str = "", reason_label=None
) -> PublicationVersion:
    """Open the next version of a document. After a first publication, a version is a
    correction and must say why."""
    kind = _kind(kind)
    if not isinstance(meeting, Meeting):
        raise ServiceError({"meeting": "A publication belongs to a meeting."})
    with transaction.atomic():
        return _draft(
            actor=actor, meeting=meeting, kind=kind, reason=reason, reason_label=reason_label
        )


def _check_approvable(actor, version: PublicationVersion, kind: DocumentKind) -> None:
    if version.status == Status.PUBLISHED:
        raise ServiceError(
            {"version": f"{version} is published: correct it with a new version instead."}
        )
    _check_available(kind, version.meeting)
    _check_role(actor, version.meeting, kind, doing="approve", allowed=APPROVERS)
    kind.before_approval(actor=actor, meeting=version.meeting)
    _check_audience(actor, version.meeting, kind)


@dataclass(frozen=True)
class Approval:
    """What approving freezes, made before the write transaction: the projected document, or,
    for a per-reader audience, the whole labelled record (`publishing/frozen.py`)."""

    snapshot: dict
    label: Label


def _approval(kind: DocumentKind, meeting: Meeting) -> Approval:
    audience = kind.audience_for(meeting)
    if getattr(audience, "per_reader", False) and isinstance(kind, builders.DocumentKind):
        # Readers of this document heard different items: freeze the whole labelled record,
        # to be projected for each reader when read.
        source = MeetingSource(meeting)
        document = builders.build(kind, source)
        return Approval(
            frozen.dump(document, source.classification), project(document, audience).label
        )
    projected = kind.approved(meeting)
    return Approval(snapshot.dump(projected), projected.label)


def _approve(*, actor, version: PublicationVersion, approval: Approval) -> PublicationVersion:
    """Inside the caller's transaction, `approval` made before it."""
    version.snapshot = approval.snapshot
    version.status = Status.APPROVED
    version.approved_by = actor
    version.approved_at = timezone.now()
    version.save(update_fields=["snapshot", "status", "approved_by", "approved_at"])
    audit_record(
        actor=actor,
        verb=f"{_kind(version.kind).verb}.approve",
        obj=version,
        changes={"label": approval.label.name},
    )
    return version


def _versions(pk) -> PublicationVersion:
    return PublicationVersion.objects.select_related("meeting__body").get(pk=pk)


def version_approve(*, actor, version: PublicationVersion) -> PublicationVersion:
    """Approve a draft: freeze the document as its audience will receive it. Approving again
    before publication takes the meeting's current content."""
    for _attempt in (1, 2):
        seen = _versions(version.pk)
        kind = _kind(seen.kind)
        _check_approvable(actor, seen, kind)
        approval = _approval(kind, seen.meeting)  # reads the record, outside the transaction
        with transaction.atomic():
            locked = PublicationVersion.objects.select_for_update().get(pk=version.pk)
            locked.meeting = seen.meeting
            if (locked.status, locked.approved_at) == (seen.status, seen.approved_at):
                return _approve(actor=actor, version=locked, approval=approval)
    raise ServiceError({"version": f"{seen} changed while it was being approved: try again."})


def _status_line(version: PublicationVersion, published_at, show_reason: bool = True) -> str:
    day = long_date(timezone.localtime(published_at).date())
    line = f"Version {version.number}, published {day}."
    if version.reason and show_reason:
        line += f" Corrects version {version.number - 1}: {version.reason}"
    elif version.reason:
        line += f" Corrects version {version.number - 1}."
    return line


@dataclass(frozen=True)
class Rendered:
    """A version's document as it will be published, made before the write transaction."""

    approved: dict  # the approved snapshot it was made from
    frozen: Projected
    hashes: dict[str, str]
    renderers: dict[str, int]
    published_at: dt.datetime
    record: dict | None = None  # a per-reader document's whole record, kept beside its row


def _render(version: PublicationVersion, kind: DocumentKind, when=None) -> Rendered:
    # Whole seconds: PDF dates have no finer grain, and the ledger shows what the PDF says.
    published_at = (when or timezone.now()).replace(microsecond=0)
    audience = kind.audience_for(version.meeting)
    record_data = version.snapshot if frozen.is_record(version.snapshot) else None
    if record_data is not None:
        approved = frozen.projected_for(record_data, audience, audience=audience.name, status="")
    else:
        approved = snapshot.load(version.snapshot)  # type: ignore[arg-type]
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
            "status": _status_line(
                version,
                published_at,
                reason_shown(audience, reason_label_of(version, approved.label), version.meeting),
            ),
            "issued": published_at.astimezone(dt.UTC).isoformat(),
        },
        audience=approved.audience,
    )
    versions = renderer_versions()
    return Rendered(
        version.snapshot,  # type: ignore[arg-type]
        stamped,
        format_hashes(stamped, versions),
        versions,
        published_at,
        record_data,
    )


def _check_publishable(actor, version: PublicationVersion, kind: DocumentKind) -> None:
    if version.status != Status.APPROVED or version.snapshot is None or not version.approved_by:
        raise ServiceError(
            {
                "version": f"{version} is {version.get_status_display().lower()}: only an "
                "approved version can be published."
            }
        )
    _check_available(kind, version.meeting)
    _check_editor(actor, version.meeting, kind, doing="publish", allowed=PUBLISHERS)
    kind.check_publishable(version.meeting)


def _screened(version, kind: DocumentKind, rendered: Rendered, override) -> list:
    """The pre-publication check (publishing/screening.py), before the write transaction: a
    refusal lists what was found; an override's matches are recorded with the publication."""
    return screening.check(
        rendered.frozen,
        version.meeting,
        title=f"{version.meeting.reference} {kind.title} version {version.number}",
        override=override,
    )


def _publish(
    *, actor, version: PublicationVersion, rendered: Rendered, overridden=(), override=None
) -> PublicationRecord:
    """Inside the caller's transaction, with the version locked and as `rendered` was made."""
    kind = _kind(version.kind)
    meeting = version.meeting
    stamped = rendered.frozen
    if overridden:
        screening.record_override(
            actor=actor,
            meeting=meeting,
            kind=kind.slug,
            number=version.number,
            label=stamped.label,
            matches=overridden,
            override=override,
        )
    try:
        with transaction.atomic():
            record = PublicationRecord.objects.create(  # type: ignore[misc]  # approver checked
                version=version,
                meeting=meeting,
                kind=kind.slug,
                number=version.number,
                audience=stamped.audience,
                label=stamped.label,
                title=kind.ledger_title(stamped),
                reason=version.reason,
                reason_label=reason_label_of(version, stamped.label),
                snapshot=snapshot.dump(stamped),
                hashes=rendered.hashes,
                content_hash=content_hash(rendered.hashes),
                snapshot_format=snapshot.format_of(stamped),
                renderers=rendered.renderers,
                published_at=rendered.published_at,
                published_by=actor,
                approved_by=version.approved_by,
            )
    except IntegrityError:
        raise ServiceError({"version": f"{version} is already published."}) from None
    if rendered.record is not None:
        FrozenRecord.objects.create(
            publication=record,
            record=rendered.record,
            record_hash=frozen.record_hash(rendered.record),
        )
    version.status = Status.PUBLISHED
    version.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb=f"{kind.verb}.publish",
        obj=record,
        changes={
            "meeting": meeting.reference,
            "kind": kind.slug,
            "number": version.number,
            "audience": stamped.audience,
            "label": stamped.label.name,
            "content_hash": record.content_hash,
        },
    )
    return record


def _unchanged(locked: PublicationVersion, seen: PublicationVersion) -> bool:
    return (
        locked.status,
        locked.snapshot,
        locked.approved_at,
        locked.reason,
        locked.reason_label,
    ) == (seen.status, seen.snapshot, seen.approved_at, seen.reason, seen.reason_label)


def version_publish(
    *, actor, version: PublicationVersion, when=None, override: screening.Override | None = None
) -> PublicationRecord:
    """Publish an approved version: stamp it with its version line and date, hash its renderings
    and write it to the ledger. Below RED, the pre-publication check must find nothing, or the
    officer gives an `override` with a labelled reason, recorded with the publication."""
    for _attempt in (1, 2):
        seen = _versions(version.pk)
        kind = _kind(seen.kind)
        _check_publishable(actor, seen, kind)
        rendered = _render(seen, kind, when)
        overridden = _screened(seen, kind, rendered, override)
        with transaction.atomic():
            locked = PublicationVersion.objects.select_for_update().get(pk=version.pk)
            locked.meeting = seen.meeting
            if locked.status == Status.PUBLISHED:
                raise ServiceError({"version": f"{seen} is already published."})
            if _unchanged(locked, seen):
                return _publish(
                    actor=actor,
                    version=locked,
                    rendered=rendered,
                    overridden=overridden,
                    override=override,
                )
    raise ServiceError({"version": f"{seen} changed while it was being published: try again."})


def publication_issue(
    *,
    actor,
    meeting: Meeting,
    kind,
    approver=None,
    reason: str = "",
    reason_label=None,
    when=None,
    override: screening.Override | None = None,
) -> PublicationRecord:
    """Draft, approve and publish in one go, all or nothing: for the demo and for an officer who
    is also the approver. `approver` (the chair, say) approves when given; `actor` publishes.
    The document is built and rendered first, for the version number it will get; the write
    transaction then takes that number, or makes it all again once if another came first."""
    kind = _kind(kind)
    if not isinstance(meeting, Meeting):
        raise ServiceError({"meeting": "A publication belongs to a meeting."})
    approver = approver or actor
    for _attempt in (1, 2):
        _check_available(kind, meeting)
        _check_editor(actor, meeting, kind, doing="draft", allowed=kind.drafters)
        _check_role(approver, meeting, kind, doing="approve", allowed=APPROVERS)
        kind.before_approval(actor=approver, meeting=meeting)
        _check_audience(approver, meeting, kind)
        _check_editor(actor, meeting, kind, doing="publish", allowed=PUBLISHERS)
        kind.check_publishable(meeting)
        approval = _approval(kind, meeting)
        probe = PublicationVersion(
            meeting=meeting,
            kind=kind.slug,
            number=_next_number(meeting, kind),
            reason=(reason or "").strip(),
            reason_label=reason_label_given(reason_label),
            snapshot=approval.snapshot,
        )
        rendered = _render(probe, kind, when)
        probe.meeting = meeting
        overridden = _screened(probe, kind, rendered, override)
        with transaction.atomic():
            version = _draft(
                actor=actor, meeting=meeting, kind=kind, reason=reason, reason_label=reason_label
            )
            if version.number == probe.number:
                version = _approve(actor=approver, version=version, approval=approval)
                return _publish(
                    actor=actor,
                    version=version,
                    rendered=rendered,
                    overridden=overridden,
                    override=override,
                )
            transaction.set_rollback(True)
    raise ServiceError({"kind": f"{meeting.reference} {kind.title}: another version came first."})


def rendered_from_record(record: PublicationRecord) -> Projected:
    """The published version as frozen in the ledger, read with the shape it records."""
    if record.snapshot.get("format") != record.snapshot_format:
        raise ValueError(
            f"the snapshot says format {record.snapshot.get('format')!r}, the ledger "
            f"{record.snapshot_format}"
        )
    return snapshot.load(record.snapshot)


def verify_record(record: PublicationRecord) -> list[str]:
    """What no longer matches in a published version: empty when it re-renders, with the output
    versions it records, to its hashes and keeps the labels the ledger says."""
    try:
        projected = rendered_from_record(record)
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        return [f"its frozen document cannot be read ({error})"]
    missing = [fmt for fmt in HASHED_FORMATS if fmt not in (record.renderers or {})]
    if missing:
        return [f"it records no output version for {', '.join(missing)}"]
    try:
        hashes = format_hashes(projected, record.renderers)
    except ValueError as error:
        return [str(error)]
    problems = [
        f"{fmt} renders to {hashes[fmt][:12]}…, published as {record.hashes.get(fmt, '')[:12]}…"
        f" (output version {record.renderers[fmt]})"
        for fmt in HASHED_FORMATS
        if hashes[fmt] != record.hashes.get(fmt)
    ]
    if content_hash(record.hashes) != record.content_hash:
        problems.append("its content hash does not match its format hashes")
    return problems + label_problems(record, projected)


def label_problems(record: PublicationRecord, projected: Projected) -> list[str]:
    """The labels a published version must keep: the ledger's label is the document's, within
    its audience's ceiling, and its audience is the one its kind has for the meeting."""
    problems = []
    if projected.label != record.label:
        problems.append(
            f"its frozen document is labelled {projected.label.name}, the ledger says "
            f"{Label(record.label).name}"
        )
    if projected.audience != record.audience:
        problems.append(
            f"its frozen document is for {projected.audience}, the ledger says {record.audience}"
        )
    try:
        kind = kinds.kind_named(record.kind)
    except ValueError:
        return [*problems, f"its kind {record.kind!r} is not registered"]
    ceiling = kind.audience_for(record.meeting).ceiling
    if projected.label > ceiling:
        problems.append(
            f"it is labelled {projected.label.name}, above its audience's ceiling {ceiling.name}"
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
