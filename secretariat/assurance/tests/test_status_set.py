"""A status is set only by an outcome of an SSC meeting item linked to the assessment, and only
of the kind the assessment takes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from secretariat.assurance.models import StatusDecision
from secretariat.assurance.services import agenda_place, status_set
from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.meetings.services import item_add, outcome_record

D = dt.date


def _outcome(meeting, item, text="the status"):
    return outcome_record(actor=TESTS, meeting=meeting, item=item, verb="AGREED", text=text)


def _refused(**kwargs) -> dict:
    before = (StatusDecision.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as error:
        status_set(actor=TESTS, **kwargs)
    assert (StatusDecision.objects.count(), AuditEvent.objects.count()) == before
    return error.value.message_dict


def test_it_sets_a_status_from_a_linked_ssc_outcome_effective_from_the_meeting(
    make_meeting, demo_assessment
):
    assessment = demo_assessment("SSAH-19")
    meeting = make_meeting(D(2019, 7, 10))
    item = agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    decision = status_set(
        actor=TESTS,
        assessment=assessment,
        outcome=_outcome(meeting, item),
        status="Non-compliant",
    )
    assert decision.effective_from == D(2019, 7, 10)
    assert decision.name == "Non-compliant"
    assert list(assessment.status_decisions.order_by("effective_from"))[-1] == decision
    assert AuditEvent.objects.filter(verb="assurance.status.set", object_id=str(assessment.pk))


def test_it_refuses_an_outcome_of_an_item_that_does_not_consider_the_assessment(
    make_meeting, demo_assessment
):
    assessment = demo_assessment("SSAH-19")
    meeting = make_meeting(D(2019, 7, 10))
    item = item_add(actor=TESTS, meeting=meeting, title="Anomaly Detection Update")
    errors = _refused(assessment=assessment, outcome=_outcome(meeting, item), status="Compliant")
    assert "does not consider VUSA – Small Supplier 'AH'" in errors["outcome"][0]


def test_it_refuses_an_outcome_of_an_item_that_considers_another_assessment(
    demo_assessment,
):
    # SSC_72 item 4 considers Small Supplier 'AA''s VUSA, not 'AE''s.
    item = AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=4, parent=None)
    outcome = item.outcomes.get()
    errors = _refused(assessment=demo_assessment("SSAE-19"), outcome=outcome, status="Compliant")
    assert "SSC_72_2702 item 4" in errors["outcome"][0]


def test_it_refuses_an_outcome_of_a_meeting_of_another_body(make_meeting, demo_assessment):
    meeting = make_meeting(D(2019, 7, 9), code="OPSG")
    item = item_add(
        actor=TESTS,
        meeting=meeting,
        title="Verification User Security Assessment – Small Supplier 'AH'",
    )
    errors = _refused(
        assessment=demo_assessment("SSAH-19"), outcome=_outcome(meeting, item), status="Compliant"
    )
    assert errors["outcome"] == [
        f"{meeting.reference} is a meeting of the OPSG; the register is considered only at SSC "
        "meetings."
    ]


def test_it_refuses_an_assurance_status_after_a_vusa_with_a_clear_message(
    make_meeting, demo_assessment
):
    assessment = demo_assessment("SSAH-19")
    meeting = make_meeting(D(2019, 7, 10))
    item = agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    errors = _refused(assessment=assessment, outcome=_outcome(meeting, item), status="Approved")
    assert errors == {
        "status": [
            "VUSA – Small Supplier 'AH' takes a Compliance Status, but 'Approved' is an Assurance "
            "Status, which the SSC sets only after a Full User Security Assessment."
        ]
    }


def test_it_refuses_a_compliance_status_after_a_fusa_with_a_clear_message(
    make_meeting, demo_assessment
):
    assessment = demo_assessment("LSA-18")
    meeting = make_meeting(D(2019, 7, 10))
    item = agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    errors = _refused(assessment=assessment, outcome=_outcome(meeting, item), status="Compliant")
    assert errors == {
        "status": [
            "FUSA – Large Supplier 'A' takes an Assurance Status, but 'Compliant' is a "
            "Compliance Status, which the SSC sets only after a VUSA or SSA."
        ]
    }


def test_it_refuses_a_name_that_is_no_status_and_lists_those_in_use(make_meeting, demo_assessment):
    assessment = demo_assessment("LSA-18")
    meeting = make_meeting(D(2019, 7, 10))
    item = agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    errors = _refused(assessment=assessment, outcome=_outcome(meeting, item), status="Splendid")
    assert errors == {
        "status": [
            "'Splendid' is not an Assurance Status on 10 July 2019: use one of Approved, "
            "Approved subject to, Provisionally Approved, Deferred."
        ]
    }


def test_it_refuses_to_set_two_statuses_by_one_outcome(demo_assessment):
    item = AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=4, parent=None)
    errors = _refused(
        assessment=demo_assessment("SSAA-19"), outcome=item.outcomes.get(), status="Compliant"
    )
    assert errors == {"outcome": ["That outcome has already set a status."]}


def test_it_offers_no_way_to_set_a_status_in_the_back_office_without_a_linked_outcome(
    client_as, user_of, demo_assessment, back_office_officer
):
    """The admin form runs the service: an outcome of an unrelated item is refused on the form
    and nothing is written."""
    user_of("officer").user_permissions.add(Permission.objects.get(codename="add_statusdecision"))
    meeting = Meeting.objects.get(reference="SSC_72_2702")
    unrelated = AgendaItem.objects.get(meeting=meeting, number=10, parent=None).outcomes.get()
    assessment = demo_assessment("SSAH-19")
    before = StatusDecision.objects.count()
    response = client_as("officer").post(
        "/back-office/assurance/statusdecision/add/",
        {"assessment": assessment.pk, "outcome": unrelated.pk, "status": 1},
    )
    assert response.status_code == 200
    assert "does not consider VUSA – Small Supplier" in response.content.decode()
    assert StatusDecision.objects.count() == before
