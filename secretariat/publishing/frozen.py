"""A per-reader document frozen once as its whole record, and projected for each reader when read.

The Confidential Minutes go to readers who heard different items: one frozen projection cannot
serve them all. So approval freezes the labelled document itself, every fragment with its label
and scope, together with the classification statements in force; publication keeps that record
(`FrozenRecord`, hashed) beside the ledger row, whose own snapshot and format hashes are the
record as the whole audience would receive it. Reading projects the frozen record for the
audience narrowed to the reader (`ForReader`): what the meeting has become since changes
nothing, and a reader gets no fragment they may not read. `verify_publications` checks the
record against its hash and that it projects, for the audience, to the ledger's snapshot.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from secretariat.documents import snapshot
from secretariat.documents.labelled import (
    Bullets,
    Document,
    Paragraph,
    Projected,
    Row,
    Section,
    Table,
    Text,
    project,
)
from secretariat.labels.access import PUBLIC_SCOPE, Scope
from secretariat.labels.models import Label
from secretariat.publishing.builders import classified

FORMAT = "record/1"


def _scope(scope: Scope) -> dict | None:
    if scope == PUBLIC_SCOPE:
        return None
    return {
        "body": scope.body_id,
        "meeting": scope.meeting_id,
        "item": scope.item_id,
        "date": scope.date.isoformat() if scope.date else None,
        "organisation": scope.organisation_id,
        "people": sorted(scope.people),
        "secretariat_reads_red": scope.secretariat_reads_red,
        "seated_only": scope.seated_only,
    }


def _load_scope(data: dict | None) -> Scope:
    if data is None:
        return PUBLIC_SCOPE
    return Scope(
        body_id=data["body"],
        meeting_id=data["meeting"],
        item_id=data["item"],
        date=dt.date.fromisoformat(data["date"]) if data["date"] else None,
        organisation_id=data["organisation"],
        people=frozenset(data["people"]),
        secretariat_reads_red=data["secretariat_reads_red"],
        seated_only=data["seated_only"],
    )


def _text(text: Text) -> dict:
    return {
        "text": text.text,
        "label": Label(text.label).name,
        "scope": _scope(text.scope),
        "withheld": text.withheld,
        "mark": text.mark,
    }


def _load_text(data: dict) -> Text:
    return Text(
        data["text"],
        Label[data["label"]],
        _load_scope(data["scope"]),
        data["withheld"],
        data["mark"],
    )


def _paragraph(paragraph: Paragraph) -> dict:
    return {"parts": [_text(part) for part in paragraph.parts], "style": paragraph.style}


def _load_paragraph(data: dict) -> Paragraph:
    return Paragraph(tuple(_load_text(part) for part in data["parts"]), data["style"])


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
                {
                    "cells": [_text(cell) for cell in row.cells],
                    "label": Label(row.label).name,
                    "scope": _scope(row.scope),
                }
                for row in block.rows
            ],
            "empty": block.empty,
        }
    raise TypeError(f"Cannot freeze a {type(block).__name__}.")


def _load_block(data: dict):
    if data["type"] == "paragraph":
        return _load_paragraph(data)
    if data["type"] == "bullets":
        return Bullets(tuple(_load_paragraph(item) for item in data["items"]))
    if data["type"] == "table":
        return Table(
            tuple(data["header"]),
            tuple(
                Row(
                    tuple(_load_text(cell) for cell in row["cells"]),
                    Label[row["label"]],
                    _load_scope(row["scope"]),
                )
                for row in data["rows"]
            ),
            data["empty"],
        )
    raise ValueError(f"Unknown block type {data['type']!r} in a frozen record.")


def _section(section: Section) -> dict:
    return {
        "heading": _text(section.heading),
        "number": section.number,
        "shown_label": None if section.shown_label is None else Label(section.shown_label).name,
        "blocks": [_block(block) for block in section.blocks],
        "sections": [_section(sub) for sub in section.sections],
        "anchor": section.anchor,
        "label": Label(section.label).name,
        "scope": _scope(section.scope),
    }


def _load_section(data: dict) -> Section:
    return Section(
        heading=_load_text(data["heading"]),
        number=data["number"],
        shown_label=None if data["shown_label"] is None else Label[data["shown_label"]],
        blocks=tuple(_load_block(block) for block in data["blocks"]),
        sections=tuple(_load_section(sub) for sub in data["sections"]),
        anchor=data["anchor"],
        label=Label[data["label"]],
        scope=_load_scope(data["scope"]),
    )


def dump(document: Document, statements: dict[Label, str]) -> dict:
    """The whole labelled document and the classification statements, as JSON."""
    return {
        "format": FORMAT,
        "kind": document.kind,
        "title": document.title,
        "header": [_paragraph(p) for p in document.header],
        "sections": [_section(s) for s in document.sections],
        "footer": [_paragraph(p) for p in document.footer],
        "meta": document.meta,
        "minimum_label": Label(document.minimum_label).name,
        "statements": {Label(label).name: text for label, text in statements.items()},
    }


def is_record(data: dict | None) -> bool:
    return bool(data) and data.get("format") == FORMAT  # type: ignore[union-attr]


def load(data: dict) -> tuple[Document, dict[Label, str]]:
    if not is_record(data):
        raise ValueError(f"Frozen record format {data.get('format')!r} is not {FORMAT}.")
    document = Document(
        kind=data["kind"],
        title=data["title"],
        header=tuple(_load_paragraph(p) for p in data["header"]),
        sections=tuple(_load_section(s) for s in data["sections"]),
        footer=tuple(_load_paragraph(p) for p in data["footer"]),
        meta=dict(data["meta"]),
        minimum_label=Label[data["minimum_label"]],
    )
    return document, {Label[name]: text for name, text in data["statements"].items()}


def record_hash(data: dict) -> str:
    return hashlib.sha256(snapshot.canonical(data)).hexdigest()


def projection_hash(projected: Projected) -> str:
    """The hash of what one reader received: recorded with each delivery."""
    return hashlib.sha256(snapshot.canonical(snapshot.dump(projected))).hexdigest()


def projected_for(data: dict, viewer, *, audience: str, status: str, meta: dict | None = None):
    """The frozen record as `viewer` may read it, classified for the label kept, with the
    published version's facts (`meta`: version, status line, date) when given."""
    document, statements = load(data)
    projected = project(document, viewer, audience=audience)
    classified_document = classified(projected, statements, status=status)
    if meta is None:
        return classified_document
    return Projected(
        kind=classified_document.kind,
        title=classified_document.title,
        label=classified_document.label,
        header=classified_document.header,
        sections=classified_document.sections,
        footer=classified_document.footer,
        meta={**classified_document.meta, **meta},
        audience=classified_document.audience,
    )
