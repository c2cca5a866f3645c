"""Writes of the archive app."""

from __future__ import annotations

import datetime as dt

from secretariat.archive.generator import GenerationError, Options, generate
from secretariat.archive.models import ArchiveRun
from secretariat.audit.services import audit_record
from secretariat.core.progress import SILENT, Progress
from secretariat.core.services import ServiceError
from secretariat.search import index as search_index

INDEXED_LAST = ("publication",)


def archive_generate(
    *,
    actor,
    options: Options,
    progress: Progress = SILENT,
    today: dt.date | None = None,
) -> ArchiveRun:
    """Fill the workspace with a synthetic archive. A bulk import: the rows bypass the per-row
    services (no per-row audit or history), and this one audit event records the whole run."""
    try:
        # Rows are written in bulk; the search index is built once, while the publications
        # are rendered, and they are added to it once written.
        with search_index.suspend():
            run = generate(
                options,
                progress=progress,
                today=today,
                meanwhile=lambda: search_index.rebuild(progress=progress, leaving=INDEXED_LAST),
            )
    except GenerationError as error:
        raise ServiceError({"options": str(error)}) from None
    search_index.index_kind("publication", progress=progress)
    audit_record(
        actor=actor,
        verb="archive.generate",
        obj=run,
        summary=(
            f"Synthetic archive {run.first_year}–{run.last_year}, scale {run.scale}, "
            f"seed {run.seed}: bulk import, per-row audit bypassed"
        ),
        changes={"seconds": run.seconds, **run.counts},
    )
    return run
