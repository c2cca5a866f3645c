"""The June 2019 report's pictures, drawn from the operations register: the OPSG's major
incidents per month and its performance measures by month, rated RED, AMBER or GREEN. On the
page as SVG with its text alternative, in the PDF and in Word as a shaded table with the same
text, in Markdown as the equivalent table; a measure without a public name stays out of the
public report, and a changed monthly value changes the picture."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pypdf
import pytest

from secretariat.core.testing import TESTS
from secretariat.documents import snapshot
from secretariat.documents.labelled import Heatmap
from secretariat.labels.models import Label
from secretariat.operations.models import Measure
from secretariat.operations.services import value_record
from secretariat.publishing.models import PublicationRecord
from secretariat.reports.compiler import compile_report
from secretariat.reports.models import PanelReport

URL = "/reports/panel/2019-06"
OTA = "A performance metric related to OTA"
OTA_MONTHS = ["GREEN", "GREEN", "AMBER", "AMBER", "RED", "AMBER", "AMBER"]  # 10/18 to 04/19
OTA_WORDS = f"{OTA}, 10/18 to 04/19: 2 GREEN, 4 AMBER, 1 RED."
HIDDEN = "Service Requests processed within target response time"


@pytest.fixture
def june(db):
    return PanelReport.objects.select_related("meeting__body", "template").get(month="2019-06-01")


def _heatmaps(sections):
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Heatmap):
                yield section.heading.text, block
        yield from _heatmaps(section.sections)


def _pictures(report) -> dict[str, tuple[str, Heatmap]]:
    return {block.kind: (heading, block) for heading, block in _heatmaps(report.body.sections)}


def test_it_draws_the_opsg_pictures_from_the_register(june):
    compiled = compile_report(june)
    pictures = _pictures(compiled)
    heading, incidents = pictures["counts"]
    assert heading == "Major Incidents"
    assert incidents.header[1] == "05/18" and incidents.header[-1] == "04/19"
    [row] = incidents.rows
    assert [cell.text for cell in row.cells[1:]] == ["0"] * 11 + ["3"]
    heading, measures = pictures["ratings"]
    assert heading == "Communication Hub Firmware Updates"
    assert [row.cells[0].text for row in measures.rows] == [OTA, HIDDEN]
    assert [cell.text for cell in measures.rows[0].cells[-7:]] == OTA_MONTHS
    # Without a public name the measure keeps its own label: GREEN, out of the public report.
    assert measures.rows[1].label == Label.GREEN
    records = {p.placeholder: p.records for p in compiled.provenance}
    assert ("ota-firmware", "/operations/measures/ota-firmware/") in records["{measures_heatmap}"]
    assert [ref for ref, _ in records["{incidents_heatmap}"]] == [
        "MI-2019-04-01",
        "MI-2019-04-02",
        "MI-2019-04-03",
    ]


def test_it_follows_a_changed_monthly_value(june):
    ota = Measure.objects.get(code="ota-firmware")
    value_record(actor=TESTS, measure=ota, month=dt.date(2019, 2, 1), value="99.9")
    _, measures = _pictures(compile_report(june))["ratings"]
    assert [cell.text for cell in measures.rows[0].cells[-7:]] == [
        "GREEN",
        "GREEN",
        "AMBER",
        "AMBER",
        "GREEN",
        "AMBER",
        "AMBER",
    ]


def test_it_freezes_the_pictures_in_the_ledger(june):
    record = PublicationRecord.objects.get(meeting=june.meeting, kind="panel-report", number=1)
    assert record.snapshot_format == snapshot.FIGURES_FORMAT == record.snapshot["format"]
    projected = snapshot.load(record.snapshot)
    assert snapshot.load(snapshot.dump(projected)) == projected
    kinds = {block.kind for _, block in _heatmaps(projected.sections)}
    assert kinds == {"counts", "ratings"}
    headlines = PublicationRecord.objects.filter(kind="headlines").first()
    assert headlines is not None and headlines.snapshot_format == snapshot.FORMAT


def test_it_shows_the_public_an_svg_with_its_text_alternative(client_as):
    page = client_as("anonymous").get(f"{URL}/").content.decode()
    svg = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" role="img".*?</svg>', page, re.S)
    assert len(svg) == 2
    assert f"<desc>{OTA_WORDS} G: GREEN, A: AMBER, R: RED.</desc>" in svg[1]
    assert (
        'fill="#f0a500"' in svg[1]
        and "<title>A performance metric related to OTA, 02/19: RED" in svg[1]
    )
    assert "Major incidents: 05/18 0;" in svg[0] and "04/19 3.</desc>" in svg[0]
    assert HIDDEN not in page


def test_it_gives_markdown_the_same_facts_as_a_table(client_as):
    text = client_as("anonymous").get(f"{URL}.md").content.decode()
    assert f"| {OTA} | " + " | ".join([" "] * 5 + OTA_MONTHS) + " |" in text
    assert "| Major incidents | " + " | ".join(["0"] * 11 + ["3"]) + " |" in text
    assert HIDDEN not in text


def test_it_draws_them_in_the_pdf_with_their_words(client_as):
    response = client_as("anonymous").get(f"{URL}.pdf")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "OPSG performance measures by month, rated RED, AMBER or GREEN" in text
    assert (
        "2 GREEN, 4 AMBER, 1 RED" in text
        and "Major incidents per month, May 2018 to April 2019" in text
    )
    assert HIDDEN not in text


def test_it_shades_them_in_word_with_alternative_text(client_as):
    response = client_as("anonymous").get(f"{URL}.docx")
    document = docx.Document(io.BytesIO(response.content))
    xml = document.element.xml
    assert 'w:fill="F0A500"' in xml and 'w:fill="C62828"' in xml
    assert re.search(r'<w:tblDescription w:val="[^"]*2 GREEN, 4 AMBER, 1 RED', xml)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert [OTA, *[""] * 5, "G", "G", "A", "A", "R", "A", "A"] in rows
    assert HIDDEN not in xml
