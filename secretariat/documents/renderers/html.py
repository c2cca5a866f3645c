"""HTML: a fragment for the site's page, and a standalone file for download or the CLI."""

from __future__ import annotations

from django.utils.html import escape

from secretariat.documents.labelled import (
    Bullets,
    Heatmap,
    Paragraph,
    Projected,
    Section,
    Table,
)
from secretariat.documents.renderers import (
    FORMATS,
    classification,
    document_name,
    header_rest,
    heading_runs,
    paragraph_runs,
    reading_links,
    require_projected,
    runs,
)
from secretariat.documents.renderers.heatmaps import cells, description

CELL, GAP, NAME_WIDTH, TOP = 26, 2, 230, 22


def _run(text: str, bold: bool, address: str = "") -> str:
    if address:
        return f'<a href="{escape(address)}">{escape(text)}</a>'
    return f"<strong>{escape(text)}</strong>" if bold else escape(text)


def _inline(pieces) -> str:
    return "".join(_run(*piece) for piece in pieces)


def _badge(label) -> str:
    name = label.name
    return f'<span class="tlp tlp-{name.lower()}" title="TLP:{name}">{name}</span>'


def _paragraph(paragraph: Paragraph, tag: str = "p") -> str:
    return f'<{tag} class="{escape(paragraph.style)}">{_inline(paragraph_runs(paragraph))}</{tag}>'


def _table(table: Table) -> str:
    if not table.rows:
        return f'<p class="meta">{escape(table.empty)}</p>'
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in table.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_inline(runs(cell.text))}</td>" for cell in row.cells) + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _heatmap(block: Heatmap) -> str:
    """An SVG picture with its title and its text alternative (`<title>`, `<desc>`), the
    facts also on each cell's own `<title>`; a caption under it."""
    if not block.rows:
        return f'<p class="meta">{escape(block.empty)}</p>'
    columns = block.header[1:]
    width = NAME_WIDTH + len(columns) * (CELL + GAP) + 4
    height = TOP + len(block.rows) * (CELL + GAP) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(block.title)}</title><desc>{escape(description(block))}</desc>",
    ]
    for column, name in enumerate(columns):
        x = NAME_WIDTH + column * (CELL + GAP) + CELL // 2
        parts.append(
            f'<text x="{x}" y="{TOP - 7}" font-size="9" text-anchor="middle">{escape(name)}</text>'
        )
    for line, (name, row) in enumerate(cells(block)):
        y = TOP + line * (CELL + GAP)
        parts.append(
            f'<text x="0" y="{y + CELL * 2 // 3}" font-size="11">{escape(name[:36])}</text>'
        )
        for column, cell in enumerate(row):
            if not cell.fill:
                continue
            x = NAME_WIDTH + column * (CELL + GAP)
            parts.append(
                f"<g><title>{escape(f'{name}, {columns[column]}: {cell.said}')}</title>"
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{cell.fill}"/>'
                f'<text x="{x + CELL // 2}" y="{y + CELL * 2 // 3}" font-size="11" '
                f'text-anchor="middle" fill="{cell.ink}">{escape(cell.text)}</text></g>'
            )
    parts.append("</svg>")
    return (
        f'<figure class="heatmap">{"".join(parts)}'
        f"<figcaption>{escape(block.title)}</figcaption></figure>"
    )


def _block(block) -> str:
    if isinstance(block, Heatmap):
        return _heatmap(block)
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_inline(paragraph_runs(item))}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    return _table(block)


def _section(
    section: Section, level: int, extras: dict[str, str] | None = None, css: str = ""
) -> str:
    tag = f"h{min(level, 6)}"
    anchor = f' id="{escape(section.anchor)}"' if section.anchor else ""
    classes = f' class="{css}"' if css else ""
    parts = [f"<section{classes}{anchor}>", f"<{tag}>{_inline(heading_runs(section))}</{tag}>"]
    parts += [_block(block) for block in section.blocks]
    if extras and section.anchor in extras:
        parts.append(extras[section.anchor])
    parts += [_section(sub, level + 1, extras, css) for sub in section.sections]
    parts.append("</section>")
    return "\n".join(parts)


def render_body(
    projected: Projected, *, level: int = 2, extras: dict[str, str] | None = None
) -> str:
    """The document's header lines, sections and footer, headings from `level`: the meeting
    page puts its own furniture (title, status, links) around this, so a meeting's page and its
    published documents are one rendering of one projected document. `extras`: the page's own
    HTML (already escaped) to add at the end of the section with that anchor, before its
    sub-sections (the meeting page's links to register records). A page is not a hashed file,
    so it always reads the links a builder wrote."""
    require_projected(projected)
    with reading_links("html", FORMATS["html"].current):
        return _body(projected, level, extras)


def _body(projected: Projected, level: int, extras: dict[str, str] | None) -> str:
    parts = [_paragraph(p) for p in header_rest(projected)]
    # `item`: the page's sections, as the site's stylesheet and its tests know them.
    parts += [_section(section, level, extras, "item") for section in projected.sections]
    parts += [_paragraph(p) for p in projected.footer]
    return "\n".join(parts) + "\n"


def render_fragment(projected: Projected, *, page: bool = True) -> str:
    """The document as an <article>, for a page that supplies the rest (`page`: read the links
    a builder wrote, as every page does; a file reads them as its version says)."""
    require_projected(projected)
    if page:
        with reading_links("html", FORMATS["html"].current):
            return _fragment(projected)
    return _fragment(projected)


def _fragment(projected: Projected) -> str:
    meta = projected.meta
    parts = [
        f'<article class="publication" aria-labelledby="publication-title" '
        f'data-label="{projected.label.name}">',
        f'<p class="label-line">{_badge(projected.label)}</p>',
        *(_paragraph(p) for p in classification(projected)),
        f'<h1 id="publication-title">{escape(projected.title)}</h1>',
        *(_paragraph(p) for p in header_rest(projected)),
    ]
    if meta.get("subtitle"):
        parts.append(f"<h2>{escape(meta['subtitle'])}</h2>")
    if meta.get("status"):
        parts.append(f'<p class="status">{escape(meta["status"])}</p>')
    parts += [_section(section, 3) for section in projected.sections]
    parts += [_paragraph(p) for p in projected.footer]
    parts.append(f'<p class="label-line">{_badge(projected.label)}</p>')
    parts.append("</article>")
    return "\n".join(parts) + "\n"


STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
    ".label-line{text-align:right;font-size:12pt}"
    ".tlp{font-weight:700;padding:.1rem .4rem;background:#000}"
    ".tlp-white{color:#fff}.tlp-green{color:#33ff00}.tlp-amber{color:#ffc000}"
    ".tlp-red{color:#ff2b2b}.meta,.status{color:#59636e}"
    "table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.2rem .4rem;"
    "text-align:left;vertical-align:top}"
)


def render_html(projected: Projected, *, version: int = 1) -> str:
    """A standalone HTML file: the fragment with a head whose every field is the document's."""
    require_projected(projected)
    title = document_name(projected, version)
    return (
        '<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta name="classification" content="TLP:{projected.label.name}">\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{render_fragment(projected, page=False)}</body>\n</html>\n"
    )
