"""The recorded deliveries the auditor reads: what reached whom, and when. Each source (the
break-glass reads here; paper downloads, and documents delivered per reader where they are
recorded) gives its latest rows in the same shape; the page merges them newest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from secretariat.audit.models import ElevatedRead

# Each source gives at most this many of its latest rows: the page is for looking back over
# recent weeks, not a full export.
LATEST = 500


@dataclass(frozen=True)
class DeliveryRow:
    at: dt.datetime
    who: str
    how: str
    what: str
    detail: str = ""


def _elevated_reads() -> Iterable[DeliveryRow]:
    reads = ElevatedRead.objects.select_related("elevation__user").order_by("-at", "-id")[:LATEST]
    for read in reads:
        yield DeliveryRow(
            at=read.at,
            who=read.elevation.user.get_username(),
            how="read under break-glass",
            what=f"{read.method} {read.path}",
            detail=f"{read.record_count} record{'s' if read.record_count != 1 else ''}, "
            f"answered {read.status}",
        )


SOURCES: list[Callable[[], Iterable[DeliveryRow]]] = [_elevated_reads]


def register(source: Callable[[], Iterable[DeliveryRow]]) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def deliveries() -> list[DeliveryRow]:
    rows = [row for source in SOURCES for row in source()]
    return sorted(rows, key=lambda row: row.at, reverse=True)
