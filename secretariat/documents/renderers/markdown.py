"""Markdown laid out like the seed Meeting Headlines: the classification statement, `##` title,
date line, `###` reference line, `####` numbered items with their labels, `**Next Meeting**`.

Text is escaped so that nothing a user typed becomes markup: only the document's own `**bold**`
runs come out bold."""

from __future__ import annotations

import re

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
    header_rest,
    heading_runs,
    paragraph_runs,
    require_projected,
    runs,
)
from secretariat.documents.renderers.heatmaps import cells

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start
# markup inside a line (emphasis, code, links, HTML, tables, strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Character references would be decoded by a Markdown reader: `&amp;` must stay literal.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What turns the start of a line into a heading, list, quote, rule or setext underline.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape(text: str) -> str:
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def _inline(pieces) -> str:
    out = []
    for text, bold, *link in pieces:
        if link and link[0]:
            out.append(f"[{escape(text).strip()}]({link[0]})")
        elif bold:
            inner = escape(text)
            out.append(f"**{inner.strip()}**" if inner.strip() else inner)
        else:
            # Whitespace between runs matters ("and **AGREED**"); `escape` would trim it.
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() and text.strip() else ""
            out.append(f"{lead}{escape(text)}{trail}" if text.strip() else " ")
    return "".join(out).strip()


def _guard_line_start(line: str) -> str:
    return _LINE_START.sub(lambda m: f"{m.group(1)}{_escape_start(m.group(2))}", line, count=1)


def _escape_start(token: str) -> str:
    if token[0].isdigit():
        return f"{token[:-1]}\\{token[-1]}"
    return f"\\{token}"


def _paragraph(paragraph: Paragraph) -> str:
    return _guard_line_start(_inline(paragraph_runs(paragraph)))


def _cell(text: str) -> str:
    return _inline(runs(text)) or " "


def _table(table: Table) -> str:
    if not table.rows:
        return escape(table.empty)
    lines = [
        "| " + " | ".join(escape(column) for column in table.header) + " |",
        "|" + "|".join("---" for _ in table.header) + "|",
    ]
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(cell.text) for cell in row.cells) + " |")
    return "\n".join(lines)


def _heatmap(block: Heatmap) -> str:
    """The picture's equivalent: its title and the same facts as a table, ratings in words."""
    if not block.rows:
        return escape(block.empty)
    lines = [
        f"**{escape(block.title)}**",
        "",
        "| " + " | ".join(escape(column) for column in block.header) + " |",
        "|" + "|".join("---" for _ in block.header) + "|",
    ]
    for name, row in cells(block):
        lines.append("| " + " | ".join([_cell(name), *(cell.said or " " for cell in row)]) + " |")
    return "\n".join(lines)


def _block(block) -> str:
    if isinstance(block, Heatmap):
        return _heatmap(block)
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_paragraph(item)}" for item in block.items)
    return _table(block)


def _section(section: Section, level: int) -> list[str]:
    out = [f"{'#' * min(level, 6)} {_inline(heading_runs(section))}"]
    out += [_block(block) for block in section.blocks]
    for sub in section.sections:
        out += _section(sub, level + 1)
    return out


def render_markdown(projected: Projected, *, version: int = 1) -> str:
    require_projected(projected)
    meta = projected.meta
    out = [_paragraph(p) for p in classification(projected)]
    out.append(f"## {escape(projected.title)}")
    out += [_paragraph(p) for p in header_rest(projected)]
    if meta.get("subtitle"):
        out.append(f"### {escape(meta['subtitle'])}")
    if meta.get("status"):
        out.append(f"*{escape(meta['status'])}*")
    for section in projected.sections:
        out += _section(section, 4)
    out += [_paragraph(p) for p in projected.footer]
    out.append(f"Classification: **{projected.label.name}**")
    return "\n\n".join(part for part in out if part) + "\n"
