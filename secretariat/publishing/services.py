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
from secretariat.publishing.models import (
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


def _meeting_now(meeting: Meeting, *, lock: bool = False) -> Meeting:
    """The meeting as the database has it now (the caller's copy may be older), locked when
    asked: the row two writers of its documents queue on (PostgreSQL; on SQLite the write
    transaction already serialises them)."""
    rows = Meeting.objects.select_related("body")
    if lock:
        rows = rows.select_for_update(of=("self",))
    return rows.get(pk=meeting.pk)


def _still(kind: DocumentKind, meeting: Meeting, approval: Approval) -> bool:
    """Inside the write transaction: the record still builds to what was frozen and rendered
    before it opened. Building again is the fingerprint of every row the document read (items,
    outcomes, attendance, actions, registers, whatever the kind reads) without each kind
    listing them, and it costs a build, not a render."""
    again = _approval(kind, meeting)
    return snapshot.canonical(again.snapshot) == snapshot.canonical(approval.snapshot)


def _changed(meeting: Meeting, kind: DocumentKind, doing: str, again: str) -> dict:
    return {
        "meeting": f"{meeting.reference} changed while its {kind.title} were being {doing}: "
        f"{again} again."
    }


def version_approve(*, actor, version: PublicationVersion) -> PublicationVersion:
    """Approve a draft: freeze the document as its audience will receive it. Approving again
    before publication takes the meeting's current content. The document is built first; the
    write transaction checks that the version and the record are still as it was built from,
    builds again once if not, then refuses."""
    failure: dict = {}
    for _attempt in (1, 2):
        seen = _versions(version.pk)
        kind = _kind(seen.kind)
        _check_approvable(actor, seen, kind)
        approval = _approval(kind, seen.meeting)  # reads the record, outside the transaction
        with transaction.atomic():
            meeting = _meeting_now(seen.meeting, lock=True)
            locked = PublicationVersion.objects.select_for_update().get(pk=version.pk)
            locked.meeting = meeting
            if (locked.status, locked.approved_at) != (seen.status, seen.approved_at):
                failure = {"version": f"{seen} changed while it was being approved: try again."}
            elif not _still(kind, meeting, approval):
                failure = _changed(meeting, kind, "approved", "approve")
            else:
                return _approve(actor=actor, version=locked, approval=approval)
    raise ServiceError(failure)


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
    transaction then checks the record still builds to it and takes that number, or makes it
    all again once if either moved, then refuses: it never publishes a stale document."""
    kind = _kind(kind)
    if not isinstance(meeting, Meeting):
        raise ServiceError({"meeting": "A publication belongs to a meeting."})
    approver = approver or actor
    failure: dict = {}
    for _attempt in (1, 2):
        meeting = _meeting_now(meeting)
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
            current = _meeting_now(meeting, lock=True)
            # Built again before the draft is written: some kinds read their own versions.
            if not _still(kind, current, approval):
                failure = _changed(current, kind, "published", "publish")
                continue
            version = _draft(
                actor=actor, meeting=current, kind=kind, reason=reason, reason_label=reason_label
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
            failure = {"kind": f"{meeting.reference} {kind.title}: another version came first."}
            transaction.set_rollback(True)
    raise ServiceError(failure)


def version_issue(
    *, actor, version: PublicationVersion, approver=None, when=None, override=None
) -> PublicationRecord:
    """Approve and publish a pending version in one go, all or nothing, as `publication_issue`
    does for a new one: built and rendered first, checked unchanged in a short transaction."""
    approver = approver or actor
    failure: dict = {}
    for _attempt in (1, 2):
        seen = _versions(version.pk)
        kind = _kind(seen.kind)
        _check_approvable(approver, seen, kind)
        _check_editor(actor, seen.meeting, kind, doing="publish", allowed=PUBLISHERS)
        kind.check_publishable(seen.meeting)
        approval = _approval(kind, seen.meeting)
        probe = PublicationVersion(
            meeting=seen.meeting,
            kind=seen.kind,
            number=seen.number,
            reason=seen.reason,
            reason_label=seen.reason_label,
            snapshot=approval.snapshot,
        )
        rendered = _render(probe, kind, when)
        overridden = _screened(probe, kind, rendered, override)
        with transaction.atomic():
            meeting = _meeting_now(seen.meeting, lock=True)
            locked = PublicationVersion.objects.select_for_update().get(pk=version.pk)
            locked.meeting = meeting
            if locked.status == Status.PUBLISHED:
                raise ServiceError({"version": f"{seen} is already published."})
            if (locked.status, locked.approved_at, locked.reason, locked.reason_label) != (
                seen.status,
                seen.approved_at,
                seen.reason,
                seen.reason_label,
            ):
                failure = {"version": f"{seen} changed while it was being published: try again."}
            elif not _still(kind, meeting, approval):
                failure = _changed(meeting, kind, "published", "publish")
            else:
                locked = _approve(actor=approver, version=locked, approval=approval)
                return _publish(
                    actor=actor,
                    version=locked,
                    rendered=rendered,
                    overridden=overridden,
                    override=override,
                )
    raise ServiceError(failure)
