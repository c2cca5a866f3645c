import pytest

from secretariat.audit.models import AuditEvent
from secretariat.core.models import AppendOnlyError


def test_it_refuses_to_change_or_delete_audit_events(db):
    event = AuditEvent.objects.first()
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_it_offers_no_way_to_change_audit_events_in_the_back_office(client_as, back_office_officer):
    client = client_as("officer")
    event = AuditEvent.objects.first()
    assert client.get("/back-office/audit/auditevent/").status_code == 200
    response = client.post(f"/back-office/audit/auditevent/{event.pk}/change/", {"summary": "x"})
    assert response.status_code == 403
    assert (
        client.post(
            f"/back-office/audit/auditevent/{event.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    event.refresh_from_db()
    assert event.summary != "x"
