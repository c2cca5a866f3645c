"""How the crawl (secretariat/tests/test_crawl.py) signs a persona in and reads a response: the
text of a page, a Markdown file, a PDF or a Word document, headers, footers and properties
included."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.test import Client

from secretariat.core.testing import sign_in


def account(persona: str) -> tuple[str, bool]:
    """`present/password` is `present` signed in without a second factor."""
    username, _, how = persona.partition("/")
    return username, how != "password"


def client_of(persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        username, second_factor = account(persona)
        user = get_user_model().objects.get(username=username)
        sign_in(client, user, second_factor=second_factor)
    return client


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
