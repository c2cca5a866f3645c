"""Renderers: a projected document in HTML, Markdown, PDF (typst) or Word (python-docx).

Renderers accept only `Projected` documents and read nothing else: no database, no request, no
clock. Everything they print, including file names and PDF/Word metadata, comes from the projected
document, which holds only what its audience may see.

Versioned output: each format has the versions of its output it can still produce, the last one
current. A ledger row records the version of each hashed format it was rendered with, and
`verify_publications` and the published downloads render with that version, so a later change of
output never breaks an earlier publication. To change what a format prints for the same document
(a Word layout, a PDF margin): add the next number to its `versions` below and keep the old code
path, chosen by the `version` argument each renderer takes (`if version >= 2: ...`). Never
change the output of a version already listed. See docs/architecture.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from secretariat.documents.labelled import Paragraph, Projected, Section

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# A link a builder wrote into a text: `[SECMP0037 'Pairing Local PPMIDS'](/changes/SECMP0037/)`,
# to one of the site's own pages (an address from the root) only.
_LINK = re.compile(r"\[([^\[\]]+)\]\((/[^()\s]*)\)")


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    content_type: str
    binary: bool
    # Every version of this format's output that can still be rendered, oldest first; the last
    # is what new publications get.
    versions: tuple[int, ...] = (1,)

    @property
    def current(self) -> int:
        return self.versions[-1]


FORMATS: dict[str, Format] = {
    # html 2, pdf 2: the metadata title is the document's name (`document_name`).
    # html 3, md 2: links a builder wrote into a text are links (pdf 3 and docx 3 print their
    # text alone: a file has no site to be relative to).
    "html": Format("html", "html", "text/html; charset=utf-8", False, versions=(1, 2, 3)),
    "md": Format("md", "md", "text/markdown; charset=utf-8", False, versions=(1, 2)),
    "pdf": Format("pdf", "pdf", "application/pdf", True, versions=(1, 2, 3)),
    # docx 2: A4, en-GB, "Page n of N", repeating table headers, secretariat in app.xml, the
    # document's name as its title.
    "docx": Format(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        True,
        versions=(1, 2, 3),
    ),
}

# The version of each format from which link markup is read rather than printed as it stands.
LINKS_FROM = {"html": 3, "md": 2, "pdf": 3, "docx": 3}
# While a renderer runs: whether the version it renders reads links. Set by `reading_links`
# around each render; the run splitters below ask it, so the renderers' many helpers need not
# carry a version they otherwise do not use.
_links: ContextVar[bool] = ContextVar("links", default=False)


@contextmanager
def reading_links(fmt: str, version: int) -> Iterator[None]:
    token = _links.set(version >= LINKS_FROM[fmt])
    try:
        yield
    finally:
        _links.reset(token)


def document_name(projected: Projected, version: int) -> str:
    """The title a file's metadata gives: from version 2 of each format, the document's name
    and period as its builder states it ("SEC Panel Sub-Committee Report — June 2019",
    "SSC_72_2702 – SSC Meeting Headlines"); version 1 kept the subtitle, which for a Panel
    report named its meeting instead. The visible headings are not this."""
    meta = projected.meta
    if version >= 2 and meta.get("name"):
        return meta["name"]
    return meta.get("subtitle") or projected.title


def require_projected(document) -> Projected:
    if not isinstance(document, Projected):
        raise TypeError(
            f"Renderers accept only projected documents, not {type(document).__name__}: "
            "project it for an audience first."
        )
    return document


def runs(text: str) -> list[tuple[str, bool, str]]:
    """Split inline markup into (text, bold, address) runs. `**bold**` is markup, and, from the
    versions that read links, `[text](/address)`; anything else is text, to be escaped by each
    format. `address` is empty for a run that is not a link."""
    result: list[tuple[str, bool, str]] = []
    position = 0
    if _links.get():
        for match in _LINK.finditer(text):
            if match.start() > position:
                result.extend(_bold_runs(text[position : match.start()]))
            result.append((match.group(1), False, match.group(2)))
            position = match.end()
    result.extend(_bold_runs(text[position:]))
    return result


def _bold_runs(text: str) -> list[tuple[str, bool, str]]:
    result: list[tuple[str, bool, str]] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            result.append((text[position : match.start()], False, ""))
        result.append((match.group(1), True, ""))
        position = match.end()
    if position < len(text):
        result.append((text[position:], False, ""))
    return result


def paragraph_runs(paragraph: Paragraph) -> list[tuple[str, bool, str]]:
    """A paragraph's parts joined by spaces, as runs."""
    result: list[tuple[str, bool, str]] = []
    for index, part in enumerate(p for p in paragraph.parts if p.text):
        if index:
            result.append((" ", False, ""))
        result.extend(runs(part.text))
    return result


def heading_runs(section: Section) -> list[tuple[str, bool, str]]:
    """'3. Full User Security Assessment – Other User 'L' (RED)', the label in bold."""
    result: list[tuple[str, bool, str]] = []
    if section.number:
        result.append((f"{section.number}. ", False, ""))
    result.extend(runs(section.heading.text))
    if section.shown_label is not None:
        result += [(" (", False, ""), (section.shown_label.name, True, ""), (")", False, "")]
    return result


def classification(projected: Projected) -> list[Paragraph]:
    return [p for p in projected.header if p.style == "classification"]


def header_rest(projected: Projected) -> list[Paragraph]:
    return [p for p in projected.header if p.style != "classification"]


def file_name(projected: Projected, fmt: str) -> str:
    """`SSC_72_2702-headlines.pdf`, `-v2` for a later version: facts every audience may see."""
    require_projected(projected)
    stem = projected.meta.get("file_stem") or projected.kind
    version = projected.meta.get("version")
    if version and version > 1:
        stem = f"{stem}-v{version}"
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "document"
    return f"{safe}.{FORMATS[fmt].extension}"


def current_versions(formats=None) -> dict[str, int]:
    """{format: the version new output is rendered with}, for `formats` (all by default)."""
    return {fmt: FORMATS[fmt].current for fmt in (formats or FORMATS)}


def render(projected: Projected, fmt: str, version: int | None = None) -> bytes:
    """The document in one format, as bytes (UTF-8 for the text formats), with that format's
    output of `version` (the current one by default)."""
    require_projected(projected)
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: use {', '.join(FORMATS)}.")
    if version is None:
        version = FORMATS[fmt].current
    if version not in FORMATS[fmt].versions:
        raise ValueError(
            f"{fmt} output version {version!r} is not kept: this renderer knows versions "
            f"{', '.join(map(str, FORMATS[fmt].versions))}."
        )
    with reading_links(fmt, version):
        return _render(projected, fmt, version)


def _render(projected: Projected, fmt: str, version: int) -> bytes:
    if fmt == "html":
        from secretariat.documents.renderers.html import render_html

        return render_html(projected, version=version).encode()
    if fmt == "md":
        from secretariat.documents.renderers.markdown import render_markdown

        return render_markdown(projected, version=version).encode()
    if fmt == "pdf":
        from secretariat.documents.renderers.pdf import render_pdf

        return render_pdf(projected, version=version)
    if fmt == "docx":
        from secretariat.documents.renderers.word import render_docx

        return render_docx(projected, version=version)
    raise ValueError(f"Unknown format {fmt!r}: use {', '.join(FORMATS)}.")
