"""A search, as one reader may see it: the words matched by the engine and the door's condition in
the same query, so that counts, facets, pages and snippets are all of the admitted fragments
only. Nothing is filtered afterwards in Python."""

from __future__ import annotations

import copy
import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet

from secretariat.labels.access import Reader
from secretariat.labels.models import Label
from secretariat.search import text
from secretariat.search.models import Entry
from secretariat.search.sources import KIND_NAMES

PAGE = 20
MAX_PAGE = 50
# The most fragments a search counts: the newest a reader may see (see _one_pass).
CAP = 2000


def _with_heard_ids(reader: Reader) -> Reader:
    """The reader with what they heard as lists of ids (one query, the reader's own cache)
    rather than subqueries: the index's condition then compares columns with constants, which
    both engines check row by row at no cost, however many fragments match."""
    if reader.hearing is None or reader.person_id is None or reader.elevated:
        return reader
    ids = {name: sorted(reader.heard_ids(name)) for name in _HEARING}

    def listed_ids(seated: bool) -> tuple:
        prefix = "seated_" if seated else ""
        return tuple(ids[f"{prefix}{name}"] for name in ("meetings", "whole", "items"))

    # A copy (the request's reader may be a lazy stand-in): the request keeps its own.
    listed = copy.copy(reader)
    listed.hearing = dataclasses.replace(reader.hearing, queries=listed_ids)
    return listed


_HEARING = ("meetings", "whole", "items", "seated_meetings", "seated_whole", "seated_items")


def door(reader: Reader) -> Q:
    """The rows this reader may see: `Reader.q` on the row's own scope columns, once for each
    way a scope may open RED (register entries open it to the secretariat, and some only to
    those who heard their item in a seat)."""
    reader = _with_heard_ids(reader)
    condition = Q(pk__in=[])
    # No scope asks for seated hearers without opening RED to the secretariat (registers only).
    for reads_red, seated in ((False, False), (True, False), (True, True)):
        condition |= Q(secretariat_reads_red=reads_red, seated_only=seated) & reader.q(
            label="label",
            body="body_id",
            meeting="meeting_id",
            item="item_id",
            date="date",
            organisation="organisation_id",
            people="person_id",
            secretariat_reads_red=reads_red,
            seated_only=seated,
        )
    return condition


def matching(terms: tuple[text.Term, ...]) -> QuerySet:
    """The rows whose words match every term, by the engine's own full-text index."""
    rows = Entry.objects.all()
    if connection.vendor == "postgresql":
        return rows.extra(
            where=["search_entry.vector @@ to_tsquery('simple', %s)"],
            params=[text.tsquery(terms)],
        )
    return rows.extra(
        where=["search_entry.id IN (SELECT rowid FROM search_entry_fts WHERE terms MATCH %s)"],
        params=[text.fts5_match(terms)],
    )


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    body_id: int | None = None
    year: int | None = None
    label: int | None = None

    def matches(self, kind, body_id, year, label) -> bool:
        return (
            (not self.kind or kind == self.kind)
            and (self.body_id is None or body_id == self.body_id)
            and (self.year is None or year == self.year)
            and (self.label is None or label == self.label)
        )

    def q(self) -> Q:
        condition = Q()
        if self.kind:
            condition &= Q(kind=self.kind)
        if self.body_id is not None:
            condition &= Q(body_id=self.body_id)
        if self.year is not None:
            condition &= Q(year=self.year)
        if self.label is not None:
            condition &= Q(label=self.label)
        return condition


@dataclass
class Hit:
    record: str
    kind: str
    heading: str
    url: str
    year: int | None
    label: Label
    snippets: list[tuple[str, str, str, Label]] = field(default_factory=list)


@dataclass
class Results:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[object, int]]] = field(default_factory=dict)
    page: int = 1
    pages: int = 0
    # True when the newest CAP admitted fragments were all that was counted.
    capped: bool = False


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def _one_pass(seen: QuerySet, filters: Filters, start: int) -> tuple[list, list[str], int]:
    """Facet groups and one page of records from a single pass over the newest CAP fragments
    the reader may see that match (ids run in day order, so the engine hands them over newest
    first with no sort): each record once, with its kind, body, year, highest label and newest
    fragment, grouped for the facets and ordered for the page in the same statement. A common
    word matches tens of thousands of fragments over twenty years: the newest are counted, and
    the page says so; the cap is reached (or not) on the admitted fragments alone."""
    newest = seen.order_by("-id").values("id", "record", "kind", "body_id", "year", "label")
    inner, params = _sql(newest[:CAP])
    wanted, wanted_params = [], []
    for column, value in (("k", filters.kind or None), ("b", filters.body_id),
                          ("y", filters.year), ("top", filters.label)):  # fmt: skip
        if value is not None:
            wanted.append(f"{column} = %s")
            wanted_params.append(value)
    where = ("WHERE " + " AND ".join(wanted)) if wanted else ""
    sql = (
        "WITH m AS MATERIALIZED (SELECT record, MAX(kind) AS k, MAX(body_id) AS b, "
        "MAX(year) AS y, MAX(label) AS top, MAX(id) AS newest, COUNT(*) AS n "
        f"FROM ({inner}) admitted GROUP BY record) "
        "SELECT 0, k, b, y, top, COUNT(*), SUM(n), CAST(NULL AS VARCHAR(64)) FROM m "
        "GROUP BY k, b, y, top "
        "UNION ALL SELECT * FROM (SELECT 1, k, b, y, top, CAST(NULL AS BIGINT), "
        "CAST(NULL AS BIGINT), record FROM m "
        f"{where} ORDER BY newest DESC, record LIMIT %s OFFSET %s) page"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, *wanted_params, PAGE, start))
        rows = cursor.fetchall()
    groups = [row[1:6] for row in rows if row[0] == 0]
    fragments = sum(row[6] for row in rows if row[0] == 0)
    keys = [row[7] for row in rows if row[0] == 1]
    return groups, keys, fragments


def search(reader: Reader, query: str, filters: Filters = Filters(), page: int = 1) -> Results:
    terms = text.parse(query)
    results = Results(query=query, page=page)
    if not terms:
        return results
    seen = matching(terms).filter(door(reader))
    groups, keys, fragments = _one_pass(seen, filters, (page - 1) * PAGE)
    results.capped = fragments >= CAP
    # Facets count records among the admitted matches, before the reader's own filters narrow
    # the list (each facet shows where else to look); a record's label is its highest matched.
    facets: dict[str, dict] = {
        name: defaultdict(int) for name in ("kind", "body_id", "year", "label")
    }
    for kind, body_id, year, top, count in groups:
        for name, value in (("kind", kind), ("body_id", body_id), ("year", year), ("label", top)):
            if value is not None:
                facets[name][value] += count
        if filters.matches(kind, body_id, year, top):
            results.total += count
    for name, counts in facets.items():
        reverse = name in ("year", "label")
        results.facets[name] = sorted(counts.items(), reverse=reverse)
    results.pages = (results.total + PAGE - 1) // PAGE
    if not keys:
        return results
    by_record: dict[str, list[Entry]] = defaultdict(list)
    # The page's records, their admitted fragments only; the words are matched again below
    # only to choose which admitted fragment to show.
    rows = Entry.objects.filter(record__in=keys).filter(door(reader))
    for row in rows.only(
        "record", "kind", "field", "heading", "url", "year", "label", "text", "terms"
    ):
        by_record[row.record].append(row)
    for key in keys:
        rows_of = by_record.get(key)
        if not rows_of:
            continue
        first = rows_of[0]
        hit = Hit(key, first.kind, first.heading, first.url, first.year, Label(first.label))
        shown: set[str] = set()
        matched = [row for row in rows_of if text.contains(row.terms, terms)] or rows_of
        for row in sorted(matched, key=lambda r: r.field):
            # A fragment indexed once per scope is one fragment: one snippet.
            if row.field in shown:
                continue
            shown.add(row.field)
            before, match, after = text.snippet(row.text, terms)
            hit.snippets.append((before, match, after, Label(row.label)))
        hit.label = max(Label(row.label) for row in matched)
        results.hits.append(hit)
    return results


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)
