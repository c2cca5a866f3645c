"""What each audited field of a register record is, for the labelled diff: the record's label in
its scopes (the party's own, and each SSC meeting that considered it), as the register's door
reads it (`selectors.record_admits`). The register's configuration (statuses, regimes, cycle
rules, party roles) names no party's matter and is WHITE."""

from __future__ import annotations

from secretariat.assurance.models import (
    AgendaLink,
    Assessment,
    AssessmentRegime,
    CycleRule,
    DirectorsLetter,
    NonCompliance,
    PartyRole,
    PortfolioSnapshot,
    RemediationPlan,
    Status,
    StatusDecision,
    StatusName,
    UserSystemNotification,
)
from secretariat.assurance.selectors import considering_meetings, record_scopes
from secretariat.audit.labelling import WHITE, Fragment, register
from secretariat.labels.access import Scope
from secretariat.labels.models import Label, highest


def _record(record, *labels) -> Fragment:
    meetings = considering_meetings(record) if record.pk else []
    return Fragment(highest([record.label, *labels]), tuple(record_scopes(record, meetings)))


def _describe_record(record, name: str) -> Fragment:
    return _record(record)


def _describe_non_compliance(non_compliance, name: str) -> Fragment:
    return _record(non_compliance.assessment, non_compliance.label)


def _describe_plan(plan, name: str) -> Fragment:
    non_compliance = plan.non_compliance
    return _record(non_compliance.assessment, non_compliance.label)


def _describe_decision(decision, name: str) -> Fragment:
    return _record(decision.assessment)


def _describe_link(link, name: str) -> Fragment:
    record = link.assessment or link.letter or link.notification
    if record is None:
        return Fragment(Label.RED)
    return _record(record)


def _describe_portfolio(snapshot, name: str) -> Fragment:
    # A party's portfolio is its own business and the secretariat's.
    return Fragment(
        Label.RED, (Scope(organisation_id=snapshot.organisation_id, secretariat_reads_red=True),)
    )


def register_fragments() -> None:
    for model in (Assessment, DirectorsLetter, UserSystemNotification):
        register(model, _describe_record)
    register(NonCompliance, _describe_non_compliance)
    register(RemediationPlan, _describe_plan)
    register(StatusDecision, _describe_decision)
    register(AgendaLink, _describe_link)
    register(PortfolioSnapshot, _describe_portfolio)
    for configuration in (Status, StatusName, AssessmentRegime, CycleRule, PartyRole):
        register(configuration, lambda instance, name: WHITE)
