"""The publication ledger is append-only: no service, no ORM call and no admin page changes or
removes a row once written."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from django.test import Client

from secretariat.core.models import AppendOnlyError
from secretariat.core.services import ServiceError
from secretariat.core.testing import sign_in
from secretariat.publishing import services
from secretariat.publishing.models import PublicationRecord, PublicationVersion


@pytest.fixture
def record(db) -> PublicationRecord:
    return PublicationRecord.objects.get(meeting__reference="SSC_72_2702", kind="headlines")


def _row(record) -> dict:
    fresh = PublicationRecord.objects.get(pk=record.pk)
    return model_to_dict(fresh)


def test_it_refuses_changes_and_deletion_through_the_orm(record):
    before = _row(record)
    record.content_hash = "0" * 64
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        PublicationRecord.objects.filter(pk=record.pk).update(content_hash="0" * 64)
    with pytest.raises(AppendOnlyError):
        PublicationRecord.objects.filter(pk=record.pk).delete()
    assert _row(record) == before


def test_it_refuses_to_publish_or_approve_a_published_version_again(record, user_of):
    before = _row(record)
    version = record.version
    with pytest.raises(ServiceError, match="only an approved version"):
        services.version_publish(actor=user_of("officer"), version=version)
    with pytest.raises(ServiceError, match="correct it with a new version"):
        services.version_approve(actor=user_of("officer"), version=version)
    assert _row(record) == before


def test_it_leaves_earlier_rows_alone_when_a_correction_is_published(record, user_of):
    before = _row(record)
    services.publication_issue(
        actor=user_of("officer"),
        meeting=record.meeting,
        kind="headlines",
        reason="Typographical correction.",
    )
    assert _row(record) == before
    assert list(
        PublicationRecord.objects.filter(meeting=record.meeting, kind="headlines")
        .order_by("number")
        .values_list("number", "reason")
    ) == [(1, ""), (2, "Typographical correction.")]


def test_it_offers_no_service_that_edits_the_ledger():
    writers = {name for name in dir(services) if name.startswith(("version_", "publication_"))}
    assert writers == {
        "version_draft",
        "version_approve",
        "version_publish",
        "version_issue",
        "publication_issue",
    }


@pytest.fixture
def admin_client(db) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@demo.invalid", "x")
    client = Client()
    sign_in(client, user)
    return client


def test_it_shows_the_ledger_in_the_admin_read_only(record, admin_client):
    base = "/back-office/publishing/publicationrecord/"
    assert admin_client.get(base).status_code == 200
    page = admin_client.get(f"{base}{record.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.get(f"{base}add/").status_code == 403
    assert admin_client.get(f"{base}{record.pk}/delete/").status_code == 403
    before = _row(record)
    response = admin_client.post(f"{base}{record.pk}/change/", {"content_hash": "0" * 64})
    assert response.status_code == 403
    response = admin_client.post(
        base, {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"}
    )
    assert _row(record) == before
    assert PublicationRecord.objects.filter(pk=record.pk).exists()


def test_it_drafts_approves_and_publishes_from_the_admin_through_the_services(
    admin_client, user_of, back_office_officer
):
    from django.contrib.auth.models import Permission

    from secretariat.meetings.models import Meeting

    meeting = Meeting.objects.get(reference="SSC_71_1302")
    base = "/back-office/publishing/publicationversion/"
    # A superuser who is no officer of the SSC: the service refuses, beside the form.
    response = admin_client.post(
        f"{base}add/", {"meeting": meeting.pk, "kind": "headlines", "reason": ""}
    )
    assert b"Only the chair of the SSC or a secretariat officer" in response.content
    assert not PublicationVersion.objects.filter(meeting=meeting).exists()

    user = user_of("officer")
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="publishing"))
    officer = Client()
    sign_in(officer, user)
    response = officer.post(f"{base}add/", {"meeting": meeting.pk, "kind": "headlines"})
    assert response.status_code == 302
    version = PublicationVersion.objects.get(meeting=meeting, kind="headlines")
    for action in ("approve", "publish"):
        officer.post(base, {"action": action, "_selected_action": [version.pk]})
    version.refresh_from_db()
    assert version.status == PublicationVersion.Status.PUBLISHED
    assert PublicationRecord.objects.get(version=version).published_by == user
