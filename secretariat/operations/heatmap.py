"""Pictures of the register for people who would rather look than read: a RED/AMBER/GREEN heatmap
of each measure by month, and incidents per month. Each is SVG with its own text alternative (a
title, a description, and a title on every cell); the pages give the same facts as a table beside it.

Ratings are never told by colour alone: each cell also carries its letter (G, A, R)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from secretariat.operations.models import Rating

COLOURS = {Rating.GREEN: "#2e7d32", Rating.AMBER: "#f0a500", Rating.RED: "#c62828"}
LETTERS = {Rating.GREEN: "G", Rating.AMBER: "A", Rating.RED: "R"}
CELL, GAP, LEFT, TOP = 28, 2, 220, 36


def _months(rows) -> list[dt.date]:
    return sorted({month.month for row in rows for month in row["months"]})


def measures_svg(rows, *, ident: str = "measures") -> SafeString:
    months = _months(rows)
    width = LEFT + len(months) * (CELL + GAP) + 10
    height = TOP + len(rows) * (CELL + GAP) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">Performance measures by month, rated RED, AMBER or GREEN</title>',
        f'<desc id="{ident}-desc">{escape(_describe(rows))}</desc>',
    ]
    for column, month in enumerate(months):
        x = LEFT + column * (CELL + GAP) + CELL // 2
        parts.append(
            f'<text x="{x}" y="{TOP - 8}" font-size="9" text-anchor="middle">{month:%m/%y}</text>'
        )
    for line, row in enumerate(rows):
        y = TOP + line * (CELL + GAP)
        name = escape(row["measure"].name[:34])
        parts.append(f'<text x="0" y="{y + CELL * 0.65:.0f}" font-size="11">{name}</text>')
        by_month = {m.month: m for m in row["months"]}
        for column, month in enumerate(months):
            found = by_month.get(month)
            if found is None:
                continue
            x = LEFT + column * (CELL + GAP)
            label = f"{row['measure'].name}, {month:%B %Y}: {found.value.normalize():f}, {found.rating.label}"
            parts.append(
                f'<g><title>{escape(label)}</title><rect x="{x}" y="{y}" width="{CELL}" '
                f'height="{CELL}" fill="{COLOURS[found.rating]}"/><text x="{x + CELL // 2}" '
                f'y="{y + CELL * 0.65:.0f}" font-size="11" text-anchor="middle" fill="#000">'
                f"{LETTERS[found.rating]}</text></g>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _describe(rows) -> str:
    sentences = []
    for row in rows:
        counts = Counter(m.rating.label for m in row["months"])
        streak = row.get("streak")
        tail = (
            f"; {streak.length} consecutive months at AMBER or worse to date"
            if streak and streak.length
            else ""
        )
        sentences.append(
            f"{row['measure'].name}: "
            + ", ".join(f"{counts[r.label]} {r.label}" for r in Rating if counts[r.label])
            + tail
        )
    return ". ".join(sentences) + "."


def incidents_by_month(incidents) -> list[tuple[dt.date, int]]:
    counts = Counter(incident.occurred_on.replace(day=1) for incident in incidents)
    return sorted(counts.items())


def incidents_svg(months: list[tuple[dt.date, int]], *, ident: str = "incidents") -> SafeString:
    """Bars of incidents per month, from (month, how many) in order (`incidents_by_month`
    counts a list of incidents; the overview counts in the database)."""
    most = max((count for _, count in months), default=1)
    width = 60 + len(months) * (CELL + GAP)
    height = 140
    description = "; ".join(f"{month:%B %Y}: {count}" for month, count in months)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">Major incidents per month</title>',
        f'<desc id="{ident}-desc">{escape(description)}.</desc>',
    ]
    for column, (month, count) in enumerate(months):
        x = 40 + column * (CELL + GAP)
        bar = round(90 * count / most)
        parts.append(
            f'<g><title>{month:%B %Y}: {count}</title><rect x="{x}" y="{110 - bar}" '
            f'width="{CELL}" height="{bar}" fill="#5b6770"/><text x="{x + CELL // 2}" '
            f'y="{105 - bar}" font-size="10" text-anchor="middle">{count}</text>'
            f'<text x="{x + CELL // 2}" y="125" font-size="9" text-anchor="middle">'
            f"{month:%m/%y}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
