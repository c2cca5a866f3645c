"""`secretariat render`: any document, any audience, any format, to a file or stdout."""

from __future__ import annotations

import hashlib
import io

import pypdf
import pytest
from django.core.management import CommandError, call_command

from secretariat.publishing.models import PublicationRecord


def test_it_renders_headlines_as_pdf_to_a_file_for_the_public(db, tmp_path):
    target = tmp_path / "headlines.pdf"
    call_command(
        "render", "SSC_72_2702", "headlines", format="pdf", audience="public", output=str(target)
    )
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    assert "Security Sub-Committee (SSC) Meeting Headlines" in reader.pages[0].extract_text()
    assert reader.metadata.title == "SSC_72_2702 – SSC Meeting Headlines"


def test_it_writes_markdown_to_stdout(db):
    out = io.StringIO()
    call_command("render", "SSC_72_2702", "minutes", stdout=out)
    text = out.getvalue()
    assert text.startswith("This document is classified as **Amber**")
    assert "Draft – not approved for publication." in text


def test_it_renders_a_document_for_another_audience(db):
    out = io.StringIO()
    call_command("render", "SSC_72_2702", "confidential-minutes", audience="public", stdout=out)
    text = out.getvalue()
    assert "Demo confidential record" not in text
    assert "Tom Reilly" not in text
    assert "classified as **Green**" in text


def test_it_renders_a_published_version_as_published(db, tmp_path):
    record = PublicationRecord.objects.get(meeting__reference="SSC_72_2702", kind="headlines")
    target = tmp_path / "published.pdf"
    call_command(
        "render", "SSC_72_2702", "headlines", format="pdf", latest=True, output=str(target)
    )
    assert hashlib.sha256(target.read_bytes()).hexdigest() == record.hashes["pdf"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"audience": "board"},
            "Unknown audience 'board': use public, members, confidential, attendees.",
        ),
        ({"format": "odt"}, "Unknown format 'odt': use html, md, pdf, docx."),
        ({"number": 7}, "SSC_72_2702 Meeting Headlines: version 7 is not published."),
        ({"latest": True, "audience": "members"}, "was published for public, not members"),
        ({"format": "pdf"}, "write PDF and Word with -o FILE"),
        ({"output": "/no/such/folder/x.md"}, "folder /no/such/folder does not exist"),
    ],
)
def test_it_refuses_bad_requests_with_a_clear_message(db, arguments, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(".", r"\.")):
        call_command("render", "SSC_72_2702", "headlines", stdout=io.StringIO(), **arguments)


def test_it_refuses_an_unknown_meeting_or_document(db):
    with pytest.raises(CommandError, match="No meeting 'SSC_99_0101'"):
        call_command("render", "SSC_99_0101", "headlines")
    with pytest.raises(CommandError, match="Unknown document 'agenda'"):
        call_command("render", "SSC_72_2702", "agenda")
