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

from secretariat.documents.labelled import Bullets, Paragraph, Projected, Row, Section, Table, Text
from secretariat.labels.models import Label

FORMAT = 1


def _text(text: Text) -> dict:
    return {"text": text.text, "label": Label(text.label).name, "mark": text.mark}


def _paragraph(paragraph: Paragraph) -> dict:
    return {"parts": [_text(part) for part in paragraph.parts], "style": paragraph.style}


def _block(block) -> dict:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", **_paragraph(block)}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": [_paragraph(item) for item in block.items]}
    if isinstance(block, Table):
        return {
            "type": "table",
            "header": list(block.header),
            "rows": [
                {"cells": [_text(cell) for cell in row.cells], "label": Label(row.label).name}
                for row in block.rows
            ],
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


def dump(projected: Projected) -> dict:
    if not isinstance(projected, Projected):
        raise TypeError("Only a projected document can be frozen.")
    return {
        "format": FORMAT,
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


def _load_block(data: dict):
    kind = data["type"]
    if kind == "paragraph":
        return _load_paragraph(data)
    if kind == "bullets":
        return Bullets(tuple(_load_paragraph(item) for item in data["items"]))
    if kind == "table":
        return Table(
            tuple(data["header"]),
            tuple(
                Row(tuple(_load_text(cell) for cell in row["cells"]), Label[row["label"]])
                for row in data["rows"]
            ),
            data["empty"],
        )
    raise ValueError(f"Unknown block type {kind!r} in a frozen document.")


def _load_section(data: dict) -> Section:
    return Section(
        heading=_load_text(data["heading"]),
        number=data["number"],
        shown_label=None if data["shown_label"] is None else Label[data["shown_label"]],
        blocks=tuple(_load_block(block) for block in data["blocks"]),
        sections=tuple(_load_section(sub) for sub in data["sections"]),
        anchor=data["anchor"],
        label=Label[data["label"]],
    )


def _load_v1(data: dict) -> Projected:
    return Projected(
        kind=data["kind"],
        title=data["title"],
        label=Label[data["label"]],
        header=tuple(_load_paragraph(p) for p in data["header"]),
        sections=tuple(_load_section(s) for s in data["sections"]),
        footer=tuple(_load_paragraph(p) for p in data["footer"]),
        meta=dict(data["meta"]),
        audience=data["audience"],
    )


# Every snapshot format that can still be read: old ones stay, so old publications still load.
LOADERS = {1: _load_v1}


def load(data: dict) -> Projected:
    loader = LOADERS.get(data.get("format"))  # type: ignore[arg-type]
    if loader is None:
        raise ValueError(
            f"Frozen document format {data.get('format')!r} is not one of "
            f"{', '.join(map(str, LOADERS))}."
        )
    return loader(data)
