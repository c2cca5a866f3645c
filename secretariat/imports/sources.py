"""Reading a file of any format the secretariat keeps into Markdown-like text.

Markdown and plain text are read as they are; Word (.docx) through python-docx, headings and
bold runs and bullets kept as Markdown marks; PDF through its text layer (pypdf; there is no
OCR here), its running headers and footers dropped."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from secretariat.imports.text import ImportProblem, clean

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Source:
    text: str
    markup: bool
    warnings: list[str] = field(default_factory=list)


def read_source(name: str, data: bytes) -> Source:
    if not data.strip():
        raise ImportProblem("the file is empty.")
    if len(data) > MAX_BYTES:
        raise ImportProblem(
            f"the file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB."
        )
    suffix = PurePath(name).suffix.lower()
    if data.startswith(b"PK\x03\x04") or suffix == ".docx":
        text, markup = _docx(data), True
    elif data.startswith(b"%PDF-") or suffix == ".pdf":
        text, markup = _pdf(data), False
    else:
        text = _decode(data)
        markup = bool(re.search(r"^\s*(?:#|\*\*\d)", text, re.M))
    text, removed = clean(text)
    warnings = [f"line 1: removed {removed} control characters."] if removed else []
    return Source(text, markup, warnings)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ImportProblem(
            "the file is not text, Markdown, Word (.docx) or PDF (it holds binary data)."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportProblem(
            f"the text is not UTF-8 (byte {error.start} cannot be read); save it as UTF-8.",
            line=line,
        ) from None


def _docx(data: bytes) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise ImportProblem(f"the file is not a readable Word document (.docx): {error}.") from None
    except Exception as error:  # a damaged part inside an intact zip: lxml and others
        raise ImportProblem(f"the Word document is damaged: {type(error).__name__}.") from None
    lines = []
    for paragraph in document.paragraphs:
        text = "".join(
            f"**{run.text.strip()}**{' ' if run.text.endswith(' ') else ''}"
            if run.bold and run.text.strip()
            else run.text
            for run in paragraph.runs
        ).strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith("Heading") or style == "Title":
            level = style.removeprefix("Heading").strip()
            text = "#" * (int(level) if level.isdigit() else 1) + " " + text.replace("**", "")
        elif "List" in style:
            text = f"- {text}"
        lines.append(text)
    return "\n\n".join(lines)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ImportProblem(f"the file is not a readable PDF: {error}.") from None
    except Exception as error:  # pypdf raises many kinds for a damaged file
        raise ImportProblem(f"the PDF is damaged: {type(error).__name__}.") from None
    if not any(page.strip() for page in pages):
        raise ImportProblem("the PDF has no text layer (a scan?); there is no OCR here.")
    # Lines on every page are running headers and footers ("WHITE", the reference); page
    # numbers differ page by page but look alike.
    page_lines = [[line for line in page.splitlines() if line.strip()] for page in pages]
    # Only a page's first and last lines can be furniture: a stock sentence may well come on
    # every page.
    counts = Counter(line.strip() for lines in page_lines for line in {*lines[:1], *lines[-1:]})
    repeated = {line for line, count in counts.items() if len(pages) > 1 and count == len(pages)}
    kept = [
        line
        for lines in page_lines
        for index, line in enumerate(lines)
        if not (index in (0, len(lines) - 1) and line.strip() in repeated)
        and not _PAGE_NUMBER.search(line.strip())
    ]
    return _unwrap(kept)


_ITEM = re.compile(r"^\d+\.\s+\S")
_PAGE_NUMBER = re.compile(
    r"(?:^|\s)(?:page\s+)?\d+\s*(?:of|/)\s*\d+(?:\s+(?:WHITE|CLEAR|GREEN|AMBER|RED))?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[•●▪◦\-–]\s+")


def _unwrap(lines: list[str]) -> str:
    """Lines of a PDF's text back into paragraphs. The text layer ends a wrapped line with a
    space and a paragraph's last line without one; a numbered heading or a bullet starts a
    block of its own."""
    blocks: list[str] = []
    current = ""
    for raw in lines:
        line = raw.strip()
        bullet = _BULLET.match(line)
        if bullet or _ITEM.match(line) or line.startswith("Next Meeting"):
            if current:
                blocks.append(current)
            current = f"- {line[bullet.end() :]}" if bullet else line
        else:
            current = f"{current} {line}" if current else line
        if not raw.endswith(" "):
            blocks.append(current)
            current = ""
    if current:
        blocks.append(current)
    return "\n\n".join(blocks)
