"""The report's layout as the compile reads it: the template's sections, numbered, each with the
officer's order of its highlights and the officer's latest edit of it, all in one query (a few
subqueries per section), whatever the number of edits."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from secretariat.reports.models import HighlightOrder, PanelReport, ReportSection, SectionOverride


@dataclass
class Numbered:
    section: ReportSection
    number: str
    children: list[Numbered] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.section.title}"


@dataclass(frozen=True)
class Override:
    """The officer's latest edit of a section (`SectionOverride`), as the compile uses it."""

    text: str
    label: int
    compiled_text: str
    reason: str
    written_by: str  # the writer's username, "" for the system
    written_at: dt.datetime


# Override's fields, each read from the section's latest SectionOverride.
_OVERRIDE_FIELDS = {
    "text": "text",
    "label": "label",
    "compiled_text": "compiled_text",
    "reason": "reason",
    "written_by": "written_by__username",
    "written_at": "written_at",
}


# The key under which an unsaved report holds its template's sections, read with what the
# report was built from (`selectors.defaults_read`): it has no orders or edits to read with them.
LAYOUT_READ = "layout_sections"


def numbered_layout(template, report: PanelReport | None = None) -> list[Numbered]:
    """The template's sections, numbered; with a saved `report`, each section carries the
    officer's order of its highlights (`highlight_order`, None when not set) and the officer's
    latest edit (`override`, None when none), read with it."""
    query = ReportSection.objects.filter(template=template).order_by("position", "id")
    saved = report is not None and report.pk is not None
    read = None if report is None or saved else report.__dict__.get(LAYOUT_READ)
    if read is not None and all(section.template_id == template.pk for section in read):
        query = read
    if saved:
        latest = SectionOverride.objects.filter(report=report, section=OuterRef("pk")).order_by(
            "-id"
        )
        query = query.annotate(
            highlight_order=Subquery(
                HighlightOrder.objects.filter(report=report, section=OuterRef("pk")).values(
                    "headings"
                )[:1],
                output_field=HighlightOrder._meta.get_field("headings"),
            ),
            override_id=Subquery(latest.values("id")[:1]),
            **{
                f"override_{name}": Subquery(latest.values(path)[:1])
                for name, path in _OVERRIDE_FIELDS.items()
            },
        )
    sections = list(query)
    for section in sections:
        section.override = (  # type: ignore[attr-defined]
            Override(**{name: getattr(section, f"override_{name}") for name in _OVERRIDE_FIELDS})
            if saved and section.override_id is not None  # type: ignore[attr-defined]
            else None
        )
    children: dict[int, list[ReportSection]] = defaultdict(list)
    for section in sections:
        if section.parent_id is not None:
            children[section.parent_id].append(section)
    layout = []
    for index, top in enumerate((s for s in sections if s.parent_id is None), start=1):
        entry = Numbered(top, str(index))
        entry.children = [
            Numbered(child, f"{index}.{sub}")
            for sub, child in enumerate(children.get(top.pk, []), start=1)
        ]
        layout.append(entry)
    return layout
