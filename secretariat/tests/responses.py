"""The text a reader gets from a response, whatever its format (page, Markdown, PDF, Word,
metadata included): what the crawl searches for canaries."""

from __future__ import annotations

import io


def response_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if "officedocument" in kind:
        import docx

        document = docx.Document(io.BytesIO(body))
        parts = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        for section in document.sections:
            parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        parts.append(document.core_properties.title or "")
        parts.append(document.core_properties.subject or "")
        parts.append(document.core_properties.comments or "")
        return "\n".join(parts)
    return body.decode("utf-8", errors="replace")
