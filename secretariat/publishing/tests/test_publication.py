"""Draft, approved, published: who may do what, frozen versions, corrections, the hash check."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.management import call_command, execute_from_command_line
from django.db import connection

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS, below_the_application
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import attendance_record, item_update, meeting_update
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.publishing.services import (
    publication_issue,
    version_approve,
    version_draft,
    version_publish,
)
from secretariat.publishing.tests.support import build_meeting


@pytest.fixture
def meeting(db) -> Meeting:
    built, _ = build_meeting(
        {
            "items": [
                {"title": "Open item", "summary": "Original words"},
                {"title": "Closed item", "label": "RED", "restricted": "Secret words"},
            ]
        },
        number=901,
    )
    return built


def _publish(meeting, kind, user_of, reason=""):
    return publication_issue(
        actor=user_of("officer"),
        approver=user_of("chair"),
        meeting=meeting,
        kind=kind,
        reason=reason,
    )


def test_it_publishes_through_draft_approval_and_publication(meeting, user_of, client_as):
    anonymous = client_as("anonymous")
    url = f"/meetings/{meeting.reference}/headlines"
    assert anonymous.get(url).status_code == 404, "nothing is public before publication"

    version = version_draft(actor=user_of("officer"), meeting=meeting, kind="headlines")
    assert version.status == PublicationVersion.Status.DRAFT
    version = version_approve(actor=user_of("chair"), version=version)
    assert version.status == PublicationVersion.Status.APPROVED
    assert anonymous.get(url).status_code == 404, "approved is not yet published"
    record = version_publish(actor=user_of("officer"), version=version)

    assert (record.number, record.audience, record.kind) == (1, "public", "headlines")
    assert record.label == 0 and len(record.content_hash) == 64
    assert record.published_by == user_of("officer") and record.approved_by == user_of("chair")
    page = anonymous.get(url).content.decode()
    assert "Original words" in page and "Version 1, published" in page
    assert "Secret words" not in page
    verbs = set(
        AuditEvent.objects.filter(verb__startswith="publication.").values_list("verb", flat=True)
    )
    assert verbs == {"publication.draft", "publication.approve", "publication.publish"}


@pytest.mark.parametrize("persona", ["present", "absent", "party", "panel", "outsider"])
def test_it_lets_only_the_chair_or_an_officer_approve(meeting, user_of, persona):
    version = version_draft(actor=user_of("officer"), meeting=meeting, kind="headlines")
    with pytest.raises(ServiceError) as refused:
        version_approve(actor=user_of(persona), version=version)
    assert "Only the chair of the SSC or a secretariat officer" in str(refused.value)
    with pytest.raises(ServiceError):
        version_approve(actor=TESTS, version=version)


def test_it_lets_only_an_officer_publish(meeting, user_of):
    version = version_draft(actor=user_of("chair"), meeting=meeting, kind="minutes")
    version = version_approve(actor=user_of("chair"), version=version)
    with pytest.raises(ServiceError) as refused:
        version_publish(actor=user_of("chair"), version=version)
    assert "Only a secretariat officer" in str(refused.value)
    assert not PublicationRecord.objects.filter(meeting=meeting).exists()


def test_it_publishes_only_an_approved_version(meeting, user_of):
    version = version_draft(actor=user_of("officer"), meeting=meeting, kind="headlines")
    with pytest.raises(ServiceError) as refused:
        version_publish(actor=user_of("officer"), version=version)
    assert "only an approved version can be published" in str(refused.value)


def test_it_asks_a_correction_for_its_reason(meeting, user_of):
    officer = user_of("officer")
    with pytest.raises(ServiceError, match="corrects nothing"):
        version_draft(actor=officer, meeting=meeting, kind="headlines", reason="Why not")
    version_draft(actor=officer, meeting=meeting, kind="headlines")
    with pytest.raises(ServiceError, match="still draft"):
        version_draft(actor=officer, meeting=meeting, kind="headlines")
    PublicationVersion.objects.filter(meeting=meeting).delete()
    _publish(meeting, "headlines", user_of)
    with pytest.raises(ServiceError, match="needs a reason"):
        version_draft(actor=officer, meeting=meeting, kind="headlines")


def test_it_refuses_a_document_that_would_reveal_a_restricted_meeting(meeting, user_of, client_as):
    meeting_update(actor=TESTS, meeting=meeting, version=meeting.version, label="AMBER")
    with pytest.raises(ServiceError, match="labelled AMBER"):
        version_draft(actor=user_of("officer"), meeting=meeting, kind="headlines")
    assert client_as("officer").get(f"/meetings/{meeting.reference}/headlines").status_code == 404
    # Minutes are for the members, who may know of an AMBER meeting.
    assert client_as("officer").get(f"/meetings/{meeting.reference}/minutes").status_code == 200


def test_it_lets_nobody_approve_what_they_may_not_read(meeting, user_of):
    officer = user_of("officer")
    attendance_record(
        actor=TESTS,
        meeting=meeting,
        person=officer.person,
        status="apologies",
        capacity="secretariat",
    )
    with pytest.raises(ServiceError, match="you are not among them"):
        version_draft(actor=officer, meeting=meeting, kind="confidential-minutes")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_it_keeps_a_published_version_frozen_and_corrects_it_with_a_new_one(
    meeting, user_of, client_as
):
    first = _publish(meeting, "headlines", user_of)
    item = meeting.items.get(number=1)
    item_update(actor=TESTS, item=item, version=item.version, summary="Corrected words")
    anonymous = client_as("anonymous")
    base = f"/meetings/{meeting.reference}/headlines"

    # The meeting changed; the published version did not: it still renders to its hashes.
    assert "Original words" in anonymous.get(base).content.decode()
    for fmt in ("md", "pdf", "docx"):
        assert _sha(anonymous.get(f"{base}.{fmt}").content) == first.hashes[fmt], fmt
    # The officer's draft preview shows the change.
    assert "Corrected words" in client_as("officer").get(f"{base}?draft").content.decode()

    second = _publish(meeting, "headlines", user_of, reason="Item 1 summary corrected.")
    latest = anonymous.get(f"{base}.md").content.decode()
    assert "Corrected words" in latest
    assert "Version 2, published" in latest
    assert "Corrects version 1: Item 1 summary corrected." in latest
    assert "Original words" in anonymous.get(f"{base}?version=1").content.decode()
    assert _sha(anonymous.get(f"{base}.pdf?version=1").content) == first.hashes["pdf"]
    assert _sha(anonymous.get(f"{base}.pdf").content) == second.hashes["pdf"]
    response = anonymous.get(f"{base}.pdf")
    assert f'filename="{meeting.reference}-headlines-v2.pdf"' in response["Content-Disposition"]
    portal = anonymous.get("/publications/").content.decode()
    assert f"{base}?version=1" in portal


def test_it_checks_every_published_version_against_its_hash(meeting, user_of, capsys):
    record = _publish(meeting, "headlines", user_of)
    call_command("verify_publications")
    assert (
        f"ok       {meeting.reference} headlines v1 {record.content_hash}"
        in capsys.readouterr().out
    )

    # Behind the ORM's back, as someone with the database could.
    forged = json.loads(json.dumps(record.snapshot).replace("Original words", "Forged words"))
    column = PublicationRecord._meta.get_field("snapshot")
    with below_the_application(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE publishing_publicationrecord SET snapshot = %s WHERE id = %s",
            [column.get_db_prep_value(forged, connection), record.pk],
        )
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["secretariat", "verify_publications"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert f"MISMATCH {meeting.reference} headlines v1" in err
    assert "do not match the ledger" in err


def test_it_serves_a_published_page_within_a_query_budget(
    meeting, user_of, client_as, django_assert_max_num_queries
):
    _publish(meeting, "minutes", user_of)
    client = client_as("absent")
    client.get(f"/meetings/{meeting.reference}/minutes")
    with django_assert_max_num_queries(9):
        assert client.get(f"/meetings/{meeting.reference}/minutes").status_code == 200
    officer = client_as("officer")
    officer.get(f"/meetings/{meeting.reference}/minutes?draft")
    with django_assert_max_num_queries(17):
        assert officer.get(f"/meetings/{meeting.reference}/minutes?draft").status_code == 200


def test_it_lists_only_public_documents_in_the_portal_and_feed(meeting, user_of, client_as):
    _publish(meeting, "headlines", user_of)
    _publish(meeting, "minutes", user_of)
    anonymous = client_as("anonymous")
    portal = anonymous.get("/publications/").content.decode()
    feed = anonymous.get("/publications/feed.atom").content.decode()
    for text in (portal, feed):
        assert f"{meeting.reference} – SSC Meeting Headlines" in text
        assert f"{meeting.reference} – SSC Minutes" not in text
    assert "Security Sub-Committee (SSC)" in portal and "2019" in portal
