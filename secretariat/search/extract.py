"""The text of a paper's file, for the index: PDF through pypdf, Word through python-docx. A
file that cannot be read gives no text (it is still found by its reference and title)."""

from __future__ import annotations

import io
import logging

log = logging.getLogger(__name__)

# A paper's text beyond this is not indexed: a search finds a paper by what it is about, and a
# 300-page annex would otherwise dominate the index.
MAX_CHARS = 200_000


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts: list[str] = []
    size = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)


def _docx(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


READERS = {"pdf": _pdf, "docx": _docx}


def file_text(extension: str, data: bytes) -> str:
    read = READERS.get((extension or "").lower().lstrip("."))
    if read is None or not data:
        return ""
    try:
        return read(bytes(data))[:MAX_CHARS]
    # Any failure of a parser on a bad upload: the paper must still save, found by its title.
    except Exception as error:
        log.warning("search: could not read a .%s paper (%s)", extension, error)
        return ""


def paper_text(file) -> str:
    from secretariat.workspace.paper_models import PaperFile

    data = PaperFile.objects.filter(pk=file.pk).values_list("data", flat=True).first()
    return file_text(file.extension, bytes(data or b""))
