"""Published Meeting Headlines for a synthetic archive (`generate_archive --publish`).

Each held WHITE meeting of the run gets version 1 of its Meeting Headlines, approved and
published by the officer who minuted it a week after the meeting, exactly as `version_publish`
would freeze it: the same projected document, version line and issue date, and honest hashes of
its Markdown, PDF and Word renderings, so `verify_publications` finds nothing wrong. Only the
per-row audit events are left out, as for the rest of the archive.

Rendering is the cost (about 36 ms of CPU a document, most of it Word and PDF), so the documents
are rendered in a pool of processes, one per CPU, while this process builds the next ones and
then indexes the archive for search. The workers are spawned, not forked: a fork would
copy the PDF engine's threads' locks mid-use and can hang. They set Django up, never touch the
database, and only render.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from django.db import transaction
from django.utils import timezone

from secretariat.archive import render_worker
from secretariat.audit.chain import link_rows
from secretariat.core.progress import Progress
from secretariat.documents import snapshot

# The version line is the publishing service's own, so the frozen document matches it exactly.
from secretariat.documents.hashing import content_hash, renderer_versions
from secretariat.documents.labelled import Projected
from secretariat.labels.models import Label
from secretariat.meetings.models import Meeting
from secretariat.publishing.builders import kind_named, prepare
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.publishing.record import MeetingSource
from secretariat.publishing.services import _status_line

KIND = "headlines"
PUBLISHED_AFTER = dt.timedelta(days=7)
# Meetings whose sources are fetched together (`MeetingSource.many`): their items' ids stay well
# within SQLite's limit on a statement's parameters.
SOURCES_AT_ONCE = 100


def publish_headlines(
    held: list[tuple[Meeting, object]],
    *,
    progress: Progress,
    meanwhile: Callable[[], object] | None = None,
) -> int:
    """Publish the headlines of `held` (meeting, publishing officer's user) pairs; return how
    many were published. `meanwhile` runs in this process while the pool renders."""
    kind = kind_named(KIND)
    by_year: dict[int, list] = {}
    for meeting, officer in held:
        if Label(meeting.label) <= kind.audience.ceiling and officer is not None:
            by_year.setdefault(meeting.date.year, []).append((meeting, officer))
    if not by_year:
        if meanwhile is not None:
            meanwhile()
        return 0
    context = multiprocessing.get_context("spawn")
    published = 0
    workers = os.cpu_count() or 1
    total = sum(len(pairs) for pairs in by_year.values())
    with ProcessPoolExecutor(workers, mp_context=context, initializer=render_worker.start) as pool:
        # Each year's documents go to the pool as soon as they are built (`map` submits them
        # all at once), so the workers render while this process builds the next year's and
        # then does `meanwhile`: the building and the rendering no longer take turns.
        pending = []
        for year, pairs in sorted(by_year.items()):
            documents = [
                _document(kind, source)
                for start in range(0, len(pairs), SOURCES_AT_ONCE)
                for source in MeetingSource.many(
                    [meeting for meeting, _ in pairs[start : start + SOURCES_AT_ONCE]]
                )
            ]
            frozen = [snapshot.dump(document) for _, document in documents]
            rendering = pool.map(render_worker.hashes, frozen, chunksize=4)
            pending.append((year, pairs, documents, frozen, rendering))
        if meanwhile is not None:
            meanwhile()
        with progress.counting("Rendering Meeting Headlines", total) as rendered:
            for year, pairs, documents, frozen, rendering in pending:
                started = time.perf_counter()
                hashes = []
                # The pool answers in order as each document is rendered: the bar moves with them.
                for found in rendering:
                    hashes.append(found)
                    rendered.advance(note=str(year))
                with transaction.atomic():
                    _write(kind, pairs, documents, frozen, hashes)
                published += len(pairs)
                progress(
                    f"{year}: {len(pairs):,} Meeting Headlines published "
                    f"({time.perf_counter() - started:.1f} s)"
                )
    return published


def _published_at(meeting: Meeting) -> dt.datetime:
    day = meeting.date + PUBLISHED_AFTER
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 12)).replace(microsecond=0)


def _document(kind, source: MeetingSource) -> tuple[Projected, Projected]:
    """The approved document and the frozen one, as `version_approve` and `version_publish`
    make them."""
    meeting = source.meeting
    approved = prepare(kind, meeting, status="", source=source)
    published_at = _published_at(meeting)
    frozen = Projected(
        kind=approved.kind,
        title=approved.title,
        label=approved.label,
        header=approved.header,
        sections=approved.sections,
        footer=approved.footer,
        meta={
            **approved.meta,
            "version": 1,
            "status": _status_line(PublicationVersion(number=1), published_at),
            "issued": published_at.astimezone(dt.UTC).isoformat(),
        },
        audience=approved.audience,
    )
    return approved, frozen


def _write(kind, pairs, documents, dumped, hashes) -> None:
    """The year's versions and ledger rows; `dumped` holds the frozen documents' snapshots, as
    sent to be rendered."""
    versions, records = [], []
    for (meeting, officer), (approved, frozen), frozen_dump, found in zip(
        pairs, documents, dumped, hashes, strict=True
    ):
        published_at = _published_at(meeting)
        version = PublicationVersion(
            meeting=meeting,
            kind=kind.slug,
            number=1,
            status=PublicationVersion.Status.PUBLISHED,
            drafted_by=officer,
            approved_by=officer,
            approved_at=published_at - dt.timedelta(days=1),
            snapshot=snapshot.dump(approved),
        )
        versions.append(version)
        records.append(
            PublicationRecord(
                version=version,
                meeting=meeting,
                kind=kind.slug,
                number=1,
                audience=kind.audience_for(meeting).name,
                label=frozen.label,
                title=frozen.meta.get("subtitle") or frozen.title,
                snapshot=frozen_dump,
                hashes=found,
                content_hash=content_hash(found),
                snapshot_format=snapshot.format_of(frozen),
                renderers=renderer_versions(),
                published_at=published_at,
                published_by=officer,
                approved_by=officer,
            )
        )
    PublicationVersion.objects.bulk_create(versions)
    for record in records:
        record.version_id = record.version.pk  # given by the insert just above
    # Written in bulk, so linked into the ledger's chain here (save would do it one by one).
    link_rows(records)
    PublicationRecord.objects.bulk_create(records)
