"""Versioned outputs: a ledger row records the snapshot shape and the output version of each
hashed format it was made with, and is checked and served with those, so a later change of a
renderer's output never breaks an earlier publication. Also: one JSON shape, one HTML path, and
publishing that meets a version changed under it."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from django.core.management import call_command

from secretariat.core.services import ServiceError
from secretariat.documents import snapshot
from secretariat.documents.labelled import project
from secretariat.documents.renderers import FORMATS, markdown, render
from secretariat.documents.renderers.html import render_body
from secretariat.publishing import services, verification
from secretariat.publishing.models import PublicationRecord
from secretariat.publishing.record import meeting_record

REFERENCE = "SSC_72_2702"


@pytest.fixture
def record(db) -> PublicationRecord:
    return PublicationRecord.objects.get(meeting__reference=REFERENCE, kind="headlines")


@pytest.fixture
def second_markdown_layout(monkeypatch):
    """What a helper does to change a format's output: list the next version and keep the old
    code path behind the version argument."""
    first = markdown.render_markdown

    def changed(projected, *, version=1):
        text = first(projected, version=min(version, 2))
        return text + "\nA line the next layout adds.\n" if version >= 3 else text

    monkeypatch.setattr(markdown, "render_markdown", changed)
    monkeypatch.setitem(FORMATS, "md", dataclasses.replace(FORMATS["md"], versions=(1, 2, 3)))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_it_records_what_each_row_was_made_with(record):
    assert record.snapshot_format == snapshot.FORMAT == record.snapshot["format"]
    assert record.renderers == {"docx": 3, "md": 2, "pdf": 3}


def test_it_still_verifies_an_old_row_after_a_renderer_changes_its_output(
    record, officer, client_as, second_markdown_layout, capsys
):
    old_projected = snapshot.load(record.snapshot)
    # The new layout really changes the bytes: without its recorded version the old row fails.
    assert _sha(render(old_projected, "md")) != record.hashes["md"]

    correction = services.publication_issue(
        actor=officer, meeting=record.meeting, kind="headlines", reason="A new layout."
    )
    assert correction.renderers == {"docx": 3, "md": 3, "pdf": 3}
    assert verification.verify_record(record) == []
    assert verification.verify_record(correction) == []
    call_command("verify_publications", reference=REFERENCE)
    assert "match the ledger" in capsys.readouterr().out

    # Each published version is served in the output version its row hashed.
    anonymous = client_as("anonymous")
    first = anonymous.get(f"/meetings/{REFERENCE}/headlines.md?version=1").content
    second = anonymous.get(f"/meetings/{REFERENCE}/headlines.md?version=2").content
    assert _sha(first) == record.hashes["md"]
    assert _sha(second) == correction.hashes["md"]
    assert b"A line the next layout adds." in second


def test_it_says_which_output_version_a_row_needs_when_it_is_no_longer_kept(record):
    unkept = PublicationRecord(
        **{
            field.attname: getattr(record, field.attname)
            for field in PublicationRecord._meta.concrete_fields
            if field.attname != "id"
        }
    )
    unkept.renderers = {**record.renderers, "md": 7}
    assert verification.verify_record(unkept) == [
        "md output version 7 is not kept: this renderer knows versions 1, 2."
    ]
    unkept.renderers = {"md": 1}
    assert verification.verify_record(unkept) == ["it records no output version for docx, pdf"]
    unkept.renderers = record.renderers
    unkept.snapshot_format = 2
    assert "the ledger 2" in verification.verify_record(unkept)[0]


def test_it_reads_every_snapshot_format_it_has_written(record):
    assert snapshot.load(record.snapshot) == snapshot.load(
        snapshot.dump(snapshot.load(record.snapshot))
    )
    with pytest.raises(ValueError, match="format 99"):
        snapshot.load({**record.snapshot, "format": 99})


def test_it_answers_the_api_in_the_snapshot_shape(client_as, user_of):
    from secretariat.meetings.models import Meeting
    from secretariat.meetings.readers import reader_for

    meeting = Meeting.objects.get(reference=REFERENCE)
    data = client_as("present").get(f"/api/meetings/{REFERENCE}").json()
    expected = snapshot.dump(
        project(meeting_record(meeting), reader_for(user_of("present")), audience="reader")
    )
    assert data == expected
    # The shape loads back into the same document: one shape, both ways.
    assert snapshot.dump(snapshot.load(data)) == expected


def test_it_renders_the_meeting_page_with_the_document_renderer(client_as, user_of):
    from secretariat.meetings.models import Meeting
    from secretariat.meetings.readers import reader_for

    meeting = Meeting.objects.get(reference=REFERENCE)
    for persona in ("present", "chair"):
        reader = reader_for(user_of(persona))
        page = client_as(persona).get(f"/meetings/{REFERENCE}/").content.decode()
        from types import SimpleNamespace

        from secretariat.publishing.views import _record_links

        extras = _record_links(SimpleNamespace(reader=reader), meeting)
        body = render_body(
            project(meeting_record(meeting), reader, audience="reader"), extras=extras
        )
        assert body in page
        assert '<section class="item" id="attendance">' in body


def test_it_refuses_clearly_when_another_publisher_came_first(record, officer, monkeypatch):
    """What two publishers of one version meet on PostgreSQL, where the second waits on the
    version's row lock: here the other publisher runs while this one renders."""
    version = services.version_draft(
        actor=officer, meeting=record.meeting, kind="headlines", reason="Second thoughts."
    )
    version = services.version_approve(actor=officer, version=version)
    render_first = services._render
    raced = []

    def render_while_another_publishes(seen, kind, when=None):
        rendered = render_first(seen, kind, when)
        if not raced:
            raced.append(seen)  # before the other publisher, whose own render comes here too
            services.version_publish(actor=officer, version=seen)
        return rendered

    monkeypatch.setattr(services, "_render", render_while_another_publishes)
    with pytest.raises(ServiceError, match="is already published"):
        services.version_publish(actor=officer, version=version)
    assert PublicationRecord.objects.filter(version=version).count() == 1


def test_it_makes_the_document_again_when_the_version_changed_while_it_rendered(
    record, officer, monkeypatch
):
    version = services.version_draft(
        actor=officer, meeting=record.meeting, kind="headlines", reason="Second thoughts."
    )
    version = services.version_approve(actor=officer, version=version)
    render_first = services._render
    calls = []

    def render_while_approved_again(seen, kind, when=None):
        calls.append(seen.approved_at)
        rendered = render_first(seen, kind, when)
        if len(calls) == 1:
            services.version_approve(actor=officer, version=seen)
        return rendered

    monkeypatch.setattr(services, "_render", render_while_approved_again)
    published = services.version_publish(actor=officer, version=version)
    assert len(calls) == 2 and calls[0] != calls[1]
    # What was published is the document as approved the second time.
    version.refresh_from_db()
    assert published.snapshot["sections"] == version.snapshot["sections"]
    assert verification.verify_record(published) == []
