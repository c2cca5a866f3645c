"""A search, as one reader may see it: the words matched by the engine and the door's condition in
the same query, so that counts, facets, pages and snippets are all of the admitted fragments
only. Nothing is filtered afterwards in Python."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product

from django.db import connection
from django.db.models import Count, Max, Q, QuerySet

from secretariat.labels.access import Reader
from secretariat.labels.models import Label
from secretariat.search import text
from secretariat.search.models import Entry
from secretariat.search.sources import KIND_NAMES

PAGE = 20
MAX_PAGE = 50


def door(reader: Reader) -> Q:
    """The rows this reader may see: `Reader.q` on the row's own scope columns, once for each
    way a scope may open RED (register entries open it to the secretariat, and some only to
    those who heard their item in a seat)."""
    condition = Q(pk__in=[])
    for reads_red, seated in product((False, True), repeat=2):
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


def search(reader: Reader, query: str, filters: Filters = Filters(), page: int = 1) -> Results:
    terms = text.parse(query)
    results = Results(query=query, page=page)
    if not terms:
        return results
    seen = matching(terms).filter(door(reader))
    # Facets count records (not fragments), each over the admitted rows only, before the
    # reader's own filters narrow the list (so that each facet shows where else to look).
    for name in ("kind", "body_id", "year", "label"):
        rows = (
            seen.values(name)
            .annotate(n=Count("record", distinct=True))
            .order_by(f"-{name}" if name in ("year", "label") else name)
        )
        results.facets[name] = [(row[name], row["n"]) for row in rows if row[name] is not None]
    chosen = seen.filter(filters.q())
    results.total = chosen.values("record").distinct().count()
    results.pages = (results.total + PAGE - 1) // PAGE
    start = (page - 1) * PAGE
    keys = list(
        chosen.values("record")
        .annotate(newest=Max("date"), top=Max("label"))
        .order_by("-newest", "record")
        .values_list("record", flat=True)[start : start + PAGE]
    )
    if not keys:
        return results
    by_record: dict[str, list[Entry]] = defaultdict(list)
    for row in chosen.filter(record__in=keys).only(
        "record", "kind", "field", "heading", "url", "year", "label", "text"
    ):
        by_record[row.record].append(row)
    for key in keys:
        rows = by_record[key]
        first = rows[0]
        hit = Hit(key, first.kind, first.heading, first.url, first.year, Label(first.label))
        shown: set[str] = set()
        for row in sorted(rows, key=lambda r: r.field):
            # A fragment indexed once per scope is one fragment: one snippet.
            if row.field in shown:
                continue
            shown.add(row.field)
            before, match, after = text.snippet(row.text, terms)
            hit.snippets.append((before, match, after, Label(row.label)))
        hit.label = max(Label(row.label) for row in rows)
        results.hits.append(hit)
    return results


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)
