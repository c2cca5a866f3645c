"""The back office writes only through the register's services."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from secretariat.assurance.models import Assessment
from secretariat.audit.models import AuditEvent
from secretariat.directory.models import Organisation

MODELS = [
    "partyrole",
    "portfoliosnapshot",
    "assessment",
    "agendalink",
    "statusdecision",
    "noncompliance",
    "remediationplan",
    "directorsletter",
    "usersystemnotification",
    "status",
    "statusname",
    "assessmentregime",
    "cyclerule",
]


@pytest.fixture
def officer_client(client_as, user_of):
    user_of("officer").user_permissions.add(
        *Permission.objects.filter(content_type__app_label="assurance")
    )
    return client_as("officer")


@pytest.mark.parametrize("model", MODELS)
def test_it_lists_each_register_model_in_the_back_office(
    officer_client, model, back_office_officer
):
    assert officer_client.get(f"/back-office/assurance/{model}/").status_code == 200
    assert officer_client.get(f"/back-office/assurance/{model}/add/").status_code == 200


def test_it_adds_an_assessment_through_the_service(officer_client, back_office_officer):
    party = Organisation.objects.get(category="small_supplier", pseudonym="AA")
    response = officer_client.post(
        "/back-office/assurance/assessment/add/",
        {
            "organisation": party.pk,
            "kind": "ssa",
            "cycle_year": 3,
            "planned_start": "2020-01-13",
            "planned_end": "2020-01-13",
            "outcome": "",
            "label": 3,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Assessment.objects.get(organisation=party, kind="ssa")
    assert AuditEvent.objects.filter(
        verb="assurance.assessment.create", object_id=str(created.pk)
    ).exists()


def test_it_shows_a_service_refusal_on_the_form(officer_client, back_office_officer):
    party = Organisation.objects.get(category="small_supplier", pseudonym="AA")
    before = Assessment.objects.count()
    response = officer_client.post(
        "/back-office/assurance/assessment/add/",
        {"organisation": party.pk, "kind": "vusa", "cycle_year": 1, "label": 3},
    )
    assert response.status_code == 200
    assert "Year 1 of a cycle is a Full User Security Assessment" in response.content.decode()
    assert Assessment.objects.count() == before
