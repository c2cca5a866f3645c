"""Reasons are fragments (issue 10, item 9): a correction's reason carries a label, the
document's by default, and the status line, the Word file's metadata and the feed carry it only
where that label reaches their readers."""

from __future__ import annotations

import io

import docx

from secretariat.labels.models import Label
from secretariat.meetings.models import Meeting
from secretariat.publishing.services import publication_issue

REFERENCE = "SSC_72_2702"
SECRET = "QQAmberReasonQQ"


def _correct(officer, kind: str, reason: str, reason_label=None):
    meeting = Meeting.objects.get(reference=REFERENCE)
    return publication_issue(
        actor=officer, meeting=meeting, kind=kind, reason=reason, reason_label=reason_label
    )


def test_it_keeps_an_amber_reason_out_of_the_public_headlines_feed_and_word_file(
    officer, client_as
):
    record = _correct(officer, "headlines", SECRET, "AMBER")
    assert record.reason_label == Label.AMBER
    status = record.snapshot["meta"]["status"]
    assert SECRET not in status and "Corrects version 1." in status
    anonymous = client_as("anonymous")
    assert SECRET not in anonymous.get(f"/meetings/{REFERENCE}/headlines").content.decode()
    assert SECRET not in anonymous.get("/publications/feed.atom").content.decode()
    word = docx.Document(io.BytesIO(anonymous.get(f"/meetings/{REFERENCE}/headlines.docx").content))
    assert SECRET not in (word.core_properties.content_status or "")
    assert all(SECRET not in paragraph.text for paragraph in word.paragraphs)


def test_it_gives_a_reason_the_documents_label_by_default(officer, client_as):
    record = _correct(officer, "headlines", "A typing error.")
    assert record.reason_label == Label.WHITE
    assert "Corrects version 1: A typing error." in record.snapshot["meta"]["status"]
    assert (
        "A typing error." in client_as("anonymous").get("/publications/feed.atom").content.decode()
    )


def test_it_carries_an_amber_reason_in_the_minutes_for_their_readers(officer, client_as):
    record = _correct(officer, "minutes", SECRET, "AMBER")
    assert SECRET in record.snapshot["meta"]["status"]
    assert SECRET in client_as("absent").get(f"/meetings/{REFERENCE}/minutes").content.decode()
    # A RED reason is not every Confidential Minutes reader's: the line leaves it out.
    confidential = _correct(officer, "confidential-minutes", "QQRedReasonQQ", "RED")
    assert "QQRedReasonQQ" not in confidential.snapshot["meta"]["status"]
