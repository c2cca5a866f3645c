"""Writes to the register's own records: assessments, non-compliances and their remediation
plans, Director's Letters, notifications of further User Systems, and their labels."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction

from secretariat.assurance.models import (
    CYCLE_KINDS,
    Assessment,
    AssessmentKind,
    DirectorsLetter,
    NonCompliance,
    RemediationPlan,
    UserSystemNotification,
)
from secretariat.assurance.services.parties import optional_date, require_date, require_party
from secretariat.audit.services import apply_changes, audit_record
from secretariat.core import clock
from secretariat.core.services import ServiceError, validated_save
from secretariat.core.validation import checks, text_argument
from secretariat.directory.models import Organisation, PartyCategory
from secretariat.labels.models import Label

DATE_FIELDS = (
    "planned_start",
    "planned_end",
    "fieldwork_start",
    "fieldwork_end",
    "report_received",
    "response_deadline",
    "response_received",
)

# Pairs of dates where the second cannot come before the first.
DATE_ORDER = (
    ("planned_start", "planned_end", "The planned end cannot come before the planned start."),
    ("fieldwork_start", "fieldwork_end", "Fieldwork cannot end before it starts."),
    ("fieldwork_start", "report_received", "The report cannot arrive before fieldwork starts."),
    ("report_received", "response_deadline", "The response deadline comes after the report."),
)

ASSESSMENT_FIELDS = {"cycle_year", "cio", *DATE_FIELDS, "outcome"}


def _check_cio(cio) -> None:
    if cio is None:
        return
    if not isinstance(cio, Organisation) or cio.category != PartyCategory.OTHER:
        raise ServiceError(
            {
                "cio": "The User CIO is an independent firm: an organisation of category "
                "'Other organisation'."
            }
        )


def _check_dates(values: dict) -> None:
    for field in DATE_FIELDS:
        optional_date(values.get(field), field)
    for first, second, message in DATE_ORDER:
        if values.get(first) and values.get(second) and values[second] < values[first]:
            raise ServiceError({second: message})


def _cycle_years_on(day: dt.date) -> int:
    from secretariat.assurance.planner import regime_on

    regime = regime_on(day)
    return regime.cycle_years if regime else 3


def _check_cycle(kind: str, cycle_year, day: dt.date) -> None:
    if kind not in CYCLE_KINDS:
        if cycle_year is not None:
            raise ServiceError(
                {
                    "cycle_year": f"A {AssessmentKind(kind).label} sits outside the cycle: leave "
                    "the cycle year empty."
                }
            )
        return
    years = _cycle_years_on(day)
    if not isinstance(cycle_year, int) or not 1 <= cycle_year <= years:
        raise ServiceError({"cycle_year": f"Give the year of the cycle, 1 to {years}."})
    if cycle_year == 1 and kind != AssessmentKind.FUSA:
        raise ServiceError(
            {
                "cycle_year": "Year 1 of a cycle is a Full User Security Assessment; a "
                f"{AssessmentKind(kind).label} comes in a later year."
            }
        )


@checks(Assessment)
@transaction.atomic
def assessment_create(
    *,
    actor,
    organisation: Organisation,
    kind: str,
    cycle_year: int | None = None,
    follows: Assessment | None = None,
    cio: Organisation | None = None,
    planned_start: dt.date | None = None,
    planned_end: dt.date | None = None,
    fieldwork_start: dt.date | None = None,
    fieldwork_end: dt.date | None = None,
    report_received: dt.date | None = None,
    response_deadline: dt.date | None = None,
    response_received: dt.date | None = None,
    outcome: str = "",
    label=Label.RED,
) -> Assessment:
    """Put an assessment on the register. For a FUSA, VUSA or SSA without a cycle year, the
    planner's year for the party is used when the planner expects that type."""
    require_party(organisation)
    if kind not in AssessmentKind.values:
        raise ServiceError(
            {
                "kind": f"{kind!r} is not an assessment type: use one of "
                f"{', '.join(AssessmentKind.values)}."
            }
        )
    values = {
        "planned_start": planned_start,
        "planned_end": planned_end,
        "fieldwork_start": fieldwork_start,
        "fieldwork_end": fieldwork_end,
        "report_received": report_received,
        "response_deadline": response_deadline,
        "response_received": response_received,
    }
    _check_dates(values)
    _check_cio(cio)
    if kind == AssessmentKind.FOLLOW_UP:
        if not isinstance(follows, Assessment) or follows.organisation_id != organisation.pk:
            raise ServiceError(
                {
                    "follows": f"A follow-up follows an earlier assessment of "
                    f"{organisation.public_name}."
                }
            )
    elif follows is not None:
        raise ServiceError({"follows": "Only a follow-up follows another assessment."})
    day = fieldwork_start or planned_start or clock.today()
    if kind in CYCLE_KINDS and cycle_year is None:
        from secretariat.assurance.planner import next_due

        expected = next_due(organisation, day)
        if expected is not None and expected.kind == kind:
            cycle_year = expected.cycle_year
        elif kind == AssessmentKind.FUSA:
            cycle_year = 1
    _check_cycle(kind, cycle_year, day)
    assessment = Assessment(
        organisation=organisation,
        kind=kind,
        cycle_year=cycle_year,
        follows=follows,
        cio=cio,
        outcome=outcome.strip(),
        label=Label.parse(label),
        **values,
    )
    validated_save(assessment)
    assessment.save()
    audit_record(actor=actor, verb="assurance.assessment.create", obj=assessment)
    return assessment


@checks(Assessment)
@transaction.atomic
def assessment_update(*, actor, assessment: Assessment, **changes) -> Assessment:
    """Record dates (fieldwork, report, the SSC's response deadline, the response's arrival),
    the User CIO and the outcome. Labels change only through `record_relabel`."""
    unknown = sorted(set(changes) - ASSESSMENT_FIELDS)
    if unknown:
        raise ServiceError({unknown[0]: f"'{unknown[0]}' cannot be changed here."})
    values = {field: changes.get(field, getattr(assessment, field)) for field in DATE_FIELDS}
    _check_dates(values)
    if "cio" in changes:
        _check_cio(changes["cio"])
    if "cycle_year" in changes:
        day = values["fieldwork_start"] or values["planned_start"] or clock.today()
        _check_cycle(assessment.kind, changes["cycle_year"], day)
    if "outcome" in changes:
        changes["outcome"] = (changes["outcome"] or "").strip()
    apply_changes(
        actor=actor,
        instance=assessment,
        changes=changes,
        verb="assurance.assessment.update",
        allowed=ASSESSMENT_FIELDS,
    )
    return assessment


# Section G3 to G6, optionally with paragraph and sub-paragraph: G5, G5.14, G3.2(a), G4.1A.
OBLIGATION = re.compile(r"^G[3-6](\.\d+[A-Z]?)?(\([a-z0-9]+\))*$")


def _check_obligation(obligation: str) -> str:
    obligation = (obligation or "").strip().replace(" ", "")
    if obligation[:1] == "g":
        obligation = "G" + obligation[1:]
    if not OBLIGATION.match(obligation):
        raise ServiceError(
            {
                "obligation": f"{obligation or 'An empty reference'!r} is not an obligation of "
                "Sections G3 to G6: write it like G5.14 or G3.2(a)."
            }
        )
    return obligation


@checks(NonCompliance)
@transaction.atomic
def noncompliance_add(
    *,
    actor,
    assessment: Assessment,
    obligation: str,
    description: str,
    severity: str,
    label=None,
) -> NonCompliance:
    """A non-compliance found by an assessment, labelled like the assessment unless told."""
    obligation = _check_obligation(obligation)
    if not description.strip():
        raise ServiceError({"description": "Say what the non-compliance is."})
    if severity not in NonCompliance.Severity.values:
        raise ServiceError(
            {
                "severity": f"{severity!r} is not a severity: use "
                f"{', '.join(NonCompliance.Severity.values)}."
            }
        )
    non_compliance = NonCompliance(
        assessment=assessment,
        obligation=obligation,
        description=description.strip(),
        severity=severity,
        label=assessment.label if label is None else Label.parse(label),
    )
    validated_save(non_compliance, exclude=["referred_by"])
    non_compliance.save()
    audit_record(actor=actor, verb="assurance.non_compliance.add", obj=non_compliance)
    return non_compliance


@checks(NonCompliance)
@transaction.atomic
def noncompliance_update(*, actor, non_compliance: NonCompliance, **changes) -> NonCompliance:
    if "obligation" in changes:
        changes["obligation"] = _check_obligation(changes["obligation"])
    if "severity" in changes and changes["severity"] not in NonCompliance.Severity.values:
        raise ServiceError({"severity": f"{changes['severity']!r} is not a severity."})
    apply_changes(
        actor=actor,
        instance=non_compliance,
        changes=changes,
        verb="assurance.non_compliance.update",
        allowed={"obligation", "description", "severity"},
    )
    return non_compliance


def _check_plan(values: dict) -> None:
    start = require_date(values.get("start_on"), "start_on")
    due = require_date(values.get("due_on"), "due_on")
    completed = optional_date(values.get("completed_on"), "completed_on")
    if due < start:
        raise ServiceError({"due_on": "A plan cannot be due before it starts."})
    state = values.get("state")
    if state not in RemediationPlan.State.values:
        raise ServiceError({"state": f"{state!r} is not a plan state."})
    if state == RemediationPlan.State.COMPLETE and completed is None:
        raise ServiceError({"completed_on": "A complete plan needs the day it was completed."})
    if state != RemediationPlan.State.COMPLETE and completed is not None:
        raise ServiceError({"completed_on": "Only a complete plan has a completion date."})
    if completed is not None and completed < start:
        raise ServiceError({"completed_on": "A plan cannot be completed before it starts."})


@checks(RemediationPlan)
@transaction.atomic
def plan_add(
    *,
    actor,
    non_compliance: NonCompliance,
    description: str,
    start_on: dt.date,
    due_on: dt.date,
    state: str = RemediationPlan.State.PROPOSED,
    completed_on: dt.date | None = None,
) -> RemediationPlan:
    if not description.strip():
        raise ServiceError({"description": "Say what the plan will do."})
    values = {"start_on": start_on, "due_on": due_on, "state": state, "completed_on": completed_on}
    _check_plan(values)
    plan = RemediationPlan(non_compliance=non_compliance, description=description.strip(), **values)
    validated_save(plan)
    plan.save()
    audit_record(actor=actor, verb="assurance.plan.add", obj=plan)
    return plan


@checks(RemediationPlan)
@transaction.atomic
def plan_update(*, actor, plan: RemediationPlan, **changes) -> RemediationPlan:
    values = {
        field: changes.get(field, getattr(plan, field))
        for field in ("start_on", "due_on", "state", "completed_on")
    }
    _check_plan(values)
    apply_changes(
        actor=actor,
        instance=plan,
        changes=changes,
        verb="assurance.plan.update",
        allowed={"description", "start_on", "due_on", "state", "completed_on"},
    )
    return plan


@checks(DirectorsLetter)
@transaction.atomic
def letter_submit(
    *,
    actor,
    organisation: Organisation,
    submitted_on: dt.date,
    subject: str,
    assessment: Assessment | None = None,
    label=Label.RED,
) -> DirectorsLetter:
    require_party(organisation)
    submitted_on = require_date(submitted_on, "submitted_on")
    if not subject.strip():
        raise ServiceError({"subject": "Say what the director's letter commits to."})
    if assessment is not None and assessment.organisation_id != organisation.pk:
        raise ServiceError({"assessment": f"That assessment is not of {organisation.public_name}."})
    letter = DirectorsLetter(
        organisation=organisation,
        assessment=assessment,
        submitted_on=submitted_on,
        subject=subject.strip(),
        label=Label.parse(label),
    )
    validated_save(letter, exclude=["approved_by"])
    letter.save()
    audit_record(actor=actor, verb="assurance.letter.submit", obj=letter)
    return letter


@checks(UserSystemNotification)
@transaction.atomic
def notification_receive(
    *, actor, organisation: Organisation, received_on: dt.date, description: str, label=Label.RED
) -> UserSystemNotification:
    require_party(organisation)
    received_on = require_date(received_on, "received_on")
    if not description.strip():
        raise ServiceError({"description": "Describe the further User System."})
    notification = UserSystemNotification(
        organisation=organisation,
        received_on=received_on,
        description=description.strip(),
        label=Label.parse(label),
    )
    validated_save(notification, exclude=["decided_by", "review"])
    notification.save()
    audit_record(actor=actor, verb="assurance.notification.receive", obj=notification)
    return notification


@transaction.atomic
def record_relabel(*, actor, record, label, reason: str = ""):
    """Change a register record's label. Lowering it is a decision: it needs a reason, which the
    audit log keeps."""
    if not isinstance(
        record, Assessment | DirectorsLetter | UserSystemNotification | NonCompliance
    ):
        raise ServiceError({"record": "Only register records are relabelled here."})
    reason = text_argument("reason", reason)
    label = Label.parse(label)
    if label < record.label and not reason.strip():
        raise ServiceError(
            {
                "reason": f"Lowering {record} from {Label(record.label).name} to {label.name} is a "
                "decision: give the reason."
            }
        )
    if label == record.label:
        return record
    before = Label(record.label)
    record.label = label
    record.save(update_fields=["label"])
    audit_record(
        actor=actor,
        verb="assurance.record.relabel",
        obj=record,
        changes={"label_from": before.name, "label_to": label.name, "reason": reason.strip()},
    )
    return record
