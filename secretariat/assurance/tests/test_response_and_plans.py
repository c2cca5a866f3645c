"""Late responses and overdue remediation plans are flagged, on the record and on the pages."""

from __future__ import annotations

import datetime as dt

from secretariat.assurance.models import RemediationPlan
from secretariat.assurance.services import (
    assessment_update,
    noncompliance_add,
    plan_add,
    plan_update,
)
from secretariat.core.testing import TESTS

D = dt.date


def test_it_flags_a_response_that_arrived_after_the_sscs_deadline(client_as, demo_assessment):
    assessment = demo_assessment("SSAA-19")
    assessment_update(
        actor=TESTS,
        assessment=assessment,
        response_deadline=D(2019, 2, 20),
        response_received=D(2019, 2, 21),
    )
    assert assessment.response_is_late()
    page = client_as("party").get(f"/assurance/assessments/{assessment.pk}/").content.decode()
    assert "Late: after the SSC's deadline" in page
    register = client_as("party").get("/assurance/").content.decode()
    assert "Response late" in register


def test_it_does_not_flag_a_response_on_the_deadline(client_as, demo_assessment):
    assessment = demo_assessment("SSAA-19")
    assessment_update(
        actor=TESTS,
        assessment=assessment,
        response_deadline=D(2019, 2, 20),
        response_received=D(2019, 2, 20),
    )
    assert not assessment.response_is_late()
    page = client_as("party").get(f"/assurance/assessments/{assessment.pk}/").content.decode()
    assert "Late: after" not in page


def test_it_flags_a_missing_response_once_the_deadline_has_passed(demo_assessment):
    assessment = demo_assessment("SSAA-19")
    assessment_update(
        actor=TESTS, assessment=assessment, response_deadline=D(2019, 2, 20), response_received=None
    )
    assert not assessment.response_is_late(today=D(2019, 2, 20))
    assert assessment.response_is_late(today=D(2019, 2, 21))


def test_it_shows_a_plan_past_its_due_date_as_overdue(client_as, demo_assessment):
    assessment = demo_assessment("SSAA-19")
    finding = noncompliance_add(
        actor=TESTS,
        assessment=assessment,
        obligation="G4.2",
        description="Access reviews not carried out quarterly.",
        severity="low",
    )
    plan = plan_add(
        actor=TESTS,
        non_compliance=finding,
        description="Run quarterly access reviews.",
        start_on=D(2019, 3, 1),
        due_on=D(2019, 6, 28),
        state="in_progress",
    )
    assert not plan.is_overdue(today=D(2019, 6, 28))
    assert plan.is_overdue(today=D(2019, 6, 29))
    client = client_as("party")
    page = client.get(f"/assurance/assessments/{assessment.pk}/").content.decode()
    assert "Overdue" in page
    assert "Remediation overdue" in client.get("/assurance/").content.decode()

    plan_update(actor=TESTS, plan=plan, state="complete", completed_on=D(2019, 7, 2))
    assert not RemediationPlan.objects.get(pk=plan.pk).is_overdue(today=D(2030, 1, 1))
    page = client.get(f"/assurance/assessments/{assessment.pk}/").content.decode()
    assert "Overdue" not in page
