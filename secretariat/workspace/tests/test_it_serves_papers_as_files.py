"""Papers as files, through the site: upload with a label (RED with a named distribution), keep
every version, serve each download through the door (404 otherwise) and record it, and build the
agenda pack of what the reader may read. Pages flat from 5 to 100 papers."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader, PdfWriter

from secretariat.core.testing import TESTS
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Paper
from secretariat.workspace.paper_models import PaperDownload, PaperFile
from secretariat.workspace.papers import Upload, paper_file_add, paper_upload

MEETING = "SSC_72_2702"
PAPERS = f"/workspace/meetings/{MEETING}/papers/"
BUDGET = 30


def pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _item() -> AgendaItem:
    return AgendaItem.objects.filter(
        meeting__reference=MEETING, parent=None, label=Label.WHITE
    ).first()


def _upload(client, reference: str, label: str = "0", name="paper.pdf", data=None, **extra):
    return client.post(
        PAPERS,
        {
            "form": "add",
            "item": str(_item().pk),
            "reference": reference,
            "title": f"Paper {reference}",
            "label": label,
            "file": SimpleUploadedFile(name, pdf() if data is None else data),
            **extra,
        },
    )


def test_it_uploads_a_paper_keeps_its_versions_and_records_each_download(client_as):
    officer = client_as("officer")
    assert _upload(officer, "SSC_72_T1").status_code == 303
    paper = Paper.objects.get(reference="SSC_72_T1")
    first = PaperFile.objects.get(paper=paper)
    assert first.number == 1 and bytes(first.data).startswith(b"%PDF-")
    response = officer.post(
        PAPERS,
        {"form": str(paper.pk), "note": "Typo fixed", "file": SimpleUploadedFile("v2.pdf", pdf(2))},
    )
    assert response.status_code == 303
    assert list(paper.files.order_by("number").values_list("number", flat=True)) == [1, 2]
    anonymous = client_as("anonymous")
    listed = anonymous.get(f"/papers/{MEETING}/").content.decode()
    assert "SSC_72_T1" in listed and "v2.pdf" in listed
    download = anonymous.get(f"/papers/files/{first.pk}/")
    assert download.status_code == 200 and download.content == bytes(first.data)
    assert "no-store" in download["Cache-Control"]
    assert PaperDownload.objects.filter(file=first, reader_name="anonymous").count() == 1
    assert "anonymous" in client_as("auditor").get("/auditor/deliveries/").content.decode()


def test_it_sends_a_red_paper_to_its_distribution_only(client_as, user_of):
    officer = client_as("officer")
    refused = _upload(officer, "SSC_72_R0", label="3")
    assert refused.status_code == 400 and "distribution" in refused.content.decode()
    present = user_of("present").person
    assert (
        _upload(officer, "SSC_72_R1", label="3", distribution=[str(present.pk)]).status_code == 303
    )
    file = PaperFile.objects.get(paper__reference="SSC_72_R1")
    assert client_as("present").get(f"/papers/files/{file.pk}/").status_code == 200
    assert client_as("officer").get(f"/papers/files/{file.pk}/").status_code == 200
    for persona in ("absent", "chair", "party", "auditor", "anonymous", "breakglass"):
        assert client_as(persona).get(f"/papers/files/{file.pk}/").status_code == 404, persona
        assert "SSC_72_R1" not in client_as(persona).get(f"/papers/{MEETING}/").content.decode()
    missing = client_as("present").get("/papers/files/999999/")
    assert missing.status_code == 404
    assert PaperDownload.objects.filter(file=file).count() == 2


def test_it_refuses_files_of_another_type_too_big_or_not_what_they_say(client_as, settings):
    officer = client_as("officer")
    wrong = _upload(officer, "SSC_72_X1", name="tool.exe", data=b"MZ...")
    assert wrong.status_code == 400 and "tool.exe is not" in wrong.content.decode()
    fake = _upload(officer, "SSC_72_X2", name="paper.pdf", data=b"not a pdf at all")
    assert fake.status_code == 400 and "does not hold" in fake.content.decode()
    settings.SECRETARIAT_PAPER_MAX_BYTES = 100
    big = _upload(officer, "SSC_72_X3")
    assert big.status_code == 400 and "largest a paper may be" in big.content.decode()
    assert not Paper.objects.filter(reference__startswith="SSC_72_X").exists()


def test_it_builds_the_agenda_pack_of_what_the_reader_may_read(client_as, user_of):
    officer = user_of("officer")
    item = _item()
    paper_upload(
        actor=officer,
        item=item,
        reference="SSC_72_W",
        title="Open paper",
        label="0",
        upload=Upload("open.pdf", pdf(2)),
    )
    paper_upload(
        actor=officer,
        item=item,
        reference="SSC_72_D",
        title="A Word paper",
        label="0",
        upload=Upload("notes.docx", b"PK\x03\x04 a word file"),
    )
    paper_upload(
        actor=officer,
        item=item,
        reference="SSC_72_S",
        title="Secret paper",
        label="3",
        upload=Upload("secret.pdf", pdf(3)),
        distribution=[user_of("present").person],
    )
    public = client_as("anonymous").get(f"/papers/{MEETING}/pack.pdf")
    assert public.status_code == 200 and public["Content-Type"] == "application/pdf"
    public_pages = len(PdfReader(io.BytesIO(public.content)).pages)
    member = client_as("present").get(f"/papers/{MEETING}/pack.pdf")
    member_pages = len(PdfReader(io.BytesIO(member.content)).pages)
    # The demo's RED SSC_72_03 goes to `present` too: its pages are theirs as well.
    demo_red = PaperFile.objects.filter(paper__reference="SSC_72_03").order_by("-number").first()
    extra = len(PdfReader(io.BytesIO(bytes(demo_red.data))).pages) if demo_red else 0
    assert member_pages == public_pages + 3 + extra, "RED pages are in present's pack only"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(public.content)).pages)
    assert "SSC_72_W" in text and "SSC_72_D" in text and "SSC_72_S" not in text
    assert "/papers/files/" in text, "the Word paper is listed with its address"
    assert PaperDownload.objects.filter(via="pack", file__paper__reference="SSC_72_S").count() == 1
    assert client_as("anonymous").get("/papers/SSC_999_0101/pack.pdf").status_code == 404


def _papers(count: int, start: int) -> None:
    item = _item()
    for n in range(count):
        paper = paper_upload(
            actor=TESTS,
            item=item,
            reference=f"BUDGET_{start + n}",
            title=f"Paper {n}",
            label="0",
            upload=Upload("p.txt", b"plain text"),
        )
        paper_file_add(actor=TESTS, paper=paper, upload=Upload("p2.txt", b"second"))


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("persona", "url"), [("present", f"/papers/{MEETING}/"), ("officer", PAPERS)]
)
def test_it_lists_papers_in_the_same_queries_for_5_and_100(client_as, persona, url):
    client = client_as(persona)
    client.get(url)
    _papers(5, 0)
    few = _count(client, url)
    _papers(95, 100)
    many = _count(client, url)
    assert few == many, f"{url}: {few} queries with 5, {many} with 100"
    assert many <= BUDGET
