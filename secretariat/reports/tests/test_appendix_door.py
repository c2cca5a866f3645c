"""Appendix A is behind its door: the secretariat and the Panel members recorded present at the
Panel meeting read it; everyone else, including a Panel member who sent apologies, gets 404 as
for an address that does not exist. Party names follow `party_name` for each reader."""

from __future__ import annotations

import pytest

from secretariat.core.testing import TESTS
from secretariat.directory.access import party_name
from secretariat.directory.models import Organisation, Person
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


def test_it_closes_to_a_panel_member_recorded_absent(client_as):
    attendance_record(
        actor=TESTS,
        meeting=Meeting.objects.get(reference="PANEL_70_1406"),
        person=Person.objects.get(user__username="panel"),
        status="apologies",
    )
    for url in URLS:
        assert client_as("panel").get(url).status_code == 404, url
    assert client_as("panel").get("/reports/panel/2019-06/").status_code == 200


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
