"""Compile a Panel report from the records of its period: two labelled documents (the report and
its confidential Appendix A) and, for the officer, where each highlight went and how the
officer's edits differ from the compiled text.

Labels carry through the roll-up. The report is WHITE (see `REPORT_LABEL`): a highlight whose
report text, heading or meeting is labelled above it never enters the report's body; it goes to
Appendix A (RED, for its named distribution) when its own meeting recorded the decision to report
it to the Panel, and is left out otherwise; the compile says which and why. Every text keeps its own label and scope in both documents, so
the projection for each audience would drop it anyway: the placement is the first guard, the
projection the second.

The compile reads the database: `compile_report` the body's records, and the `Compiled` it
returns Appendix A's (the period's referrals) when the appendix, the warnings or the provenance
are first asked for, so that a page of the body alone does not read them. Nothing else does.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Exists, OuterRef

from secretariat.assurance.period import PeriodRegister
from secretariat.core.listed import unlisted
from secretariat.directory.models import Body
from secretariat.documents.labelled import Document, Paragraph, Section, Text
from secretariat.documents.text import long_date, paragraphs
from secretariat.labels.access import PUBLIC_SCOPE, Scope
from secretariat.labels.models import Label, highest
from secretariat.meetings.access import item_scope, meeting_scope
from secretariat.meetings.models import AgendaItem
from secretariat.operations.measures import streak_months_on
from secretariat.reports.appendix import appendix_scope, distribution_of
from secretariat.reports.compiler.appendix import APPENDIX_LABEL, appendix_document
from secretariat.reports.compiler.layout import Numbered, Override, numbered_layout
from secretariat.reports.compiler.pieces import (
    Piece,
    group_pieces,
    normal_heading,
    parse_pieces,
    pieces_text,
    section_body,
)
from secretariat.reports.compiler.registers import Disagreement, Provenance, RegisterFacts
from secretariat.reports.counts import quiet_month, sentence, sentences_for
from secretariat.reports.models import HighlightDecision, PanelReport, Part, ReportSection
from secretariat.reports.periods import Period

# The report's body is a WHITE paper, published to the public like the seed: it names no party,
# its counts identify nobody, and it only points to the confidential appendix.
REPORT_LABEL = Label.WHITE

Content = ReportSection.Content

__all__ = [
    "APPENDIX_LABEL",
    "REPORT_LABEL",
    "Compiled",
    "Edit",
    "Placement",
    "compile_report",
    "panel_scope",
    "parse_pieces",
    "pieces_text",
]


def panel_scope(meeting) -> Scope:
    """Where the report's own fragments belong: the Panel meeting it goes to. A highlight is
    written for the Panel (an officer marked it 'report to the Panel' and gave it a report label),
    so its label says how far beyond the Panel it may travel. The secretariat, which compiles the
    report, reads it at any label."""
    return Scope(
        body_id=meeting.body_id,
        meeting_id=meeting.pk,
        date=meeting.date,
        secretariat_reads_red=True,
    )


# -- highlights ----------------------------------------------------------------------------------


@dataclass
class Highlight:
    item: AgendaItem
    heading: str
    heading_label: Label
    paragraphs: list[str]
    label: Label

    @property
    def source(self) -> str:
        return f"{self.item.meeting.reference} item {self.item.number}"


@dataclass(frozen=True)
class Placement:
    """Where one marked item went: 'body', 'appendix' or 'left out', and why."""

    source: str
    body: str
    heading: str
    label: Label
    destination: str
    where: str
    reason: str
    # Where the highlight comes from: who may read it there, and who may know of its meeting
    # (the meeting's own label and scope, as `visible_meetings` asks).
    scope: Scope = PUBLIC_SCOPE
    meeting_id: int | None = None
    meeting_label: Label = Label.RED
    meeting_scope: Scope = PUBLIC_SCOPE

    def line(self) -> str:
        return (
            f"{self.source} ({self.body}) “{self.heading}” [{self.label.name}] → "
            f"{self.destination}{': ' + self.where if self.where else ''} — {self.reason}"
        )


def _highlight(item: AgendaItem, facts: RegisterFacts) -> Highlight:
    heading = item.report_heading.strip()
    heading_label = Label(item.report_label)
    if not heading:
        # Without a report heading the item's title stands in, at the title's own label.
        heading = item.title.strip() or f"Item {item.number}"
        heading_label = highest([item.report_label, item.title_label])
    # A highlight tells of its meeting: it is never lower than the meeting's own label.
    heading_label = highest([heading_label, item.meeting.label])
    label = highest([item.report_label, heading_label])
    # The registers' placeholders are filled at the highlight's label (see compiler.registers).
    text = facts.fill(item, item.report_text, label)
    return Highlight(item, heading, heading_label, paragraphs(text), label)


# -- the compile ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """An officer's text in force for a section, against the compiled text."""

    number: str
    title: str
    compiled: str
    edited: str
    compiled_then: str
    label: Label
    written_by: str
    written_at: object
    reason: str

    @property
    def diff(self) -> list[str]:
        return list(
            difflib.unified_diff(
                self.compiled.splitlines(),
                self.edited.splitlines(),
                "compiled",
                "edited by the officer",
                lineterm="",
            )
        )

    @property
    def records_changed(self) -> bool:
        return self.compiled_then != self.compiled

    @property
    def records_diff(self) -> list[str]:
        return list(
            difflib.unified_diff(
                self.compiled_then.splitlines(),
                self.compiled.splitlines(),
                "compiled when edited",
                "compiled now",
                lineterm="",
            )
        )


@dataclass
class Compiled:
    """A compile: the report's body at once; Appendix A, the warnings and the registers'
    provenance when first asked (a page of the body alone reads nothing the appendix needs)."""

    report: PanelReport
    period: Period
    body: Document
    placements: list[Placement]
    edits: list[Edit]
    # The compiled (not edited) text of every leaf section, by section id.
    texts: dict[int, str]
    layout: list[Numbered]
    # The counts that disagree with the meetings' outcomes (an unresolved one blocks
    # publication).
    disagreements: list[Disagreement]
    compiler: _Compiler = field(repr=False)

    @cached_property
    def appendix(self) -> Document:
        return self.compiler.appendix()

    @cached_property
    def warnings(self) -> list[str]:
        _ = self.appendix  # its pictures may warn too
        return self.compiler.check_codes() + self.compiler.facts.warnings

    @property
    def provenance(self) -> list[Provenance]:
        """Every value the registers filled in, and every picture drawn, with its records."""
        _ = self.appendix
        return self.compiler.facts.provenance

    def document(self, part: str) -> Document:
        return self.body if part == Part.BODY else self.appendix

    def leaf(self, number: str) -> Numbered | None:
        for top in self.layout:
            for entry in (top, *top.children):
                if entry.number == number:
                    return entry
        return None


class _Compiler:
    def __init__(self, report: PanelReport):
        self.report = report
        self.meeting = report.meeting
        self.period = Period(report.period_start, report.period_end)
        self.scope = panel_scope(self.meeting)
        self.template = report.template
        self.layout = numbered_layout(self.template, report)
        self.placements: list[Placement] = []
        self.texts: dict[int, str] = {}
        self.edits: list[Edit] = []
        self.restricted: list[tuple[str, list]] = []  # (section heading, groups) for Appendix A
        self._quiet: dt.date | None = None
        self.decided: set[int] = set()
        self.facts = RegisterFacts(self.period)
        # The assurance register of the period, read once for every count and the appendix.
        self.assurance = PeriodRegister(self.period.start, self.period.end)

    @cached_property
    def appendix_scope(self) -> Scope:
        # Appendix A belongs to its named distribution only (see reports/appendix.py); read
        # when the appendix is built, so that the body alone never asks who is on it.
        return appendix_scope(distribution_of(self.report))

    # -- highlights -----------------------------------------------------------------------------

    def _highlights(self) -> dict[int, list[Highlight]]:
        leaves = [
            child
            for top in self.layout
            for child in (top.children or [top])
            if child.section.content == Content.HIGHLIGHTS
        ]
        by_code: dict[str, Numbered] = {}
        for leaf in leaves:
            for code in leaf.section.body_codes:
                by_code.setdefault(str(code).upper(), leaf)
        items = (
            AgendaItem.objects.filter(
                report_to_panel=True,
                meeting__date__gte=self.period.start,
                meeting__date__lte=self.period.end,
            )
            .select_related("meeting__body")
            # Whether the item's meeting decided to report it, and the streak rule in force on
            # its day (for `{streaks}`), read with the item.
            .annotate(
                decided=Exists(HighlightDecision.objects.filter(item=OuterRef("pk"))),
                streak_months=streak_months_on("meeting__date"),
            )
            .order_by("meeting__date", "meeting_id", "parent_id", "number", "id")
        )
        marked = list(items)
        self.decided = {item.pk for item in marked if item.decided}
        found: dict[int, list[Highlight]] = defaultdict(list)
        for item in marked:
            highlight = _highlight(item, self.facts)
            body = item.meeting.body
            covering = by_code.get(body.code.upper())
            if covering is None:
                self._place(
                    highlight,
                    "left out",
                    "",
                    f"no section of the layout covers the {body.display_code}",
                )
                continue
            if not highlight.paragraphs:
                self._place(highlight, "left out", "", "the item has no report text")
                continue
            found[covering.section.pk].append(highlight)
        return found

    def _place(self, highlight: Highlight, destination: str, where: str, reason: str) -> None:
        self.placements.append(
            Placement(
                source=highlight.source,
                body=highlight.item.meeting.body.display_code,
                heading=highlight.heading,
                label=highlight.label,
                destination=destination,
                where=where,
                reason=reason,
                scope=item_scope(highlight.item),
                meeting_id=highlight.item.meeting_id,
                meeting_label=Label(highlight.item.meeting.label),
                meeting_scope=meeting_scope(highlight.item.meeting),
            )
        )

    def _ordered_groups(self, leaf: Numbered, highlights: list[Highlight], order: list[str]):
        codes = [str(code).upper() for code in leaf.section.body_codes]
        groups: dict[str, list[Highlight]] = {}
        for highlight in sorted(
            highlights,
            key=lambda h: (
                codes.index(h.item.meeting.body.code.upper()),
                h.item.meeting.date,
                h.item.meeting_id,
                h.item.number,
                h.item.pk,
            ),
        ):
            groups.setdefault(normal_heading(highlight.heading), []).append(highlight)
        wanted = [normal_heading(heading) for heading in order]
        ranked = sorted(
            groups.items(),
            key=lambda pair: wanted.index(pair[0]) if pair[0] in wanted else len(wanted),
        )
        return [members for _, members in ranked]

    def _highlight_pieces(self, leaf: Numbered, highlights, order) -> list[Piece]:
        body_groups, appendix_groups = [], []
        for members in self._ordered_groups(leaf, highlights, order):
            allowed = [h for h in members if h.label <= REPORT_LABEL]
            withheld = [h for h in members if h.label > REPORT_LABEL]
            for highlight in allowed:
                self._place(
                    highlight,
                    "body",
                    leaf.heading,
                    f"{highlight.label.name} is within the report's {REPORT_LABEL.name}",
                )
            undecided = [h for h in withheld if h.item.pk not in self.decided]
            withheld = [h for h in withheld if h.item.pk in self.decided]
            for highlight in undecided:
                self._place(
                    highlight,
                    "left out",
                    "",
                    f"{highlight.label.name} is above the report's {REPORT_LABEL.name}, and "
                    f"{highlight.item.meeting.reference} recorded no decision to report it to "
                    "the Panel",
                )
            for highlight in withheld:
                self._place(
                    highlight,
                    "Appendix A",
                    f"A.3 {leaf.section.title}",
                    f"{highlight.label.name} is above the report's {REPORT_LABEL.name}; "
                    f"{highlight.item.meeting.reference} decided to report it to the Panel, "
                    "and the appendix goes only to its named distribution",
                )
            if allowed:
                body_groups.append((allowed[0], allowed))
            if withheld:
                appendix_groups.append((withheld[0], withheld))
        if appendix_groups:
            self.restricted.append((leaf.section.title, appendix_groups))
        if not body_groups:
            return [
                Piece("paragraph", sentence(leaf.section.sentence_none, month=self.period.words))
            ]
        return group_pieces(body_groups)

    # -- sections -------------------------------------------------------------------------------

    def _count_pieces(self, section: ReportSection) -> list[Piece]:
        if self._quiet is None:
            self._quiet = quiet_month(self.period, self.report)
        intro = [Piece("paragraph", text) for text in paragraphs(section.text)]
        # WHITE: a number of decisions in a month identifies no party.
        return intro + [
            Piece("paragraph", text)
            for text in sentences_for(section, self.period, quiet=self._quiet, facts=self.assurance)
        ]

    def _compiled_pieces(self, leaf: Numbered, highlights, orders) -> list[Piece]:
        section = leaf.section
        if section.content == Content.TEXT:
            return [Piece("paragraph", text) for text in paragraphs(section.text)]
        if section.content == Content.COUNT:
            return self._count_pieces(section)
        if section.content == Content.HIGHLIGHTS:
            return self._highlight_pieces(
                leaf, highlights.get(section.pk, []), orders.get(section.pk, [])
            )
        return []

    def _overrides(self) -> dict[int, Override]:
        # Read with the layout (compiler.layout): the latest edit, unless it restored the text.
        return {
            entry.section.pk: override
            for top in self.layout
            for entry in (top, *top.children)
            if (override := getattr(entry.section, "override", None)) is not None
            and override.text.strip()
        }

    def _orders(self) -> dict[int, list[str]]:
        # Read with the layout (numbered_layout).
        return {
            entry.section.pk: order
            for top in self.layout
            for entry in (top, *top.children)
            if (order := getattr(entry.section, "highlight_order", None)) is not None
        }

    def _leaf_section(self, leaf: Numbered, highlights, orders, overrides) -> Section:
        pieces = self._compiled_pieces(leaf, highlights, orders)
        compiled = pieces_text(pieces)
        self.texts[leaf.section.pk] = compiled
        override = overrides.get(leaf.section.pk)
        if override is not None:
            pieces = parse_pieces(override.text, Label(override.label))
            self.edits.append(
                Edit(
                    number=leaf.number,
                    title=leaf.section.title,
                    compiled=compiled,
                    edited=pieces_text(pieces),
                    compiled_then=override.compiled_text,
                    label=Label(override.label),
                    written_by=override.written_by or "",
                    written_at=override.written_at,
                    reason=override.reason,
                )
            )
        blocks, subsections = section_body(pieces, self.scope, self.facts.figure)
        nested = "." in leaf.number
        return Section(
            # The seed numbers sub-sections "2.1 Title" and sections "2. Title".
            heading=Text(leaf.heading if nested else leaf.section.title),
            number="" if nested else leaf.number,
            blocks=blocks,
            sections=subsections,
            anchor=f"section-{leaf.number.replace('.', '-')}",
        )

    def appendix(self) -> Document:
        return appendix_document(
            title=self.template.appendix_title,
            meeting=self.meeting,
            period=self.period,
            scope=self.appendix_scope,
            today=self.report.report_date,
            restricted=self.restricted,
            meta=self._meta(Part.APPENDIX_A, "Appendix A"),
            figure=self.facts.figure,
            facts=self.assurance,
        )

    def body(self) -> Document:
        highlights = self._highlights()
        orders, overrides = self._orders(), self._overrides()
        sections = []
        for top in self.layout:
            if top.children:
                sections.append(
                    Section(
                        heading=Text(top.section.title),
                        number=top.number,
                        blocks=tuple(
                            Paragraph((Text(text, Label.WHITE, self.scope),))
                            for text in paragraphs(top.section.text)
                        ),
                        sections=tuple(
                            self._leaf_section(child, highlights, orders, overrides)
                            for child in top.children
                        ),
                        anchor=f"section-{top.number}",
                    )
                )
            else:
                sections.append(self._leaf_section(top, highlights, orders, overrides))
        report = self.report
        action = report.get_action_display()
        footer = [
            Paragraph((Text(line),), "meta")
            for line in (report.author, report.team, long_date(report.report_date))
            if line
        ]
        footer += [
            Paragraph((Text("Attachments:"),), "meta"),
            Paragraph((Text(f"{self.template.appendix_title} (**{APPENDIX_LABEL.name}**)"),)),
        ]
        return Document(
            kind="panel-report",
            title=self.template.title,
            header=(Paragraph((Text(f"Action: {action}"),), "meta"),),
            sections=tuple(sections),
            footer=tuple(footer),
            meta=self._meta(Part.BODY, self.template.title),
        )

    def check_codes(self) -> list[str]:
        """Tell the officer about layout codes that name no body: their meetings feed nothing."""
        read = self.report.__dict__.get("body_codes")  # with the report (selectors)
        codes = unlisted(read) if read is not None else Body.objects.values_list("code", flat=True)
        known = {code.upper() for code in codes}
        warnings = []
        for leaf in (child for top in self.layout for child in (top.children or [top])):
            if leaf.section.content != Content.HIGHLIGHTS:
                continue
            missing = [str(c) for c in leaf.section.body_codes if str(c).upper() not in known]
            if missing:
                warnings.append(f"{leaf.heading}: no body has the code {', '.join(missing)}.")
        return warnings

    def _meta(self, part: str, kind_title: str) -> dict:
        meeting, report = self.meeting, self.report
        stem = f"sec-panel-subcommittee-report-{report.month:%Y-%m}"
        return {
            "reference": meeting.reference,
            "body": meeting.body.code,
            "body_name": meeting.body.name,
            "body_short": meeting.body.display_code,
            "meeting_number": meeting.number,
            "date": meeting.date.isoformat(),
            "kind": "panel-report" if part == Part.BODY else "panel-report-appendix-a",
            "kind_title": kind_title,
            # The PDF's tagged structure needs a level-2 heading between the title and the
            # numbered sections; it says which Panel meeting the paper goes to.
            "subtitle": (
                f"For the Panel meeting of {long_date(meeting.date)} ({meeting.reference})"
                if part == Part.BODY
                else f"Confidential appendix to the {self.template.title} for the Panel meeting "
                f"of {long_date(meeting.date)} ({meeting.reference})"
            ),
            # The file's name in its metadata (title of the PDF, Word and HTML head).
            "name": (
                f"{self.template.title} — {report.month:%B %Y}"
                if part == Part.BODY
                else f"{self.template.title} — {report.month:%B %Y}: Appendix A"
            ),
            "file_stem": stem if part == Part.BODY else f"{stem}-appendix-a",
            "month": f"{report.month:%Y-%m}",
            "period": self.period.words,
            # A draft is dated by the paper, so that it renders the same until it changes.
            "issued": f"{report.report_date.isoformat()}T00:00:00+00:00",
            "version": None,
            "status": "",
        }


def compile_report(report: PanelReport) -> Compiled:
    """Compile both documents of a report (saved, or an unsaved draft for a Panel meeting)."""
    compiler = _Compiler(report)
    body = compiler.body()
    return Compiled(
        report=report,
        period=compiler.period,
        body=body,
        placements=compiler.placements,
        edits=compiler.edits,
        texts=compiler.texts,
        layout=compiler.layout,
        disagreements=compiler.facts.disagreements(),
        compiler=compiler,
    )
