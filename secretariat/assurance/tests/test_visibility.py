"""Register records are RED: the secretariat, those present at an SSC meeting that considered the
record, and the party's own users may read them; anyone else gets 404."""

from __future__ import annotations

import pytest

from secretariat.assurance.models import AgendaLink, Assessment
from secretariat.directory.models import Organisation
from secretariat.labels.models import Label

SSC72 = "SSC_72_2702"


def _ssc72_assessments():
    return list(
        Assessment.objects.filter(
            agenda_links__item__meeting__reference=SSC72, label=Label.RED
        ).select_related("organisation")
    )


def _listed(client) -> list[Assessment]:
    response = client.get("/assurance/")
    assert response.status_code == 200
    return [row["record"] for row in response.context["rows"]]


def test_it_shows_the_party_its_own_assessments_and_no_other_partys(client_as, demo_assessment):
    own = Organisation.objects.get(category="small_supplier", pseudonym="AA")
    listed = _listed(client_as("party"))
    assert {a.organisation_id for a in listed} == {own.pk}
    assert set(listed) == set(Assessment.objects.filter(organisation=own))
    client = client_as("party")
    assert client.get(f"/assurance/assessments/{demo_assessment('SSAA-19').pk}/").status_code == 200
    for other in Assessment.objects.exclude(organisation=own):
        assert client.get(f"/assurance/assessments/{other.pk}/").status_code == 404


def test_it_keeps_the_red_assessments_of_ssc_72_from_the_member_who_sent_apologies(client_as):
    """`absent` (of Small Supplier 'C', not assessed at SSC_72) sent apologies to SSC_72: it may
    see none of the assessments considered there."""
    considered = _ssc72_assessments()
    assert len(considered) == 5
    client = client_as("absent")
    listed = set(_listed(client))
    register = client.get("/assurance/").content.decode()
    for assessment in considered:
        assert assessment not in listed
        assert client.get(f"/assurance/assessments/{assessment.pk}/").status_code == 404
        assert assessment.reference not in register


def test_it_shows_the_red_assessments_of_ssc_72_to_the_member_recorded_present(client_as):
    considered = _ssc72_assessments()
    assert len(considered) == 5
    client = client_as("present")
    listed = set(_listed(client))
    for assessment in considered:
        assert assessment in listed
        response = client.get(f"/assurance/assessments/{assessment.pk}/")
        assert response.status_code == 200
        assert SSC72 in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_it_shows_nothing_to_those_of_no_party_and_no_meeting(client_as, persona):
    client = client_as(persona)
    for part in ("assessments", "letters", "notifications"):
        response = client.get(f"/assurance/?show={part}")
        assert response.context["rows"] == [] and response.context["total"] == 0
    for assessment in Assessment.objects.all():
        assert client.get(f"/assurance/assessments/{assessment.pk}/").status_code == 404


def test_it_lists_everything_for_the_secretariat(client_as):
    assert len(_listed(client_as("officer"))) == Assessment.objects.count()


def test_it_names_the_party_by_pseudonym_to_meeting_attendees_and_by_name_to_its_own(
    client_as, demo_assessment
):
    url = f"/assurance/assessments/{demo_assessment('SSAA-19').pk}/"
    present = client_as("present").get(url).content.decode()
    assert "Small Supplier &#x27;AA&#x27;" in present
    assert "Brightwater Supply Ltd" not in present
    assert "Brightwater Supply Ltd" in client_as("party").get(url).content.decode()
    assert "Brightwater Supply Ltd" in client_as("officer").get(url).content.decode()


def test_it_links_each_ssc_72_item_to_its_register_record(client_as):
    links = AgendaLink.objects.filter(item__meeting__reference=SSC72).select_related("item")
    assert sorted(link.item.number for link in links) == [3, 4, 5, 6, 7, 8, 9]
    client = client_as("officer")
    page = "".join(
        client.get(f"/assurance/?show={part}").content.decode()
        for part in ("assessments", "letters", "notifications")
    )
    for link in links:
        assert link.record.reference in page


def test_it_lists_ssc_72s_register_items_beside_their_records_for_the_officer(client_as):
    response = client_as("officer").get(f"/assurance/meetings/{SSC72}/")
    assert [row["link"].item.number for row in response.context["rows"]] == [3, 4, 5, 6, 7, 8, 9]
    page = response.content.decode()
    for row in response.context["rows"]:
        assert row["record"].reference in page


def test_it_lists_only_the_partys_own_item_of_ssc_72_for_the_party(client_as):
    response = client_as("party").get(f"/assurance/meetings/{SSC72}/")
    assert [row["link"].item.number for row in response.context["rows"]] == [4]
