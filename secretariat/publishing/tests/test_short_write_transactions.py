"""Documents are built and rendered before the write transaction; the transaction checks that the
record still builds to what was rendered. A change landing in between is injected where it would
land in production, after the document was read and before the write: it is either published
(made again once) or refused, never published stale; the ledger and the audit chain hold."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import item_update, meeting_update
from secretariat.publishing import services
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.publishing.tests.support import build_meeting
from secretariat.publishing.verification import verify_record


@pytest.fixture
def meeting(db) -> Meeting:
    built, _ = build_meeting({"items": [{"title": "Open item", "summary": "Words 0"}]}, number=931)
    return built


def _change_item(meeting: Meeting, words: str) -> None:
    item = meeting.items.get(number=1)
    item_update(actor=TESTS, item=item, version=item.version, summary=words)


def _landing(monkeypatch, name: str, change, *, times: int, every: int = 1) -> list[int]:
    """Wrap `services.<name>` so that `change` runs just after each of its first `times` calls
    (counting only every `every`-th call): the write another user makes meanwhile."""
    original = getattr(services, name)
    calls: list[int] = []

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        calls.append(1)
        landed = (len(calls) - 1) // every
        if (len(calls) - 1) % every == 0 and landed < times:
            change(landed + 1)
        return result

    monkeypatch.setattr(services, name, wrapped)
    return calls


def _chains_hold(reference: str) -> None:
    out = io.StringIO()
    call_command("verify_publications", "--reference", reference, stdout=out, stderr=out)
    call_command("verify_audit", stdout=out, stderr=out)


def _markdown(record: PublicationRecord) -> str:
    from secretariat.documents.renderers import render as render_format
    from secretariat.publishing.verification import rendered_from_record

    return render_format(rendered_from_record(record), "md", record.renderers.get("md")).decode()


def _issue(meeting, user_of, **kwargs):
    return services.publication_issue(
        actor=user_of("officer"), approver=user_of("chair"), meeting=meeting, **kwargs
    )


def test_it_publishes_a_change_that_landed_while_the_document_was_rendered(
    meeting, user_of, monkeypatch
):
    _landing(monkeypatch, "_render", lambda n: _change_item(meeting, f"Words {n}"), times=1)

    record = _issue(meeting, user_of, kind="headlines")

    text = _markdown(record)
    assert "Words 1" in text and "Words 0" not in text
    assert PublicationVersion.objects.filter(meeting=meeting, kind="headlines").count() == 1
    assert verify_record(record) == []
    _chains_hold(meeting.reference)


def test_it_refuses_to_publish_a_record_that_keeps_changing_while_it_is_rendered(
    meeting, user_of, monkeypatch
):
    _landing(monkeypatch, "_render", lambda n: _change_item(meeting, f"Words {n}"), times=2)
    events = AuditEvent.objects.count()

    with pytest.raises(ServiceError) as refused:
        _issue(meeting, user_of, kind="headlines")

    assert refused.value.messages == [
        f"{meeting.reference} changed while its Meeting Headlines were being published: "
        "publish again."
    ]
    # Nothing of the attempt stays: no draft, no ledger row, only the two item changes audited.
    assert not PublicationVersion.objects.filter(meeting=meeting).exists()
    assert not PublicationRecord.objects.filter(meeting=meeting).exists()
    assert AuditEvent.objects.count() == events + 2
    _chains_hold(meeting.reference)


def test_it_sees_a_change_to_the_meeting_row_itself(meeting, user_of, monkeypatch):
    def move(n):
        fresh = Meeting.objects.get(pk=meeting.pk)
        meeting_update(actor=TESTS, meeting=fresh, version=fresh.version, location=f"Room {n}")

    _landing(monkeypatch, "_render", move, times=1)

    record = _issue(meeting, user_of, kind="headlines")

    # The caller's copy of the meeting is older than the row; what is published is the row.
    assert "Room 1" in _markdown(record)


def test_it_refuses_to_approve_a_version_whose_record_keeps_changing(meeting, user_of, monkeypatch):
    version = services.version_draft(actor=user_of("officer"), meeting=meeting, kind="headlines")
    # `_approval` runs twice an attempt (before, and again inside the transaction): the change
    # lands after each attempt's first build.
    _landing(
        monkeypatch, "_approval", lambda n: _change_item(meeting, f"Words {n}"), times=2, every=2
    )

    with pytest.raises(ServiceError) as refused:
        services.version_approve(actor=user_of("chair"), version=version)

    assert "changed while its Meeting Headlines were being approved: approve again" in str(
        refused.value.messages
    )
    version.refresh_from_db()
    assert version.status == PublicationVersion.Status.DRAFT and version.snapshot is None


def test_it_approves_and_publishes_a_pending_version_with_the_change_that_landed(
    meeting, user_of, monkeypatch
):
    version = services.version_draft(actor=user_of("officer"), meeting=meeting, kind="headlines")
    _landing(monkeypatch, "_render", lambda n: _change_item(meeting, f"Words {n}"), times=1)

    record = services.version_issue(
        actor=user_of("officer"), approver=user_of("chair"), version=version
    )

    assert record.version_id == version.pk
    assert "Words 1" in _markdown(record)
    _chains_hold(meeting.reference)


def test_it_renders_a_report_part_published_from_its_page_outside_any_transaction(
    client_as, monkeypatch
):
    """The Panel report's one-step publish button opens no transaction around the rendering:
    the services' short write transaction and their check are the only ones."""
    from django.db import connection

    depths: list[int] = []
    original = services._render

    def render(*args, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_render", render)
    outside = len(connection.atomic_blocks)  # the test's own transaction
    response = client_as("officer").post(
        "/reports/panel/2019-06/publish", {"part": "report", "reason": "Counts."}
    )

    assert response.status_code in (200, 302, 400)
    assert depths and set(depths) == {outside}
