"""Word files as a UK secretariat issues them (output version 2), checked in the XML itself: A4
(11906 × 16838), en-GB as every run's language, "Page n of N" from PAGE and NUMPAGES fields in
the footer, table header rows repeated on every page, secretariat named in `docProps/app.xml`,
and the document's name as the metadata title of the Word, PDF and HTML files. Version 1 keeps
its bytes, so rows published with it still verify."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

import pypdf
import pytest

from secretariat.documents import snapshot
from secretariat.documents.labelled import Projected, Row, Section, Table, Text
from secretariat.documents.renderers import FORMATS, render
from secretariat.labels.models import Label
from secretariat.publishing.models import PublicationRecord

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(data: bytes) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


@pytest.fixture
def headlines(db) -> Projected:
    record = PublicationRecord.objects.get(meeting__reference="SSC_72_2702", kind="headlines")
    return snapshot.load(record.snapshot)


@pytest.fixture
def report(db) -> Projected:
    record = PublicationRecord.objects.get(meeting__reference="PANEL_70_1406", kind="panel-report")
    return snapshot.load(record.snapshot)


def test_it_is_a4_in_british_english_with_page_numbers(headlines):
    parts = _parts(render(headlines, "docx"))
    document = parts["word/document.xml"]
    assert re.search(r'<w:pgSz w:w="11906" w:h="16838"\s*/>', document)
    languages = re.findall(r'<w:lang [^>]*w:val="([^"]+)"', parts["word/styles.xml"])
    assert languages and set(languages) == {"en-GB"}
    assert "en-US" not in parts["word/styles.xml"] + document
    footers = [text for name, text in parts.items() if name.startswith("word/footer")]
    assert len(footers) == 1
    assert 'w:instr=" PAGE "' in footers[0] and 'w:instr=" NUMPAGES "' in footers[0]
    words = re.sub(r"<[^>]+>", "", footers[0])
    assert "Page 1 of 1" in words and "WHITE" in words


def test_it_names_secretariat_as_the_application(headlines):
    app = _parts(render(headlines, "docx"))["docProps/app.xml"]
    assert "<Application>secretariat</Application>" in app
    assert "Microsoft" not in app and "Macintosh" not in app


def test_table_header_rows_repeat_on_every_page(db):
    table = Table(
        header=("Party", "Status"),
        rows=tuple(
            Row(cells=(Text(f"Party {n}", Label.WHITE), Text("Compliant", Label.WHITE)))
            for n in range(80)
        ),
    )
    document = Projected(
        kind="headlines",
        title="A long table",
        label=Label.WHITE,
        sections=(Section(heading=Text("Register", Label.WHITE), blocks=(table,)),),
        header=(),
        footer=(),
        meta={"name": "A long table — June 2019"},
        audience="public",
    )
    xml = _parts(render(document, "docx"))["word/document.xml"]
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", xml, flags=re.S)
    assert len(rows) == 81
    assert "<w:tblHeader/>" in rows[0]
    assert all("tblHeader" not in row for row in rows[1:])


def test_every_format_titles_the_file_with_its_name(report, headlines):
    for projected, name in (
        (report, "SEC Panel Sub-Committee Report — June 2019"),
        (headlines, "SSC_72_2702 – SSC Meeting Headlines"),
    ):
        word = _parts(render(projected, "docx"))["docProps/core.xml"]
        assert f"<dc:title>{name}</dc:title>" in word
        assert pypdf.PdfReader(io.BytesIO(render(projected, "pdf"))).metadata.title == name
        assert f"<title>{name}</title>" in render(projected, "html").decode()
    # The visible heading stays as the seed writes it.
    assert report.meta["subtitle"] == "For the Panel meeting of 14 June 2019 (PANEL_70_1406)"


def test_the_appendix_is_named_as_the_reports_appendix(db):
    record = PublicationRecord.objects.get(meeting__reference="PANEL_70_1406", kind="appendix-a")
    projected = snapshot.load(record.snapshot)
    assert projected.meta["name"] == "SEC Panel Sub-Committee Report — June 2019: Appendix A"


def test_version_one_keeps_its_bytes_and_a_version_one_row_still_verifies(headlines):
    assert FORMATS["docx"].versions == (1, 2, 3) and FORMATS["pdf"].versions == (1, 2, 3)
    first = render(headlines, "docx", version=1)
    parts = _parts(first)
    assert 'w:w="12240"' in parts["word/document.xml"]  # version 1 was US Letter, kept as it was
    assert "NUMPAGES" not in "".join(parts.values())
    assert render(headlines, "docx", version=1) == first
    # The row the demo published now is made with version 3 (version 2's page, links read as
    # their words), and its hashes say so.
    record = PublicationRecord.objects.get(meeting__reference="SSC_72_2702", kind="headlines")
    assert record.renderers["docx"] == 3
    assert hashlib.sha256(first).hexdigest() != record.hashes["docx"]
    assert hashlib.sha256(render(headlines, "docx", version=3)).hexdigest() == record.hashes["docx"]


def test_the_reports_pdf_title_changes_only_from_version_two(report):
    def title(version: int) -> str:
        data = render(report, "pdf", version=version)
        return pypdf.PdfReader(io.BytesIO(data)).metadata.title

    assert title(1) == "For the Panel meeting of 14 June 2019 (PANEL_70_1406)"
    assert title(2) == "SEC Panel Sub-Committee Report — June 2019"
