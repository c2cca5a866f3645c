"""A projected document as plain JSON, and back.

A published version is frozen as this JSON: it holds only what the audience received (projection
has already stripped scopes and withheld text), so storing it keeps nothing extra, and rendering it
later gives the same bytes whatever has happened to the meeting since.

The same shape is the JSON API's answer for a document (`/api/meetings/<ref>`): one shape.

The shape has a version, `FORMAT`, stored in every snapshot and in its ledger row. To change the
shape: bump `FORMAT`, change `dump`, and add a loader for the new number to `LOADERS` while
keeping the old ones, each building today's `Projected` from its own shape (defaults for what an
older shape lacks). Earlier snapshots then load exactly as before.
"""

from __future__ import annotations

import json

from secretariat.documents.labelled import (
    Bullets,
    Heatmap,
    Paragraph,
    Projected,
    Row,
    Section,
    Table,
    Text,
)
from secretariat.labels.models import Label

# The shape of a document without pictures. A document with a heatmap is frozen as
# FIGURES_FORMAT, which adds the `heatmap` block; everything else keeps the first shape, so the
# snapshots (and the API's answers) of documents that have no picture are as they always were.
FORMAT = 1
FIGURES_FORMAT = 2


def _text(text: Text) -> dict:
    return {"text": text.text, "label": Label(text.label).name, "mark": text.mark}


def _paragraph(paragraph: Paragraph) -> dict:
    return {"parts": [_text(part) for part in paragraph.parts], "style": paragraph.style}


def _rows(rows) -> list[dict]:
    return [
        {"cells": [_text(cell) for cell in row.cells], "label": Label(row.label).name}
        for row in rows
    ]


def _block(block) -> dict:
    if isinstance(block, Heatmap):
        return {
            "type": "heatmap",
            "title": block.title,
            "header": list(block.header),
            "rows": _rows(block.rows),
            "kind": block.kind,
            "empty": block.empty,
        }
    if isinstance(block, Paragraph):
        return {"type": "paragraph", **_paragraph(block)}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": [_paragraph(item) for item in block.items]}
    if isinstance(block, Table):
        return {
            "type": "table",
            "header": list(block.header),
            "rows": _rows(block.rows),
            "empty": block.empty,
        }
    raise TypeError(f"Cannot freeze a {type(block).__name__}.")


def _section(section: Section) -> dict:
    return {
        "heading": _text(section.heading),
        "number": section.number,
        "shown_label": None if section.shown_label is None else Label(section.shown_label).name,
        "blocks": [_block(block) for block in section.blocks],
        "sections": [_section(sub) for sub in section.sections],
        "anchor": section.anchor,
        "label": Label(section.label).name,
    }


def _has_figures(sections) -> bool:
    return any(
        any(isinstance(block, Heatmap) for block in section.blocks)
        or _has_figures(section.sections)
        for section in sections
    )


def format_of(projected: Projected) -> int:
    """The lowest shape that holds the document."""
    return FIGURES_FORMAT if _has_figures(projected.sections) else FORMAT


def dump(projected: Projected) -> dict:
    if not isinstance(projected, Projected):
        raise TypeError("Only a projected document can be frozen.")
    return {
        "format": format_of(projected),
        "kind": projected.kind,
        "title": projected.title,
        "label": projected.label.name,
        "audience": projected.audience,
        "header": [_paragraph(p) for p in projected.header],
        "sections": [_section(s) for s in projected.sections],
        "footer": [_paragraph(p) for p in projected.footer],
        "meta": projected.meta,
    }


def canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


# -- back ---------------------------------------------------------------------------------------


def _load_text(data: dict) -> Text:
    return Text(data["text"], Label[data["label"]], mark=bool(data.get("mark", False)))


def _load_paragraph(data: dict) -> Paragraph:
    return Paragraph(tuple(_load_text(part) for part in data["parts"]), data["style"])


def _load_rows(rows) -> tuple[Row, ...]:
    return tuple(
        Row(tuple(_load_text(cell) for cell in row["cells"]), Label[row["label"]]) for row in rows
    )


def _load_block(data: dict, figures: bool):
    kind = data["type"]
    if kind == "heatmap" and figures:
        return Heatmap(
            data["title"],
            tuple(data["header"]),
            _load_rows(data["rows"]),
            data["kind"],
            data["empty"],
        )
    if kind == "paragraph":
        return _load_paragraph(data)
    if kind == "bullets":
        return Bullets(tuple(_load_paragraph(item) for item in data["items"]))
    if kind == "table":
        return Table(tuple(data["header"]), _load_rows(data["rows"]), data["empty"])
    raise ValueError(f"Unknown block type {kind!r} in a frozen document.")


def _load_section(data: dict, figures: bool = False) -> Section:
    return Section(
        heading=_load_text(data["heading"]),
        number=data["number"],
        shown_label=None if data["shown_label"] is None else Label[data["shown_label"]],
        blocks=tuple(_load_block(block, figures) for block in data["blocks"]),
        sections=tuple(_load_section(sub, figures) for sub in data["sections"]),
        anchor=data["anchor"],
        label=Label[data["label"]],
    )


def _load_v1(data: dict, figures: bool = False) -> Projected:
    return Projected(
        kind=data["kind"],
        title=data["title"],
        label=Label[data["label"]],
        header=tuple(_load_paragraph(p) for p in data["header"]),
        sections=tuple(_load_section(s, figures) for s in data["sections"]),
        footer=tuple(_load_paragraph(p) for p in data["footer"]),
        meta=dict(data["meta"]),
        audience=data["audience"],
    )


# Every snapshot format that can still be read: old ones stay, so old publications still load.
def _load_v2(data: dict) -> Projected:
    """The first shape and the heatmap block."""
    return _load_v1(data, figures=True)


LOADERS = {1: _load_v1, 2: _load_v2}


def load(data: dict) -> Projected:
    loader = LOADERS.get(data.get("format"))  # type: ignore[arg-type]
    if loader is None:
        raise ValueError(
            f"Frozen document format {data.get('format')!r} is not one of "
            f"{', '.join(map(str, LOADERS))}."
        )
    return loader(data)
