"""Keeping the index: a record's fragments become rows (one per scope of the fragment, and per
person it names, so that each row is one `Scope` the door can ask about in SQL); `refresh`
replaces a few records' rows, `rebuild` all of them."""

from __future__ import annotations

import contextlib
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


# An index row's columns, in the order `entries` gives their values.
COLUMNS = (
    "id", "record", "kind", "field", "heading", "url", "body_id", "year", "label", "date",
    "meeting_id", "item_id", "organisation_id", "person_id", "secretariat_reads_red",
    "seated_only", "text", "terms",
)  # fmt: skip


def entries(pieces: Iterable[sources.Piece], ids: Ids) -> Iterator[tuple]:
    """Each row's values in `COLUMNS` order, as the database takes them: plain tuples, not
    `Entry` objects (making and reading those was a fifth of the index's CPU)."""
    adapt = connection.ops.adapt_datefield_value
    for piece in pieces:
        words = terms(piece.text)
        if not words:
            continue
        heading, url = piece.heading[:300], piece.url[:300]
        year = piece.day.year if piece.day else None
        label = int(piece.fragment.label)
        for scope in piece.fragment.scopes:
            people: list[int | None] = [*sorted(scope.people)] or [None]
            body_id = piece.body_id if piece.body_id is not None else scope.body_id
            day = scope.date or piece.day
            for person in people:
                yield (
                    ids(day),
                    piece.record,
                    piece.kind,
                    piece.field,
                    heading,
                    url,
                    body_id,
                    year,
                    label,
                    adapt(day),
                    scope.meeting_id,
                    scope.item_id,
                    scope.organisation_id,
                    person,
                    scope.secretariat_reads_red,
                    scope.seated_only,
                    piece.text,
                    words,
                )


def _write(rows: Iterable[tuple]) -> int:
    batch: list[tuple] = []
    written = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            written += _insert(batch)
            batch = []
    if batch:
        written += _insert(batch)
    return written


def _insert(batch: list[tuple]) -> int:
    """The rows in one prepared INSERT run for each (their ids are given): the same rows
    `bulk_create` writes, without compiling a statement per fifty rows and preparing each value
    through its field (a quarter of the inserting's CPU: 2.7 s against 3.6 s for 45,000 rows;
    the rest is the engine's, its word index included)."""
    quote = connection.ops.quote_name
    column = {field.attname: str(field.column) for field in Entry._meta.concrete_fields}
    columns = ", ".join(quote(column[name]) for name in COLUMNS)
    sql = (
        f"INSERT INTO {quote(Entry._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, batch)
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
    with _words_indexed_at_end():
        Entry.objects.all().delete()
        ids = Ids(fresh=True)
        written = sum(
            _index_source(source, ids, progress)
            for source in sources.SOURCES
            if source.kind not in leaving
        )
    progress(f"search index: {written} fragments")
    return written


# SQLite's triggers that keep its FTS5 word index in step with the rows one row at a time
# (search/migrations/0001_initial.py).
ROW_TRIGGERS = ("search_entry_ai", "search_entry_ad")


@contextlib.contextmanager
def _words_indexed_at_end() -> Iterator[None]:
    """Inside (a rebuild's transaction), SQLite's word index is not kept row by row: it is made
    again in one pass over every row at the end, which takes half the CPU of the trigger's
    insert per row (0.7 s against 1.4 s for 36,000 rows), and the triggers are put back as they
    were. PostgreSQL keeps its own (a generated column)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)",
            list(ROW_TRIGGERS),
        )
        triggers = cursor.fetchall()
        if len(triggers) == len(ROW_TRIGGERS):
            for name, _sql in triggers:
                cursor.execute(f"DROP TRIGGER {name}")
    if len(triggers) != len(ROW_TRIGGERS):
        yield
        return
    yield
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')")
        for _name, sql in triggers:
            cursor.execute(sql)


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
