"""A superuser reads through the door as the person they are; elevated for a stated reason and a
limited time they read everything, and each request is kept with the records it read."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from secretariat.audit.models import AuditEvent, ElevatedRead, Elevation
from secretariat.meetings.models import AgendaItem

SSC_72 = "/meetings/SSC_72_2702/"
RED_TEXT = "Demo confidential record of Full User Security Assessment"


def _text(response) -> str:
    return response.content.decode()


def test_it_shows_a_superuser_only_what_their_own_standing_admits(client_as):
    response = client_as("breakglass").get(SSC_72)
    assert response.status_code == 200
    assert RED_TEXT not in _text(response)
    assert not ElevatedRead.objects.exists()


def test_it_opens_everything_to_an_elevated_superuser_and_records_each_read(client_as):
    client = client_as("breakglass")
    reason = "Auditor's request 2026-14: confirm what SSC_72 recorded."
    response = client.post("/break-glass/", {"reason": reason, "minutes": "20"})
    assert response.status_code == 302
    elevation = Elevation.objects.get()
    assert elevation.reason == reason
    assert AuditEvent.objects.filter(verb="elevation.start", object_id=str(elevation.pk)).exists()

    page = client.get(SSC_72)
    assert RED_TEXT in _text(page)
    read = ElevatedRead.objects.get(path=SSC_72)
    assert read.elevation_id == elevation.pk and read.status == 200
    red_item = AgendaItem.objects.get(restricted_text__contains=RED_TEXT)
    assert f"meetings.agendaitem:{red_item.pk}" in read.records
    assert read.record_count >= len(read.records) > 0

    assert client.post("/break-glass/", {"end": "1"}).status_code == 302
    assert RED_TEXT not in _text(client.get(SSC_72))
    assert ElevatedRead.objects.filter(path=SSC_72).count() == 1
    assert AuditEvent.objects.filter(verb="elevation.end").exists()


def test_it_ends_the_elevation_when_its_time_is_up(client_as):
    client = client_as("breakglass")
    client.post("/break-glass/", {"reason": "Incident 42: check the ledger.", "minutes": "5"})
    assert RED_TEXT in _text(client.get(SSC_72))
    later = Elevation.objects.get().ends_at + dt.timedelta(seconds=1)
    with mock.patch("secretariat.core.clock.now", return_value=later):
        assert RED_TEXT not in _text(client.get(SSC_72))


def test_it_refuses_an_elevation_without_a_reason_or_beyond_the_limit(client_as):
    client = client_as("breakglass")
    short = client.post("/break-glass/", {"reason": "because", "minutes": "30"})
    assert short.status_code == 400 and "reason" in _text(short)
    long = client.post("/break-glass/", {"reason": "A long enough reason.", "minutes": "600"})
    assert long.status_code == 400 and "minutes" in _text(long)
    odd = client.post("/break-glass/", {"reason": "A long enough reason.", "minutes": "soon"})
    assert odd.status_code == 400 and "whole number" in _text(odd)
    assert not Elevation.objects.exists()


def test_it_keeps_the_page_from_everyone_but_superusers(client_as):
    for persona in ("officer", "outsider", "anonymous"):
        assert client_as(persona).get("/break-glass/").status_code == 404


def test_it_makes_the_demo_officer_staff_but_no_superuser(user_of):
    officer = user_of("officer")
    assert officer.is_staff and not officer.is_superuser
    assert officer.has_perm("meetings.change_agendaitem")
    assert not officer.has_perm("meetings.delete_agendaitem")
    assert user_of("breakglass").is_superuser
