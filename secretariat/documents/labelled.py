"""Labelled documents and their projection for a reader or an audience.

A builder assembles a `Document` whose every piece of text is a `Text` with a label and a scope.
`project()` walks it for one viewer and returns a `Projected` document in which each text is
either kept, replaced by its stock sentence, or gone; the scopes are stripped, and the document's
label is the highest label of what was kept. Renderers accept only `Projected` documents, so they
cannot see what the projection removed.

Inline markup in text: `**bold**` only. Renderers escape everything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from secretariat.labels.access import PUBLIC_SCOPE, Scope, Viewer
from secretariat.labels.models import Label, highest


@dataclass(frozen=True)
class Text:
    text: str
    # A Label, or a label field's stored rank.
    label: Label | int = Label.WHITE
    scope: Scope = PUBLIC_SCOPE
    # What a viewer who may not read the text gets instead; None drops it.
    withheld: str | None = None
    # Show the label beside the text, as the seed does for labelled bullets: "... (**RED**)".
    mark: bool = False


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Text, ...]
    style: str = "body"  # body | notice | outcome | meta


@dataclass(frozen=True)
class Bullets:
    items: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Row:
    cells: tuple[Text, ...]
    label: Label | int = Label.WHITE
    scope: Scope = PUBLIC_SCOPE


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    empty: str = "None."


@dataclass(frozen=True)
class Heatmap:
    """A table drawn as a picture: a row per measure (or per series), a column per month, each
    cell a rating (GREEN, AMBER or RED) or a count. Rows carry labels as a table's do; renderers
    build the picture's text alternative from the rows the viewer keeps, never from what the
    projection removed, and every format gives the same facts as text (Markdown as a table)."""

    title: str
    header: tuple[str, ...]  # the rows' name column, then a column per month ("04/19")
    rows: tuple[Row, ...]
    kind: str = "ratings"  # ratings | counts
    empty: str = "No values to show."


Block = Paragraph | Bullets | Table | Heatmap


@dataclass(frozen=True)
class Section:
    heading: Text
    number: str = ""
    # The label printed beside the heading ("3. Full User Security Assessment ... (RED)").
    shown_label: Label | None = None
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    anchor: str = ""
    # A section the viewer may not see at all is dropped whole (attendance, for the public).
    label: Label | int = Label.WHITE
    scope: Scope = PUBLIC_SCOPE


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    header: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    footer: tuple[Paragraph, ...] = ()
    # Facts about the document every audience may see: reference, body, date, file stem.
    meta: dict = field(default_factory=dict)
    # Floor for the document label, e.g. Minutes are never below GREEN.
    minimum_label: Label = Label.WHITE


@dataclass(frozen=True)
class Projected:
    """A document as one viewer may see it. Texts carry no scope; `label` is the high-water mark."""

    kind: str
    title: str
    label: Label
    header: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    footer: tuple[Paragraph, ...]
    meta: dict
    audience: str


class _Projection:
    def __init__(self, viewer: Viewer):
        self.viewer = viewer
        self.kept: list[Label] = []

    def text(self, piece: Text) -> Text | None:
        if self.viewer.admits(piece.label, piece.scope):
            self.kept.append(Label(piece.label))
            return Text(piece.text, Label(piece.label), PUBLIC_SCOPE, None, piece.mark)
        if piece.withheld is None:
            return None
        return Text(piece.withheld, Label.WHITE, PUBLIC_SCOPE, None, False)

    def paragraph(self, paragraph: Paragraph) -> Paragraph | None:
        parts = tuple(p for p in (self.text(part) for part in paragraph.parts) if p is not None)
        return Paragraph(parts, paragraph.style) if parts else None

    def block(self, block: Block) -> Block | None:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, Bullets):
            items = tuple(
                p for p in (self.paragraph(item) for item in block.items) if p is not None
            )
            return Bullets(items) if items else None
        rows = []
        for row in block.rows:
            if not self.viewer.admits(row.label, row.scope):
                continue
            self.kept.append(Label(row.label))
            cells = tuple(self.text(cell) or Text("") for cell in row.cells)
            rows.append(Row(cells, row.label, PUBLIC_SCOPE))
        if isinstance(block, Heatmap):
            return replace(block, rows=tuple(rows))
        return Table(block.header, tuple(rows), block.empty)

    def section(self, section: Section) -> Section | None:
        if not self.viewer.admits(section.label, section.scope):
            return None
        if section.label != Label.WHITE:
            self.kept.append(Label(section.label))
        heading = self.text(section.heading) or Text("Item withheld")
        blocks = tuple(b for b in (self.block(block) for block in section.blocks) if b is not None)
        sections = self.sections(section.sections)
        return replace(
            section, heading=heading, blocks=blocks, sections=sections, scope=PUBLIC_SCOPE
        )

    def sections(self, sections) -> tuple[Section, ...]:
        return tuple(s for s in (self.section(section) for section in sections) if s is not None)


def project(document: Document, viewer: Viewer, *, audience: str = "") -> Projected:
    projection = _Projection(viewer)
    header = tuple(p for p in (projection.paragraph(p) for p in document.header) if p is not None)
    sections = projection.sections(document.sections)
    footer = tuple(p for p in (projection.paragraph(p) for p in document.footer) if p is not None)
    label = highest([*projection.kept, document.minimum_label])
    return Projected(
        kind=document.kind,
        title=document.title,
        label=label,
        header=header,
        sections=sections,
        footer=footer,
        meta=dict(document.meta),
        audience=audience,
    )


def questions(document: Document) -> tuple[tuple[Label, Scope], ...]:
    """Every question `project()` asks its viewer about the document (a label in a scope), once
    each, in the order first asked. The projection asks nothing else, so two viewers who answer
    these alike see the same projection: the key a cache of projections may use."""
    asked: dict[tuple[Label, Scope], None] = {}

    def ask(label: Label | int, scope: Scope) -> None:
        asked.setdefault((Label(label), scope), None)

    def paragraph(paragraph: Paragraph) -> None:
        for part in paragraph.parts:
            ask(part.label, part.scope)

    def section(part: Section) -> None:
        ask(part.label, part.scope)
        ask(part.heading.label, part.heading.scope)
        for block in part.blocks:
            if isinstance(block, Paragraph):
                paragraph(block)
            elif isinstance(block, Bullets):
                for item in block.items:
                    paragraph(item)
            else:
                for row in block.rows:
                    ask(row.label, row.scope)
                    for cell in row.cells:
                        ask(cell.label, cell.scope)
        for sub in part.sections:
            section(sub)

    for part in document.header:
        paragraph(part)
    for each in document.sections:
        section(each)
    for part in document.footer:
        paragraph(part)
    return tuple(asked)


@dataclass(frozen=True)
class Answers:
    """A viewer's answers to a document's `questions()`, standing in for the viewer when the
    document is projected again: a question it was not asked is an error, never a guess."""

    given: dict[tuple[Label, Scope], bool]

    @classmethod
    def of(cls, viewer: Viewer, asked: tuple[tuple[Label, Scope], ...]) -> Answers:
        return cls({question: viewer.admits(*question) for question in asked})

    def admits(self, label: Label | int, scope: Scope) -> bool:
        return self.given[(Label(label), scope)]


def plain(text: str) -> str:
    """Text without its inline markup."""
    return text.replace("**", "")
