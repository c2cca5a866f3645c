"""One registry, one ledger: a document kind registered in a test gets versions, the ledger,
verification, its pages, the portal and the feed with no other code; the Panel report, a kind of
its Panel meeting, is on the portal and in the feed and verified with everything else."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from secretariat.documents import kinds
from secretariat.documents.labelled import Document, Paragraph, Section, Text
from secretariat.meetings.models import Meeting
from secretariat.publishing import services, verification
from secretariat.publishing.audiences import Public
from secretariat.publishing.builders import DocumentKind, _address
from secretariat.publishing.models import PublicationRecord

REFERENCE = "SSC_72_2702"


def build_notice(source, kind) -> Document:
    meeting = source.meeting
    return Document(
        kind=kind.slug,
        title=f"{meeting.body.name} notice",
        header=(),
        sections=(Section(heading=Text("Notice"), blocks=(Paragraph((Text("Doors at ten."),)),)),),
        footer=(),
        meta={"subtitle": f"{meeting.reference} – Throwaway Notice", "file_stem": "notice"},
    )


@pytest.fixture
def notice():
    kind = kinds.register(
        DocumentKind("throwaway-notice", "Throwaway Notice", Public, build_notice)
    )
    yield kind
    kinds.unregister(kind.slug)
    _address.cache_clear()


def test_it_gives_a_registered_kind_versions_ledger_verify_pages_portal_and_feed(
    notice, officer, client_as, capsys
):
    meeting = Meeting.objects.get(reference=REFERENCE)
    anonymous = client_as("anonymous")
    # Before publication the public does not know it exists; its editors preview the draft.
    assert anonymous.get(f"/meetings/{REFERENCE}/throwaway-notice").status_code == 404
    assert client_as("officer").get(f"/meetings/{REFERENCE}/throwaway-notice").status_code == 200

    version = services.version_draft(actor=officer, meeting=meeting, kind="throwaway-notice")
    services.version_approve(actor=officer, version=version)
    record = services.version_publish(actor=officer, version=version)

    assert (record.kind, record.number, record.title) == (
        "throwaway-notice",
        1,
        f"{REFERENCE} – Throwaway Notice",
    )
    assert verification.verify_record(record) == []
    call_command("verify_publications", reference=REFERENCE)
    assert f"ok       {REFERENCE} throwaway-notice v1" in capsys.readouterr().out

    page = anonymous.get(f"/meetings/{REFERENCE}/throwaway-notice")
    assert page.status_code == 200 and "Doors at ten." in page.content.decode()
    pdf = anonymous.get(f"/meetings/{REFERENCE}/throwaway-notice.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert (
        f"/meetings/{REFERENCE}/throwaway-notice"
        in anonymous.get("/publications/?year=2019").content.decode()
    )
    feed = anonymous.get("/publications/feed.atom").content.decode()
    assert f"/meetings/{REFERENCE}/throwaway-notice?version=1" in feed
    assert "Throwaway Notice of the" in feed
    meeting_page = anonymous.get(f"/meetings/{REFERENCE}/").content.decode()
    assert f'href="/meetings/{REFERENCE}/throwaway-notice"' in meeting_page


def test_it_does_not_serve_a_kind_nobody_registered(client_as):
    assert client_as("officer").get(f"/meetings/{REFERENCE}/throwaway-notice").status_code == 404


def test_it_lists_the_published_panel_report_on_the_portal_and_in_the_feed(client_as):
    anonymous = client_as("anonymous")
    record = PublicationRecord.objects.get(kind="panel-report", number=1)
    portal = anonymous.get("/publications/?year=2019").content.decode()
    assert 'href="/reports/panel/2019-06/"' in portal
    assert 'href="/reports/panel/2019-06.pdf"' in portal
    feed = anonymous.get("/publications/feed.atom").content.decode()
    assert "/reports/panel/2019-06/?version=1" in feed
    assert f"urn:sha256:{record.content_hash}" in feed
    # Appendix A is RED: never on the portal or in the feed.
    appendix = PublicationRecord.objects.get(kind="appendix-a", number=1)
    assert "appendix-a" not in portal and appendix.content_hash not in feed


def test_it_verifies_every_kind_in_the_one_ledger(db, capsys):
    call_command("verify_publications")
    out = capsys.readouterr().out
    assert " panel-report v1 " in out and " appendix-a v1 " in out and " headlines v1 " in out
