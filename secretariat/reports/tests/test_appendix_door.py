"""Appendix A is behind its door: its named distribution, fixed when it was issued (the Panel's
members and alternates then, and the officers compiling it) reads it; everyone else, including a
secretariat officer who compiled nothing, gets 404 as for an address that does not exist. Party
names follow `party_name` for each reader."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.core.testing import TESTS
from secretariat.directory.access import party_name
from secretariat.directory.models import Body, Organisation, Person, Role
from secretariat.directory.services import membership_create, person_create
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for
from secretariat.meetings.services import attendance_record

URLS = [f"/reports/panel/2019-06/appendix-a{suffix}" for suffix in ("", ".md", ".pdf", ".docx")]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "persona", ["absent", "party", "anonymous", "outsider", "chair", "present"]
)
def test_it_answers_404_to_those_not_cleared(client_as, persona, url):
    assert client_as(persona).get(url).status_code == 404


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("persona", ["officer", "panel"])
def test_it_opens_for_the_officer_and_the_panel_member_present(client_as, persona, url):
    response = client_as(persona).get(url)
    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    )


def test_it_stays_open_to_a_panel_member_who_then_sent_apologies(client_as):
    # The paper went out before the meeting: its distribution does not follow attendance.
    attendance_record(
        actor=TESTS,
        meeting=Meeting.objects.get(reference="PANEL_70_1406"),
        person=Person.objects.get(user__username="panel"),
        status="apologies",
    )
    for url in URLS:
        assert client_as("panel").get(url).status_code == 200, url


def test_it_stays_closed_to_a_secretariat_officer_who_compiled_nothing(client_as):
    second = person_create(actor=TESTS, full_name="Sam Second", username="second-officer-x")
    panel = Body.objects.get(code="PANEL")
    membership_create(
        actor=TESTS,
        person=second,
        body=panel,
        role=Role.SECRETARIAT,
        term_start=dt.date(2018, 1, 1),
    )
    # Recorded at the Panel meeting, even: a secretariat role alone puts nobody on the list.
    attendance_record(
        actor=TESTS,
        meeting=Meeting.objects.get(reference="PANEL_70_1406"),
        person=second,
        status="present",
        capacity="secretariat",
    )
    for url in URLS:
        assert client_as("second-officer-x").get(url).status_code == 404, url


@pytest.mark.parametrize("persona", ["officer", "panel"])
def test_it_names_each_party_as_party_name_does_for_the_reader(client_as, user_of, persona):
    quayside = Organisation.objects.get(name="Quayside Metering Ltd")
    expected = party_name(reader_for(user_of(persona)), quayside)
    # The published appendix is for a group: nobody in it is cleared for the name.
    appendix = client_as(persona).get(URLS[1]).content.decode()
    assert quayside.public_name in appendix and quayside.name not in appendix
    if persona == "officer":
        page = client_as(persona).get("/reports/panel/2019-06/compile").content.decode()
        assert expected == quayside.name and expected in page
    else:
        assert expected == quayside.public_name
