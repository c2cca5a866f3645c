"""PDF through typst, tagged for accessibility (PDF/UA-1) and archival (PDF/A-2a).

The typst template is fixed; the document goes in as JSON through `sys.inputs` and the template
sets every text as a string value, so no user text is ever read as typst markup. Only typst's
embedded fonts are used and the timestamp is the document's own `issued` date, so the same
projected document always gives the same bytes (a published version's hash covers them).

Every page carries the label, right-aligned at 12 pt bold, in its header and its footer.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import typst

from secretariat.documents.labelled import (
    Bullets,
    Heatmap,
    Paragraph,
    Projected,
    Section,
    Table,
)
from secretariat.documents.renderers import (
    classification,
    document_name,
    header_rest,
    heading_runs,
    paragraph_runs,
    require_projected,
    runs,
)
from secretariat.documents.renderers.heatmaps import cells, description

if TYPE_CHECKING:
    from typst import PDFStandard

TEMPLATE = Path(__file__).with_name("publication.typ")
# PDF/UA-1 makes typst write a tagged, structured PDF and check what it can of the standard;
# PDF/A-2a adds archival rules (fonts embedded, XMP metadata) on top.
PDF_STANDARDS: list[PDFStandard] = ["ua-1", "a-2a"]


@cache
def _compiler() -> typst.Compiler:
    # The embedded fonts only: output must not depend on the fonts of the machine.
    return typst.Compiler(ignore_system_fonts=True)


# One compiler serves every thread, one compile at a time: a typst Compiler is not safe to share
# ("Already borrowed" from a second thread), and it keeps its caches warm between documents.
# Measured against a compiler per thread (160 compiles of SSC_72's headlines, 2 cores), the lock
# was as fast or faster at 1 to 8 threads: a compile holds the GIL, so threads gain nothing from
# compiling in parallel, and each new compiler pays a cold first compile (~42 ms against ~12 ms).
_COMPILING = threading.Lock()


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def _paragraph(paragraph: Paragraph) -> dict:
    return {"style": paragraph.style, "runs": paragraph_runs(paragraph)}


def _heatmap(block: Heatmap) -> dict:
    return {
        "type": "heatmap",
        "title": block.title,
        "header": list(block.header),
        "rows": [
            {
                "name": name,
                "cells": [{"text": c.text, "fill": c.fill, "ink": c.ink} for c in row],
            }
            for name, row in cells(block)
        ],
        "description": description(block),
        "empty": block.empty,
    }


def _block(block) -> dict:
    if isinstance(block, Heatmap):
        return _heatmap(block)
    if isinstance(block, Paragraph):
        return {"type": "paragraph", **_paragraph(block)}
    if isinstance(block, Bullets):
        return {"type": "bullets", "items": [paragraph_runs(item) for item in block.items]}
    if isinstance(block, Table):
        return {
            "type": "table",
            "header": list(block.header),
            "rows": [[runs(cell.text) for cell in row.cells] for row in block.rows],
            "empty": block.empty,
        }
    raise TypeError(f"No PDF layout for {type(block).__name__}.")


def _section(section: Section, level: int) -> dict:
    return {
        "level": min(level, 6),
        "heading": heading_runs(section),
        "blocks": [_block(block) for block in section.blocks],
        "sections": [_section(sub, level + 1) for sub in section.sections],
    }


def properties(projected: Projected, version: int = 1) -> dict:
    """Title, author, subject and keywords: built from the projected document's title, label and
    its public facts only."""
    meta = projected.meta
    kind_title = meta.get("kind_title") or projected.kind
    body = meta.get("body_name", "")
    return {
        "title": document_name(projected, version),
        "author": [f"{body} Secretariat".strip()],
        "description": " ".join(
            part
            for part in (
                f"{kind_title} of {body} meeting {meta.get('reference', '')}",
                f"held on {meta['date']}." if meta.get("date") else ".",
                f"Classified {projected.label.name}.",
            )
            if part
        ),
        "keywords": [part for part in (meta.get("reference"), meta.get("body"), kind_title) if part]
        + [f"TLP:{projected.label.name}"],
    }


def layout(projected: Projected, version: int = 1) -> dict:
    meta = projected.meta
    return {
        "title": projected.title,
        "subtitle": meta.get("subtitle", ""),
        "status": meta.get("status", ""),
        "label": projected.label.name,
        "reference": meta.get("reference", ""),
        "classification": [_paragraph(p) for p in classification(projected)],
        "header": [_paragraph(p) for p in header_rest(projected)],
        "sections": [_section(section, 3) for section in projected.sections],
        "footer": [_paragraph(p) for p in projected.footer],
        "pdf": properties(projected, version),
    }


def issued(projected: Projected) -> dt.datetime:
    value = projected.meta.get("issued")
    if not value:
        return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def render_pdf(projected: Projected, *, version: int = 1) -> bytes:
    require_projected(projected)
    data = json.dumps(layout(projected, version), ensure_ascii=False, sort_keys=True)
    with _COMPILING:
        output = _compiler().compile(
            _template(),
            format="pdf",
            sys_inputs={"document": data},
            pdf_standards=PDF_STANDARDS,
            timestamp=issued(projected),
        )
    if not isinstance(output, bytes):
        raise RuntimeError("typst returned no single PDF for the document.")
    return output
