"""What every renderer promises: projected documents only, the label on every page, metadata
from the projected document, escaping, tagging, and the classification statement of the label
actually kept."""

from __future__ import annotations

import io
import zipfile

import docx
import pypdf
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from secretariat.core.testing import TESTS
from secretariat.documents import snapshot
from secretariat.documents.labelled import Document, Paragraph, Text, project
from secretariat.documents.renderers import FORMATS, file_name, render
from secretariat.documents.renderers.html import render_fragment
from secretariat.documents.services import stock_sentence_set
from secretariat.labels.models import Label, StockSentence
from secretariat.meetings.models import Meeting
from secretariat.publishing.audiences import Public
from secretariat.publishing.builders import classified, prepare
from secretariat.publishing.tests.support import build_meeting, label_marks, pdf_texts


@pytest.fixture
def ssc72(db) -> Meeting:
    return Meeting.objects.select_related("body").get(reference="SSC_72_2702")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_it_renders_only_projected_documents(fmt):
    document = Document(kind="headlines", title="Raw", sections=())
    with pytest.raises(TypeError, match="only projected documents"):
        render(document, fmt)
    with pytest.raises(TypeError):
        render({"title": "Raw"}, fmt)
    with pytest.raises(TypeError):
        file_name(document, fmt)


def test_it_freezes_only_projected_documents():
    with pytest.raises(TypeError):
        snapshot.dump(Document(kind="headlines", title="Raw"))


def test_it_puts_the_label_in_the_header_and_footer_of_every_pdf_page(ssc72):
    data = render(prepare("minutes", ssc72), "pdf")
    pages = label_marks(data)
    assert len(pages) > 1
    for number, (runs, width, height) in enumerate(pages, start=1):
        marks = [(x, y, size) for text, x, y, size in runs if text == "AMBER"]
        top = [m for m in marks if m[1] > height * 0.85]
        bottom = [m for m in marks if m[1] < height * 0.15]
        assert top and bottom, f"page {number}: label in header {top}, footer {bottom}"
        for x, _, size in top + bottom:
            assert x > width / 2, f"page {number}: label not on the right"
            assert size >= 12, f"page {number}: label at {size} pt"


def test_it_tags_the_pdf_for_accessibility(ssc72):
    reader = pypdf.PdfReader(io.BytesIO(render(prepare("headlines", ssc72), "pdf")))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<pdfaid:part>2</pdfaid:part>" in xmp


def test_it_fills_pdf_metadata_from_the_projected_document(ssc72):
    reader = pypdf.PdfReader(io.BytesIO(render(prepare("headlines", ssc72), "pdf")))
    assert reader.metadata.title == "SSC_72_2702 – SSC Meeting Headlines"
    assert reader.metadata.author == "Security Sub-Committee Secretariat"
    assert "TLP:WHITE" in reader.metadata["/Keywords"]
    assert "Classified WHITE" in reader.metadata.subject


def test_it_puts_the_label_in_every_word_header_and_footer_and_cleans_its_metadata(ssc72):
    data = render(prepare("confidential-minutes", ssc72), "docx")
    document = docx.Document(io.BytesIO(data))
    for section in document.sections:
        assert not section.different_first_page_header_footer
        for part in (section.header, section.footer):
            label = [run for p in part.paragraphs for run in p.runs if run.text == "RED"]
            assert label, "label missing"
            paragraph = next(p for p in part.paragraphs if "RED" in p.text)
            assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
            assert label[0].font.size.pt >= 12 and label[0].bold
    core = document.core_properties
    assert core.title == "SSC_72_2702 – SSC Confidential Minutes"
    assert core.category == "TLP:RED"
    archive = zipfile.ZipFile(io.BytesIO(data))
    everything = " ".join(
        archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
    )
    assert "python-docx" not in everything
    assert "docProps/thumbnail.jpeg" not in archive.namelist()
    custom = archive.read("docProps/custom.xml").decode()
    assert "TLP:RED" in custom and "confidential" in custom


HOSTILE = [
    "# Not a heading",
    "<script>alert(1)</script>",
    "[click](http://example.invalid)",
    '#set page(fill: red) #"x" $x^2$ @label <tag> \\ `code`',
    "1. not a list",
    "&amp; stays literal | pipes _under_ ~strike~ *star*",
]


def _hostile() -> object:
    document = Document(
        kind="headlines",
        title="Escaping <b>test</b> #title",
        header=tuple(Paragraph((Text(text),)) for text in HOSTILE),
        meta={"reference": "SSC_1_0101", "subtitle": "SSC_1_0101 – escaping"},
    )
    return classified(
        project(document, Public(), audience="public"), {Label.WHITE: "White."}, status=""
    )


def test_it_escapes_user_text_in_html_and_markdown():
    projected = _hostile()
    html = render_fragment(projected)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html
    markdown = render(projected, "md").decode()
    lines = markdown.splitlines()
    assert "\\# Not a heading" in lines
    assert "1\\. not a list" in lines
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "\\[click\\](http://example.invalid)" in markdown
    assert "\\&amp; stays literal \\| pipes \\_under\\_ \\~strike\\~ \\*star\\*" in markdown


def test_it_sets_typst_markup_in_user_text_as_plain_text():
    text = "\n".join(pdf_texts(render(_hostile(), "pdf"))[:5])
    squashed = "".join(text.split())
    for expected in ('#setpage(fill:red)#"x"$x^2$@label<tag>\\`code`', "<script>alert(1)</script>"):
        assert expected in squashed


def test_it_renders_the_same_bytes_for_the_same_document(ssc72):
    projected = prepare("minutes", ssc72)
    for fmt in FORMATS:
        assert render(projected, fmt) == render(projected, fmt), fmt


def test_it_states_the_classification_of_the_label_kept(ssc72):
    headlines = prepare("headlines", ssc72)
    minutes = prepare("minutes", ssc72)
    confidential = prepare("confidential-minutes", ssc72)
    assert (headlines.label, minutes.label, confidential.label) == (
        Label.WHITE,
        Label.AMBER,
        Label.RED,
    )
    for projected, word in ((headlines, "White"), (minutes, "Amber"), (confidential, "Red")):
        statement = projected.header[0]
        assert statement.style == "classification"
        assert f"classified as **{word}**" in statement.parts[0].text


def test_it_uses_the_officers_wording_and_never_raises_the_mark(db):
    meeting, _ = build_meeting({"items": [{"title": "Open", "summary": "Only white here"}]})
    stock_sentence_set(
        actor=TESTS,
        kind=StockSentence.Kind.CLASSIFICATION,
        label="GREEN",
        text="Officers' own GREEN wording.",
    )
    # Minutes are never below GREEN; with nothing restricted in them they are exactly GREEN.
    minutes = prepare("minutes", meeting, audience=Public())
    assert minutes.label == Label.GREEN
    assert minutes.header[0].parts[0].text == "Officers' own GREEN wording."
    assert "Officers' own GREEN wording." in render(minutes, "md").decode()
