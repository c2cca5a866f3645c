"""The editable form of a report section: a list of headings and paragraphs, each with its
label. The compile produces pieces; an officer's text parses back into pieces; both become the
same labelled blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from secretariat.documents.labelled import Paragraph, Section, Text
from secretariat.documents.text import paragraphs
from secretariat.labels.access import Scope
from secretariat.labels.models import Label, highest

HEADING = re.compile(r"^#{3}\s+(.*\S)\s*$")


def normal_heading(heading: str) -> str:
    return " ".join(heading.split()).casefold()


@dataclass(frozen=True)
class Piece:
    """A heading or a paragraph of a section, with its label."""

    kind: str  # "heading" | "paragraph"
    text: str
    label: Label = Label.WHITE


def pieces_text(pieces) -> str:
    """The text an officer edits: paragraphs separated by blank lines, headings as `### `."""
    return "\n\n".join(
        f"### {piece.text}" if piece.kind == "heading" else piece.text for piece in pieces
    )


def parse_pieces(text: str, label: Label) -> list[Piece]:
    pieces = []
    for part in paragraphs(text.replace("\r\n", "\n")):
        lines = part.split("\n")
        match = HEADING.match(lines[0])
        if match:
            pieces.append(Piece("heading", match.group(1), label))
            rest = " ".join(line.strip() for line in lines[1:] if line.strip())
            if rest:
                pieces.append(Piece("paragraph", rest, label))
        else:
            pieces.append(Piece("paragraph", " ".join(line.strip() for line in lines), label))
    return pieces


def section_body(pieces, scope: Scope, figure=None) -> tuple[tuple, tuple]:
    """Blocks before the first heading, and a sub-section per heading. `figure(piece, scope)`
    answers a paragraph that stands for a picture with its blocks (none if it cannot be drawn),
    and anything else with None."""
    blocks: list = []
    subsections: list[Section] = []
    current: list | None = None
    labels: list[Label] = []
    heading: Piece | None = None

    def close():
        if heading is not None:
            label = highest([heading.label, *labels])
            subsections.append(
                Section(
                    heading=Text(heading.text, heading.label, scope),
                    blocks=tuple(current),
                    label=label,
                    scope=scope,
                )
            )

    for piece in pieces:
        if piece.kind == "heading":
            close()
            heading, current, labels = piece, [], []
            continue
        drawn = figure(piece, scope) if figure is not None else None
        made = drawn if drawn is not None else (Paragraph((Text(piece.text, piece.label, scope),)),)
        if current is None:
            blocks.extend(made)
        else:
            current.extend(made)
            labels.append(piece.label)
    close()
    return tuple(blocks), tuple(subsections)


def group_pieces(groups) -> list[Piece]:
    pieces = []
    for heading, members in groups:
        pieces.append(Piece("heading", heading.heading, heading.heading_label))
        for member in members:
            pieces += [Piece("paragraph", text, member.label) for text in member.paragraphs]
    return pieces
