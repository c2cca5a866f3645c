"""Bad input to the register's services gets a message naming the field and what is wrong, and
writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from secretariat.assurance import services
from secretariat.assurance.models import NonCompliance, UserSystemNotification
from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.models import Organisation
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem

D = dt.date


def _party(category="small_supplier", pseudonym="AA"):
    return Organisation.objects.get(category=category, pseudonym=pseudonym)


def _cio():
    return Organisation.objects.get(category="other")


def _snapshot() -> dict[str, int]:
    models = [*apps.get_app_config("assurance").get_models(), AuditEvent]
    return {model.__name__: model.objects.count() for model in models}


CASES = [
    (
        "unknown assessment type",
        lambda get: services.assessment_create(actor=TESTS, organisation=_party(), kind="audit"),
        "kind",
        "'audit' is not an assessment type",
    ),
    (
        "a VUSA in year 1",
        lambda get: services.assessment_create(
            actor=TESTS, organisation=_party(), kind="vusa", cycle_year=1
        ),
        "cycle_year",
        "Year 1 of a cycle is a Full User Security Assessment",
    ),
    (
        "a firm that is no SEC Party",
        lambda get: services.assessment_create(actor=TESTS, organisation=_cio(), kind="fusa"),
        "organisation",
        "is not an SEC Party, so it cannot be a User",
    ),
    (
        "a party as User CIO",
        lambda get: services.assessment_create(
            actor=TESTS, organisation=_party(), kind="fusa", cio=_party("other_user", "I")
        ),
        "cio",
        "The User CIO is an independent firm",
    ),
    (
        "fieldwork ending before it starts",
        lambda get: services.assessment_create(
            actor=TESTS,
            organisation=_party(),
            kind="fusa",
            fieldwork_start=D(2019, 5, 10),
            fieldwork_end=D(2019, 5, 9),
        ),
        "fieldwork_end",
        "Fieldwork cannot end before it starts.",
    ),
    (
        "a follow-up of nothing",
        lambda get: services.assessment_create(
            actor=TESTS, organisation=_party(), kind="follow_up"
        ),
        "follows",
        "A follow-up follows an earlier assessment of Small Supplier 'AA'.",
    ),
    (
        "an obligation outside G3 to G6",
        lambda get: services.noncompliance_add(
            actor=TESTS,
            assessment=get("SSAA-19"),
            obligation="G8.1",
            description="x",
            severity="low",
        ),
        "obligation",
        "'G8.1' is not an obligation of Sections G3 to G6: write it like G5.14 or G3.2(a).",
    ),
    (
        "an unknown severity",
        lambda get: services.noncompliance_add(
            actor=TESTS,
            assessment=get("SSAA-19"),
            obligation="G5.1",
            description="x",
            severity="dire",
        ),
        "severity",
        "'dire' is not a severity: use low, medium, high.",
    ),
    (
        "a plan due before it starts",
        lambda get: services.plan_add(
            actor=TESTS,
            non_compliance=NonCompliance.objects.filter(assessment=get("SSAE-19")).first(),
            description="x",
            start_on=D(2019, 6, 1),
            due_on=D(2019, 5, 1),
        ),
        "due_on",
        "A plan cannot be due before it starts.",
    ),
    (
        "a complete plan without its date",
        lambda get: services.plan_update(
            actor=TESTS,
            plan=NonCompliance.objects.filter(assessment=get("SSAE-19")).first().plans.first(),
            state="complete",
        ),
        "completed_on",
        "A complete plan needs the day it was completed.",
    ),
    (
        "a negative count of premises",
        lambda get: services.portfolio_record(
            actor=TESTS, organisation=_party(), as_of=D(2021, 1, 1), domestic_premises=-5
        ),
        "domestic_premises",
        "-5 is not a count",
    ),
    (
        "two snapshots on one day",
        lambda get: services.portfolio_record(
            actor=TESTS, organisation=_party(), as_of=D(2019, 1, 1)
        ),
        "as_of",
        "Small Supplier 'AA' already has a portfolio snapshot on 2019-01-01.",
    ),
    (
        "an unknown User Role",
        lambda get: services.party_role_add(
            actor=TESTS, organisation=_party(), role="meter_reader", since=D(2019, 1, 1)
        ),
        "role",
        "'meter_reader' is not a User Role",
    ),
    (
        "lowering a label without a reason",
        lambda get: services.record_relabel(actor=TESTS, record=get("SSAA-19"), label="AMBER"),
        "reason",
        "Lowering VUSA – Small Supplier 'AA' from RED to AMBER is a decision: give the reason.",
    ),
    (
        "approving a letter by another item's outcome",
        lambda get: services.letter_approve(
            actor=TESTS,
            letter=get("letter:SSB"),
            outcome=AgendaItem.objects.get(
                meeting__reference="SSC_72_2702", number=4, parent=None
            ).outcomes.get(),
        ),
        "letter",
        "The letter was already approved on 2019-04-24.",
    ),
    (
        "an unknown decision on a notification",
        lambda get: services.notification_decide(
            actor=TESTS,
            notification=UserSystemNotification.objects.get(),
            outcome=AgendaItem.objects.get(
                meeting__reference="SSC_72_2702", number=9, parent=None
            ).outcomes.get(),
            decision="ignore",
        ),
        "decision",
        "'ignore' is not a decision",
    ),
    (
        "an overlapping regime",
        lambda get: services.regime_create(actor=TESTS, name="New rules", valid_from=D(2024, 1, 1)),
        "valid_from",
        "'SEC G8 as amended by SECMP0059' is already in force for part of that period",
    ),
]


@pytest.mark.parametrize(("what", "call", "field", "message"), CASES, ids=[c[0] for c in CASES])
def test_it_refuses_bad_input_with_a_clear_message(
    demo_assessment, demo_letter, what, call, field, message
):
    def get(key):
        return demo_letter(key.split(":")[1]) if key.startswith("letter:") else demo_assessment(key)

    before = _snapshot()
    with pytest.raises(ServiceError) as error:
        call(get)
    assert field in error.value.message_dict, error.value.message_dict
    assert message in error.value.message_dict[field][0]
    assert _snapshot() == before


def test_it_records_the_reason_for_lowering_a_label(demo_assessment):
    assessment = demo_assessment("SSAA-19")
    services.record_relabel(
        actor=TESTS, record=assessment, label="AMBER", reason="Agreed with the party, SSC_80."
    )
    assert assessment.label == Label.AMBER
    event = AuditEvent.objects.filter(verb="assurance.record.relabel").first()
    assert event.raw_changes() == {
        "label_from": "RED",
        "label_to": "AMBER",
        "reason": "Agreed with the party, SSC_80.",
    }
