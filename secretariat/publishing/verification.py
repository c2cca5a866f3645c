"""Checking a published version again: it re-renders, with the output versions its ledger row
records, to the hashes it was published with, and keeps the labels the ledger says. Apart from
the services that write the ledger, so that what verifies is read without the writing code."""

from __future__ import annotations

from secretariat.documents import kinds, snapshot
from secretariat.documents.hashing import HASHED_FORMATS, content_hash, format_hashes
from secretariat.documents.labelled import Projected
from secretariat.labels.models import Label
from secretariat.publishing import frozen
from secretariat.publishing.audiences import audience_named
from secretariat.publishing.models import FrozenRecord, PublicationRecord


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
