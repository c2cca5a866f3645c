"""Published files from memory (publishing/rendered.py): a version published for its whole
audience is rendered once per process and served again as the very bytes its ledger row
hashed; whether a reader may have it is still decided on every request, so a withdrawal or a
reader outside the audience is answered as before; drafts and per-reader versions are rendered
for each request."""

from __future__ import annotations

import hashlib

import pytest

from secretariat.core.testing import TESTS
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import item_update
from secretariat.publishing import rendered, views
from secretariat.publishing.models import PublicationRecord
from secretariat.publishing.services import publication_issue
from secretariat.publishing.withdrawals import publication_withdraw

REFERENCE = "SSC_72_2702"


@pytest.fixture
def renders(monkeypatch):
    """Every render the document views ask for, by format."""
    rendered.clear()
    calls: list[str] = []
    real = views.render_format

    def counted(projected, fmt, version=None):
        calls.append(fmt)
        return real(projected, fmt, version)

    monkeypatch.setattr(views, "render_format", counted)
    yield calls
    rendered.clear()


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_it_renders_a_published_file_once_and_serves_the_bytes_its_ledger_hashed(
    client_as, renders, fmt
):
    record = PublicationRecord.objects.get(meeting__reference=REFERENCE, kind="headlines")
    url = f"/meetings/{REFERENCE}/headlines.{fmt}"
    first = client_as("anonymous").get(url)
    second = client_as("party").get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert hashlib.sha256(first.content).hexdigest() == record.hashes[fmt]
    assert renders == [fmt]


def test_it_still_refuses_a_withdrawn_version_that_was_served_from_memory(
    client_as, renders, officer
):
    url = f"/meetings/{REFERENCE}/headlines.pdf"
    assert client_as("anonymous").get(url).status_code == 200
    record = PublicationRecord.objects.get(meeting__reference=REFERENCE, kind="headlines")
    publication_withdraw(actor=officer, record=record, reason="Published in error.")
    assert client_as("anonymous").get(url).status_code == 410
    assert client_as("anonymous").get(f"{url}?version={record.number}").status_code == 410


def test_it_serves_a_new_version_not_the_one_kept(client_as, renders, officer):
    url = f"/meetings/{REFERENCE}/headlines.md"
    before = client_as("anonymous").get(url).content
    meeting = Meeting.objects.get(reference=REFERENCE)
    item = meeting.items.filter(parent__isnull=True, label=0).order_by("number").first()
    assert item is not None
    item_update(
        actor=TESTS, item=item, version=item.version, title="A corrected title for the headlines"
    )
    publication_issue(actor=officer, meeting=meeting, kind="headlines", reason="A correction.")
    after = client_as("anonymous").get(url).content
    assert after != before
    assert "A corrected title for the headlines" in after.decode()
    assert client_as("anonymous").get(f"{url}?version=1").content == before


def test_it_renders_a_draft_for_each_request(client_as, renders):
    officer = client_as("officer")
    url = f"/meetings/{REFERENCE}/minutes.pdf?draft"
    assert officer.get(url).status_code == 200
    assert officer.get(url).status_code == 200
    assert renders == ["pdf", "pdf"]
