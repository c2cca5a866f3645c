"""The Word renderer makes each document from its template's parts read once per process, shares
the template's styles between documents and writes its zip once: the bytes must be those that
python-docx gives when it opens its template afresh and saves, and the zip is then rewritten
with fixed dates (the renderer as it was, kept here as the reference)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from secretariat.documents.renderers import current_versions, render, word
from secretariat.meetings.models import Meeting
from secretariat.publishing.builders import prepare


def _reference_document(version: int):
    document = docx.Document()
    if version >= 2:
        word._british(document.styles.element)
    return document


def _reference_save(document, replace=None) -> bytes:
    replace = replace or {}
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=word.FIXED_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = replace.get(info.filename)
            target.writestr(entry, content if content is not None else source.read(info.filename))
    return out.getvalue()


@pytest.mark.django_db
def test_it_renders_word_as_python_docx_saves_it(monkeypatch):
    meeting = Meeting.objects.select_related("body").get(reference="SSC_72_2702")
    documents = [prepare(kind, meeting) for kind in ("headlines", "minutes")]
    versions = sorted({1, current_versions(("docx",))["docx"]})
    # Twice each: the second rendering reuses the shared template and styles.
    fast = [render(d, "docx", v) for d in documents for v in versions for _ in range(2)]
    monkeypatch.setattr(word, "_new_document", _reference_document)
    monkeypatch.setattr(word, "_save", _reference_save)
    reference = [render(d, "docx", v) for d in documents for v in versions for _ in range(2)]
    assert len(versions) == 2
    assert fast == reference
