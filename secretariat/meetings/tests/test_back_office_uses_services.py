"""The admin back office writes through the services: their refusals show on the form."""

from __future__ import annotations

from secretariat.audit.models import AuditEvent
from secretariat.core.testing import sign_in
from secretariat.directory.models import Body
from secretariat.meetings.models import Meeting


def _form(body, number, date="2020-05-06"):
    return {
        "body": body.pk,
        "number": number,
        "date": date,
        "start_time": "",
        "end_time": "",
        "location": "",
        "status": "planned",
        "label": "0",
        "next_meeting_date": "",
    }


def test_it_shows_a_service_refusal_on_the_form_and_writes_nothing(client_as, back_office_officer):
    ssc = Body.objects.get(code="SSC")
    before = (Meeting.objects.count(), AuditEvent.objects.count())
    response = client_as("officer").post("/back-office/meetings/meeting/add/", _form(ssc, 72))
    assert response.status_code == 200
    assert "SSC already has a meeting number 72" in response.content.decode()
    assert (Meeting.objects.count(), AuditEvent.objects.count()) == before


def test_it_creates_through_the_service_with_its_audit_event(client_as, back_office_officer):
    ssc = Body.objects.get(code="SSC")
    response = client_as("officer").post("/back-office/meetings/meeting/add/", _form(ssc, 120))
    assert response.status_code == 302
    meeting = Meeting.objects.get(body=ssc, number=120)
    assert meeting.reference == "SSC_120_0605"
    assert AuditEvent.objects.filter(verb="meeting.create", object_id=str(meeting.pk)).exists()


def test_it_keeps_the_back_office_from_everyone_but_superusers(client_as):
    # Break-glass: the officers do their work in the workspace; others are told nothing is there.
    for persona in ("present", "officer"):
        assert client_as(persona).get("/back-office/meetings/meeting/").status_code == 404


def test_it_hides_red_items_from_an_officer_who_did_not_minute_the_meeting(
    client_as, officer, back_office_officer, another_officer
):
    from django.test import Client

    from secretariat.meetings.models import AgendaItem

    other = another_officer(is_staff=True, is_superuser=True)
    red = AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=3, parent=None)
    client = Client()
    sign_in(client, other.user)
    assert client.get(f"/back-office/meetings/agendaitem/{red.pk}/change/").status_code == 302
    listing = client.get("/back-office/meetings/agendaitem/?q=SSC_72_2702").content.decode()
    assert "Full User Security Assessment" not in listing
    assert (
        client_as("officer").get(f"/back-office/meetings/agendaitem/{red.pk}/change/").status_code
        == 200
    )
