"""Keeping the index: a record's fragments become rows (one per scope of the fragment, and per
person it names, so that each row is one `Scope` the door can ask about in SQL); `refresh`
replaces a few records' rows, `rebuild` all of them."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from secretariat.core.progress import SILENT, Progress
from secretariat.search import sources
from secretariat.search.models import Entry
from secretariat.search.text import terms

BATCH = 2000
_state = threading.local()
# A row's id orders it by its day: the day's ordinal above, a count within the day below. The
# engines hand back matches in id order cheaply, so "the newest matches first" costs no sort
# (query.py reads at most the newest few thousand a reader may see).
DAY_SHIFT = 24
# The advisory locks' first key on PostgreSQL: the index's own space, whatever else takes one.
LOCK_SPACE = 0x5EA1


def lock_day(ordinal: int) -> None:
    """Two writers indexing records of the same day would both read the day's highest id and
    insert the next (on PostgreSQL the second meets the primary key: an IntegrityError, a 500,
    seen for 220 of 517 writes in bench/locks.py). The day's ids are taken under a transaction
    advisory lock, released at commit. SQLite's write transaction already serialises writers."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, ordinal])


class Ids:
    """Ids for new rows, in day order: in a rebuild counted in memory, in a refresh after the
    highest id the day already has."""

    def __init__(self, fresh: bool) -> None:
        self.fresh = fresh
        self.next: dict[int, int] = {}

    def __call__(self, day) -> int:
        ordinal = day.toordinal() if day else 0
        if ordinal not in self.next:
            base = ordinal << DAY_SHIFT
            highest = None
            if not self.fresh:
                lock_day(ordinal)
                highest = (
                    Entry.objects.filter(pk__gte=base, pk__lt=base + (1 << DAY_SHIFT))
                    .order_by("-pk")
                    .values_list("pk", flat=True)
                    .first()
                )
            self.next[ordinal] = (highest + 1) if highest is not None else base
        found = self.next[ordinal]
        self.next[ordinal] = found + 1
        return found


def entries(pieces: Iterable[sources.Piece], ids: Ids) -> Iterator[Entry]:
    for piece in pieces:
        words = terms(piece.text)
        if not words:
            continue
        for scope in piece.fragment.scopes:
            people: list[int | None] = [*sorted(scope.people)] or [None]
            for person in people:
                day = scope.date or piece.day
                yield Entry(
                    id=ids(day),
                    record=piece.record,
                    kind=piece.kind,
                    field=piece.field,
                    heading=piece.heading[:300],
                    url=piece.url[:300],
                    body_id=piece.body_id if piece.body_id is not None else scope.body_id,
                    year=piece.day.year if piece.day else None,
                    label=int(piece.fragment.label),
                    date=day,
                    meeting_id=scope.meeting_id,
                    item_id=scope.item_id,
                    organisation_id=scope.organisation_id,
                    person_id=person,
                    secretariat_reads_red=scope.secretariat_reads_red,
                    seated_only=scope.seated_only,
                    text=piece.text,
                    terms=words,
                )


def _write(rows: Iterable[Entry]) -> int:
    batch: list[Entry] = []
    written = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            written += _insert(batch)
            batch = []
    if batch:
        written += _insert(batch)
    return written


def _insert(batch: list[Entry]) -> int:
    """The rows in one prepared INSERT run for each (their ids are given): the same rows
    `bulk_create` writes, without compiling a statement per fifty rows and preparing each value
    through its field (a quarter of the inserting's CPU: 2.7 s against 3.6 s for 45,000 rows;
    the rest is the engine's, its word index included)."""
    fields = Entry._meta.concrete_fields
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(Entry._meta.db_table)} ({', '.join(quote(str(f.column)) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    adapt = connection.ops.adapt_datefield_value
    values = [
        tuple(
            adapt(value) if isinstance(value, dt.date) else value
            for value in (getattr(row, field.attname) for field in fields)
        )
        for row in batch
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
    return len(batch)


@transaction.atomic
def refresh(source: sources.Source, pks: Iterable[int]) -> None:
    """Replace the rows of these records of one kind (a record deleted loses its rows)."""
    pks = sorted(set(pks))
    if not pks:
        return
    Entry.objects.filter(record__in=[source.key(pk) for pk in pks]).delete()
    records = source.queryset().filter(pk__in=pks)
    _write(entries(sources.pieces_of(source, records), Ids(fresh=False)))


@transaction.atomic
def rebuild(progress: Progress = SILENT, *, leaving: tuple[str, ...] = ()) -> int:
    """Every record's rows anew: after an import, a generated archive, or a change of what is
    indexed (`secretariat reindex`). Sources of the kinds in `leaving` are left unindexed, for
    `index_kind` to add when their records are written (the generator's publications, indexed
    once rendered): the rows are then the same, ids included, as those of one rebuild."""
    sources.ssc_id.cache_clear()
    Entry.objects.all().delete()
    ids = Ids(fresh=True)
    written = sum(
        _index_source(source, ids, progress)
        for source in sources.SOURCES
        if source.kind not in leaving
    )
    progress(f"search index: {written} fragments")
    return written


@transaction.atomic
def index_kind(kind: str, progress: Progress = SILENT) -> int:
    """Index every record of one kind, which has no rows yet (see `rebuild`'s `leaving`)."""
    return _index_source(sources.BY_KIND[kind], Ids(fresh=False), progress)


def _index_source(source: sources.Source, ids: Ids, progress: Progress) -> int:
    records = source.queryset().order_by("pk")
    with progress.counting(f"indexing {source.kind}", records.count()) as counter:

        def counted():
            for record in records.iterator(chunk_size=500):
                counter.advance()
                yield record

        return _write(entries(sources.pieces_of(source, counted()), ids))


def suspended() -> bool:
    return getattr(_state, "suspended", 0) > 0


@contextlib.contextmanager
def suspend() -> Iterator[None]:
    """No refresh on each save inside (a bulk load, which rebuilds the index at its end)."""
    _state.suspended = getattr(_state, "suspended", 0) + 1
    try:
        yield
    finally:
        _state.suspended -= 1
