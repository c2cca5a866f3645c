"""The pictures the registers put into the Panel report: a RED/AMBER/GREEN heatmap of a body's
performance measures by month, and its major incidents per month.

An officer asks for one with a paragraph of its own in a highlight's report text,
`{measures_heatmap}` or `{incidents_heatmap}`; the compile writes the meeting into it
(`{measures_heatmap:OPSG_32_1405}`), so the picture stays that meeting's whatever the officer
edits around it, and draws it in the section as a `Heatmap` block.

Labels: a measure's row keeps the measure's own label and scope (GREEN by default), so a public
report leaves it out; a measure with a report phrase (how the report names it for the public,
as the streak sentence does) is drawn under that phrase at the highlight's label. A count names
no record and is drawn at the highlight's label, whatever the incidents' own."""

from __future__ import annotations

import datetime as dt
import re

from secretariat.documents.labelled import Heatmap, Row, Text
from secretariat.labels.access import Scope
from secretariat.labels.models import Label
from secretariat.meetings.models import Meeting
from secretariat.operations import measures as ratings
from secretariat.operations.access import scope_of

ASKED = re.compile(r"\{(measures_heatmap|incidents_heatmap)\}")
DRAWN = re.compile(r"^\{(measures_heatmap|incidents_heatmap):([A-Za-z0-9_]+)\}$")
# How far back a picture looks from its meeting.
MONTHS = 12


def stamp(text: str, meeting: Meeting) -> str:
    """`{measures_heatmap}` -> `{measures_heatmap:OPSG_32_1405}`."""
    return ASKED.sub(lambda match: "{" + f"{match.group(1)}:{meeting.reference}" + "}", text)


def window(day: dt.date) -> list[dt.date]:
    """The MONTHS months before the meeting's, oldest first: the meeting reviews what ended."""
    month = day.replace(day=1)
    found = []
    for _ in range(MONTHS):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        found.append(month)
    return list(reversed(found))


def _header(months) -> tuple[str, ...]:
    return tuple(f"{month:%m/%y}" for month in months)


def measures_heatmap(measures, meeting: Meeting, label: Label, scope: Scope) -> Heatmap:
    months = window(meeting.date)
    rows = []
    for measure in (m for m in measures if m.body_id == meeting.body_id):
        by_month = {m.month: m.rating for m in ratings.rated(measure) if m.month in months}
        if not by_month:
            continue
        cells = [Text(by_month[month].name if month in by_month else "") for month in months]
        if measure.report_phrase:
            name = measure.report_phrase[:1].upper() + measure.report_phrase[1:]
            rows.append(Row((Text(name), *cells), label, scope))
        else:
            rows.append(Row((Text(measure.name), *cells), measure.label, scope_of(measure)))
    return Heatmap(
        title=f"{meeting.body.display_code} performance measures by month, rated RED, AMBER or "
        "GREEN",
        header=("Measure", *_header(months)),
        rows=tuple(rows),
        kind="ratings",
    )


def incidents_heatmap(days: list[dt.date], meeting: Meeting, label: Label, scope: Scope) -> Heatmap:
    months = window(meeting.date)
    counts = {month: 0 for month in months}
    for day in days:
        if day.replace(day=1) in counts:
            counts[day.replace(day=1)] += 1
    return Heatmap(
        title=f"Major incidents per month, {months[0]:%B %Y} to {months[-1]:%B %Y}",
        header=("", *_header(months)),
        rows=(
            Row((Text("Major incidents"), *(Text(str(counts[m])) for m in months)), label, scope),
        ),
        kind="counts",
    )
