"""The register behind the seeds: SSC_72's assessment, letter and notification items linked to
their records; the five VUSAs whose Compliance Status and the two FUSAs whose Assurance Status the
SSC set in May 2019 (SSC_77 and SSC_78); the two Director's Letters it approved in April 2019
(SSC_75 and SSC_76); no Self-Assessment in May 2019. Non-compliances of two May VUSAs are referred
to the Panel, so the June report's Appendix A has rows.

Real names of the parties the seeds do not name are invented, like the foundation's. Every write
goes through the services; each record is found by its natural key first, so loading twice adds
nothing."""

from __future__ import annotations

import datetime as dt

from secretariat.assurance import defaults
from secretariat.assurance.models import (
    AgendaLink,
    Assessment,
    DirectorsLetter,
    NonCompliance,
    PartyRole,
    PortfolioSnapshot,
    RemediationPlan,
    StatusDecision,
    UserSystemNotification,
)
from secretariat.assurance.services import (
    agenda_place,
    assessment_create,
    letter_approve,
    letter_submit,
    noncompliance_add,
    noncompliance_refer,
    notification_decide,
    notification_receive,
    party_role_add,
    plan_add,
    portfolio_record,
    record_link,
    status_decide,
    status_set,
)
from secretariat.demo.assurance_data import (
    ASSESSMENTS,
    CIO,
    LETTERS,
    MAY_STATUSES,
    NEW_PARTIES,
    NON_COMPLIANCES,
    NOTIFICATIONS,
    PORTFOLIOS,
    ROLES,
    SSC72,
    SSC72_ITEMS,
    SSC72_STATUSES,
)
from secretariat.directory.models import Organisation
from secretariat.directory.services import organisation_create
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.meetings.services import outcome_record

D = dt.date.fromisoformat

__all__ = ["load"]


def _party(key) -> Organisation:
    category, pseudonym = key
    return Organisation.objects.get(category=category, pseudonym=pseudonym)


class _Loader:
    def __init__(self, demo):
        self.actor = demo.actor
        self.assessments: dict[str, Assessment] = {}
        self.letters: dict[str, DirectorsLetter] = {}
        self.notifications: dict[str, UserSystemNotification] = {}

    def parties(self) -> None:
        self.cio = Organisation.objects.filter(name=CIO[0]).first() or organisation_create(
            actor=self.actor, name=CIO[0], category=CIO[1], name_label="WHITE"
        )
        for name, category, pseudonym in NEW_PARTIES:
            if not Organisation.objects.filter(name=name).exists():
                organisation_create(
                    actor=self.actor, name=name, category=category, pseudonym=pseudonym
                )
        provider = _party(("shared_resource_provider", "A"))
        for key, roles in ROLES.items():
            organisation = _party(key)
            for role, since in roles:
                if not PartyRole.objects.filter(organisation=organisation, role=role).exists():
                    party_role_add(
                        actor=self.actor, organisation=organisation, role=role, since=D(since)
                    )
        for key, snapshots in PORTFOLIOS.items():
            organisation = _party(key)
            for as_of, domestic, non_domestic, smets1, smets2, uses in snapshots:
                if PortfolioSnapshot.objects.filter(
                    organisation=organisation, as_of=D(as_of)
                ).exists():
                    continue
                portfolio_record(
                    actor=self.actor,
                    organisation=organisation,
                    as_of=D(as_of),
                    domestic_premises=domestic,
                    non_domestic_premises=non_domestic,
                    smets1_meters=smets1,
                    smets2_meters=smets2,
                    uses_shared_resource_provider=uses,
                    shared_resource_provider=provider if uses else None,
                )

    def register_records(self) -> None:
        for key, party, kind, year, start, end, report, deadline, received, outcome in ASSESSMENTS:
            organisation = _party(party)
            assessment = Assessment.objects.filter(
                organisation=organisation, kind=kind, fieldwork_start=D(start)
            ).first() or assessment_create(
                actor=self.actor,
                organisation=organisation,
                kind=kind,
                cycle_year=year,
                cio=self.cio,
                planned_start=D(start),
                planned_end=D(end),
                fieldwork_start=D(start),
                fieldwork_end=D(end),
                report_received=D(report),
                response_deadline=D(deadline),
                response_received=D(received),
                outcome=outcome,
            )
            self.assessments[key] = assessment
        for key, party, answers, submitted, subject, _ in LETTERS:
            organisation = _party(party)
            self.letters[key] = DirectorsLetter.objects.filter(
                organisation=organisation, submitted_on=D(submitted)
            ).first() or letter_submit(
                actor=self.actor,
                organisation=organisation,
                submitted_on=D(submitted),
                subject=subject,
                assessment=self.assessments[answers],
            )
        for key, party, received, description, _ in NOTIFICATIONS:
            organisation = _party(party)
            self.notifications[key] = UserSystemNotification.objects.filter(
                organisation=organisation, received_on=D(received)
            ).first() or notification_receive(
                actor=self.actor,
                organisation=organisation,
                received_on=D(received),
                description=description,
            )

    def non_compliances(self) -> None:
        for key, findings in NON_COMPLIANCES.items():
            assessment = self.assessments[key]
            for obligation, severity, description, _, plans in findings:
                found = NonCompliance.objects.filter(
                    assessment=assessment, obligation=obligation
                ).first() or noncompliance_add(
                    actor=self.actor,
                    assessment=assessment,
                    obligation=obligation,
                    description=description,
                    severity=severity,
                )
                for text, start, due, state, completed in plans:
                    if RemediationPlan.objects.filter(non_compliance=found, due_on=D(due)).exists():
                        continue
                    plan_add(
                        actor=self.actor,
                        non_compliance=found,
                        description=text,
                        start_on=D(start),
                        due_on=D(due),
                        state=state,
                        completed_on=D(completed) if completed else None,
                    )

    def ssc72(self) -> None:
        meeting = Meeting.objects.filter(reference=SSC72).first()
        if meeting is None:
            return
        items = {
            item.number: item
            for item in AgendaItem.objects.filter(meeting=meeting, parent__isnull=True)
        }
        for number, key in SSC72_ITEMS.items():
            if number in items:
                record_link(actor=self.actor, item=items[number], record=self._record(key))
        for number, status in SSC72_STATUSES.items():
            outcome = items[number].outcomes.order_by("position")[0]
            if not StatusDecision.objects.filter(outcome=outcome).exists():
                status_set(
                    actor=self.actor,
                    assessment=self.assessments[SSC72_ITEMS[number]],
                    outcome=outcome,
                    status=status,
                )
        letter = self.letters["SSN"]
        if letter.approved_by_id is None:
            letter_approve(
                actor=self.actor, letter=letter, outcome=items[8].outcomes.order_by("position")[0]
            )
        notification = self.notifications["LSB"]
        if notification.decided_by_id is None:
            notification_decide(
                actor=self.actor,
                notification=notification,
                outcome=items[9].outcomes.order_by("position")[0],
                decision=NOTIFICATIONS[0][4],
            )

    def _record(self, key: str) -> Assessment | DirectorsLetter | UserSystemNotification:
        kind, _, name = key.partition(":")
        if kind == "letter":
            return self.letters[name]
        if kind == "notification":
            return self.notifications[name]
        return self.assessments[key]

    def _ssc(self, number: int) -> Meeting | None:
        return Meeting.objects.filter(body__code="SSC", number=number).first()

    def _place(self, meeting: Meeting, record) -> None:
        field = {Assessment: "assessment", DirectorsLetter: "letter"}[type(record)]
        if not AgendaLink.objects.filter(item__meeting=meeting, **{field: record}).exists():
            agenda_place(actor=self.actor, meeting=meeting, record=record)

    def spring(self) -> None:
        for number, decisions in MAY_STATUSES.items():
            meeting = self._ssc(number)
            if meeting is None:
                continue
            for key, status in decisions:
                assessment = self.assessments[key]
                self._place(meeting, assessment)
                if not assessment.status_decisions.filter(effective_from=meeting.date).exists():
                    status_decide(
                        actor=self.actor, assessment=assessment, meeting=meeting, status=status
                    )
        for key, findings in NON_COMPLIANCES.items():
            assessment = self.assessments[key]
            for obligation, _, _, referred_at, _ in findings:
                meeting = self._ssc(referred_at) if referred_at else None
                if meeting is None:
                    continue
                found = NonCompliance.objects.get(assessment=assessment, obligation=obligation)
                if found.referred_by_id is not None:
                    continue
                item = AgendaLink.objects.get(item__meeting=meeting, assessment=assessment).item
                outcome = item.outcomes.filter(text__startswith="to notify the Panel").first()
                if outcome is None:
                    outcome = outcome_record(
                        actor=self.actor,
                        meeting=meeting,
                        item=item,
                        verb="AGREED",
                        text=f"to notify the Panel of the non-compliances of "
                        f"{assessment.organisation.public_name}",
                        label="RED",
                    )
                noncompliance_refer(actor=self.actor, non_compliance=found, outcome=outcome)
        for key, _, _, _, _, number in LETTERS:
            letter = self.letters[key]
            meeting = self._ssc(number)
            if number == 72 or meeting is None or letter.approved_by_id is not None:
                continue
            self._place(meeting, letter)
            item = AgendaLink.objects.get(item__meeting=meeting, letter=letter).item
            outcome = outcome_record(
                actor=self.actor,
                meeting=meeting,
                item=item,
                verb="APPROVED",
                text=f"the Director's Letter for {letter.organisation.public_name}",
            )
            letter_approve(actor=self.actor, letter=letter, outcome=outcome)


def load(demo) -> None:
    defaults.install()
    loader = _Loader(demo)
    loader.parties()
    loader.register_records()
    loader.non_compliances()
    loader.ssc72()
    loader.spring()
