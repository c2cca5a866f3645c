"""A short list read with another query's row: one column of a subquery's rows as a JSON array,
so that a page needing a row and a few ids beside it (a report and its distribution) reads them
in one query. SQLite's `json_group_array`, PostgreSQL's `json_agg`; the same text on both."""

from __future__ import annotations

import json

from django.db.models import Func, QuerySet, Subquery, TextField


class _JSONList(Func):
    # An aggregate to the database, not to Django: the subquery it selects from is not grouped,
    # so it aggregates all of that subquery's rows into one.
    function = "JSON_GROUP_ARRAY"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="COALESCE(JSON_AGG(%(expressions)s)::text, '[]')",
            **extra_context,
        )


def listed(queryset: QuerySet, field: str) -> Subquery:
    """`field` of every row of `queryset` (which may refer to the outer query's row through
    `OuterRef`), as one JSON array; read it back with `unlisted`."""
    return Subquery(
        queryset.order_by().annotate(listed=_JSONList(field)).values("listed")[:1],
        output_field=TextField(),
    )


def unlisted(text: str | None) -> list:
    """The values `listed` read (none when the row had no list to read)."""
    return json.loads(text) if text else []
