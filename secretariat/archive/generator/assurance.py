"""The security assurance register of a synthetic archive, written in bulk like the meetings.

From the first assessment regime (the SEC's designation in September 2013) or the archive's
first year, whichever is later, the parties the generator created become Users one by one and go
through three-year cycles: the type of each assessment comes from the regime's rules for the
party's category and portfolio band, and the next one falls due the regime's interval after the
fieldwork, as the planner reckons. Each assessment is considered at the first SSC meeting after
its report, on an item with the register's standard title, whose outcome sets the status
(Assurance after a FUSA or its follow-up, Compliance otherwise); a FUSA left 'not yet approved'
gets a follow-up. Findings become non-compliances with remediation plans, and the worst are
referred to the Panel. A few Director's Letters and notifications of further User Systems come
to the SSC each year.

The rows keep the register services' rules: statuses of the right kind with a name in use on the
meeting's date, set by an outcome of an SSC item linked to the record (one decision per outcome);
cycle years 1..n starting with a FUSA; dates in order (fieldwork, report, deadline); obligations
of Sections G3 to G6. Only the SSC of the first body tree considers the register (the assurance
app's rule), so copies at scale keep their unlinked assessment items. The demo's own parties keep
the demo's records.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict

from secretariat.archive.generator.schedule import Slot
from secretariat.archive.generator.world import World
from secretariat.archive.registers import RegisterItem
from secretariat.assurance.models import (
    ASSURANCE_BODY_CODE,
    AgendaLink,
    Assessment,
    AssessmentKind,
    AssessmentRegime,
    DirectorsLetter,
    NonCompliance,
    PartyRole,
    PortfolioSnapshot,
    RemediationPlan,
    Status,
    StatusDecision,
    StatusKind,
    UserRole,
    UserSystemNotification,
)
from secretariat.assurance.planner import add_months
from secretariat.assurance.services.decisions import standard_summary, standard_title
from secretariat.directory.models import Organisation, PartyCategory
from secretariat.labels.models import Label

CIO_NAME = "Marlowe Assurance Partners LLP"

ROLES = {
    "large_supplier": [UserRole.IMPORT_SUPPLIER, UserRole.GAS_IMPORT_SUPPLIER],
    "small_supplier": [UserRole.IMPORT_SUPPLIER],
    "electricity_network": [UserRole.ELECTRICITY_DISTRIBUTOR],
    "gas_network": [UserRole.GAS_TRANSPORTER],
    "other_user": [UserRole.OTHER_USER],
}

# Status keys and their weights, by kind of status.
STATUS_WEIGHTS = {
    StatusKind.ASSURANCE: {
        "approved": 55,
        "approved_subject_to": 30,
        "not_yet_approved": 10,
        "refused": 5,
    },
    StatusKind.COMPLIANCE: {
        "compliant": 35,
        "compliant_with_observations": 35,
        "subject_to_remediation": 20,
        "non_compliant": 10,
    },
}
FOLLOW_UP_WEIGHTS = {"approved": 70, "approved_subject_to": 30}
# Statuses that come with findings, and how bad the findings are.
FINDINGS = {
    "approved_subject_to": "low",
    "not_yet_approved": "medium",
    "refused": "high",
    "subject_to_remediation": "medium",
    "non_compliant": "high",
}
NEEDS_FOLLOW_UP = {"not_yet_approved", "refused"}
OBLIGATIONS = ["G3.2", "G3.5", "G3.8(a)", "G4.1", "G4.3", "G5.14", "G5.17", "G5.20", "G6.2"]
FINDING_TEXTS = [
    "Privileged access to the User System was not reviewed at the required interval.",
    "Security patches were applied later than the organisation's own policy allows.",
    "The incident management process had not been tested in the period.",
    "Cryptographic key material was held without dual control.",
    "Separation between the User System and the enterprise network was incomplete.",
]
PLAN_TEXTS = [
    "Introduce quarterly access reviews, evidenced to the User CIO.",
    "Adopt a patching standard and report compliance monthly.",
    "Run and document an incident response exercise.",
    "Move key material to a hardware security module under dual control.",
]
OUTCOME_TEXTS = [
    "The User CIO found the controls largely effective.",
    "The User CIO found weaknesses that the party has undertaken to remedy.",
    "The User CIO's report identified several findings; a plan was agreed.",
]


class AssuranceRegister:
    name = "assurance"
    # The parties before the SSC are the register's: no invented ones.
    decides_parties = True

    @staticmethod
    def available() -> bool:
        return AssessmentRegime.objects.exists() and Status.objects.exists()

    def __init__(self, *, seed: int, world: World, slots: dict[int, list[Slot]], today: dt.date):
        self.rng = random.Random(f"{seed}:assurance")
        self.world = world
        self.today = today
        plan = next((p for p in world.plans if p.body.code == ASSURANCE_BODY_CODE), None)
        self.body = plan.body if plan else None
        run = slots.get(self.body.pk, []) if self.body else []
        self.held = [slot for slot in run if slot.date < today]
        self.held_dates = [slot.date for slot in self.held]
        self.regimes = list(
            AssessmentRegime.objects.prefetch_related("rules").order_by("valid_from")
        )
        self.rules = {
            regime.pk: {(r.category, r.band, r.cycle_year): r.kind for r in regime.rules.all()}
            for regime in self.regimes
        }
        self.statuses = {(status.kind, status.key): status for status in Status.objects.all()}
        self.start = max(self.regimes[0].valid_from, world.first_day)
        self.items: dict[int, list[RegisterItem]] = defaultdict(list)
        # Rows to write, by year: assessments (originals, then follow-ups), letters,
        # notifications, links, decisions, findings and plans.
        self.rows: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.cio: Organisation | None = None

    # -- the register's parties ------------------------------------------------------------------

    def prepare(self) -> dict[str, int]:
        self.cio = Organisation.objects.filter(
            category=PartyCategory.OTHER, assessments_carried_out__isnull=False
        ).first()
        if self.cio is None:
            self.cio = Organisation(
                name=CIO_NAME, category=PartyCategory.OTHER, name_label=Label.WHITE
            )
            Organisation.objects.bulk_create([self.cio])
        roles, snapshots = [], []
        for organisation in self.world.new_parties:
            if organisation.category not in ROLES:
                continue
            since = self.start + dt.timedelta(days=self.rng.randint(0, 540))
            if self.rng.random() < 0.1:
                since += dt.timedelta(days=self.rng.randint(365, 3650))
            if since > self.world.last_day:
                continue
            for role in ROLES[organisation.category]:
                roles.append(PartyRole(organisation=organisation, role=role, since=since))
            portfolio = self._portfolio(organisation, since)
            snapshots.extend(portfolio)
            self._cycles(organisation, since, portfolio)
        PartyRole.objects.bulk_create(roles)
        PortfolioSnapshot.objects.bulk_create(snapshots)
        self._letters_and_notifications()
        return {"party roles": len(roles), "portfolio snapshots": len(snapshots)}

    def _portfolio(self, organisation, since: dt.date) -> list[PortfolioSnapshot]:
        category = organisation.category
        domestic = {
            "large_supplier": self.rng.randint(400_000, 4_000_000),
            "small_supplier": self.rng.randint(2_000, 150_000),
        }.get(category, 0)
        business = category == "small_supplier" and self.rng.random() < 0.2
        non_domestic = self.rng.randint(20_000, 80_000) if business else 0
        growth = self.rng.uniform(0.95, 1.15)
        snapshots = []
        day = since
        while day <= self.world.last_day:
            smets2 = int(domestic * self.rng.uniform(0.2, 0.6))
            snapshots.append(
                PortfolioSnapshot(
                    organisation=organisation,
                    as_of=day,
                    domestic_premises=domestic,
                    non_domestic_premises=non_domestic,
                    smets1_meters=int(domestic * self.rng.uniform(0.0, 0.2)),
                    smets2_meters=smets2,
                )
            )
            domestic, non_domestic = int(domestic * growth), int(non_domestic * growth)
            day = dt.date(day.year + 1, 1, 1)
        return snapshots

    # -- assessments -------------------------------------------------------------------------------

    def _regime_on(self, day: dt.date):
        found = None
        for regime in self.regimes:
            if regime.valid_from <= day and (regime.valid_to is None or day <= regime.valid_to):
                found = regime
        return found

    def _meeting_after(self, day: dt.date) -> Slot | None:
        index = bisect.bisect_left(self.held_dates, day)
        return self.held[index] if index < len(self.held) else None

    def _cycles(self, organisation, since: dt.date, portfolio) -> None:
        due = since + dt.timedelta(days=self.rng.randint(25, 90))
        previous_year = None
        while True:
            start = due + dt.timedelta(days=self.rng.randint(-20, 10))
            # Planned as the planner sees it the day before fieldwork: that day's regime and
            # latest portfolio.
            planned_on = start - dt.timedelta(days=1)
            regime = self._regime_on(planned_on)
            if start > self.world.last_day or regime is None:
                return
            snapshot = max(
                (s for s in portfolio if s.as_of <= planned_on),
                key=lambda s: s.as_of,
                default=None,
            )
            band = regime.band(snapshot, organisation.category)
            year = (
                1
                if previous_year is None or previous_year >= regime.cycle_years
                else previous_year + 1
            )
            rules = self.rules[regime.pk]
            kind = rules.get((organisation.category, band, year)) or rules.get(
                (organisation.category, "any", year)
            )
            if kind is None:
                return
            end = self._assessment(organisation, kind, year, due, start)
            previous_year = year
            due = add_months(end, regime.interval_months)

    def _assessment(self, organisation, kind, cycle_year, due, start, follows=None) -> dt.date:
        """Plan one assessment and its consideration; return the day its fieldwork ended."""
        end = start + dt.timedelta(days=self.rng.randint(2, 14))
        report = end + dt.timedelta(days=self.rng.randint(20, 45))
        assessment = Assessment(
            organisation=organisation,
            kind=kind,
            cycle_year=cycle_year,
            follows=follows,
            cio=self.cio,
            planned_start=due - dt.timedelta(days=14),
            planned_end=due,
            fieldwork_start=start,
            fieldwork_end=end if end < self.today else None,
            report_received=report if report < self.today else None,
            outcome=self.rng.choice(OUTCOME_TEXTS) if report < self.today else "",
            label=Label.RED,
        )
        slot = self._meeting_after(report + dt.timedelta(days=7))
        if slot is None:
            year = min(start.year, self.world.last_day.year)
            self.rows[year]["follow-ups" if follows else "assessments"].append(assessment)
            return end
        deadline = slot.date + dt.timedelta(days=28)
        assessment.response_deadline = deadline
        if self.rng.random() < 0.95:
            received = deadline + dt.timedelta(days=self.rng.randint(-25, 12))
            assessment.response_received = received if received < self.today else None
        rows = self.rows[slot.date.year]
        rows["follow-ups" if follows else "assessments"].append(assessment)
        status_kind = (
            StatusKind.ASSURANCE
            if (follows.kind if follows else kind) == AssessmentKind.FUSA
            else StatusKind.COMPLIANCE
        )
        weights = FOLLOW_UP_WEIGHTS if follows else STATUS_WEIGHTS[status_kind]
        key = self.rng.choices(list(weights), list(weights.values()))[0]
        status = self.statuses[(status_kind, key)]
        party = organisation.public_name
        item = RegisterItem(
            record=assessment,
            title=standard_title(assessment),
            summary=standard_summary(assessment),
            party=organisation,
            outcomes=[("AGREED", f"the {StatusKind(status_kind).label} for {party}")],
        )
        self.items[slot.index].append(item)
        rows["decisions"].append((assessment, status, item, slot.date))
        severity = FINDINGS.get(key)
        if severity:
            for _ in range(self.rng.randint(1, 3)):
                self._finding(assessment, severity, item, slot, rows)
        if key in NEEDS_FOLLOW_UP and not follows:
            again = slot.date + dt.timedelta(days=self.rng.randint(60, 120))
            self._assessment(
                organisation, AssessmentKind.FOLLOW_UP, None, again, again, follows=assessment
            )
        return end

    def _finding(self, assessment, severity, item, slot, rows) -> None:
        finding = NonCompliance(
            assessment=assessment,
            obligation=self.rng.choice(OBLIGATIONS),
            description=self.rng.choice(FINDING_TEXTS),
            severity=severity,
            label=Label.RED,
        )
        if severity == "high":
            # Referred to the Panel by the outcome that set the status.
            finding.referred_on = slot.date
        rows["findings"].append((finding, item))
        due = slot.date + dt.timedelta(days=self.rng.randint(60, 180))
        done = due < self.today and self.rng.random() < 0.85
        rows["plans"].append(
            RemediationPlan(
                non_compliance=finding,
                description=self.rng.choice(PLAN_TEXTS),
                start_on=slot.date,
                due_on=due,
                state=RemediationPlan.State.COMPLETE if done else RemediationPlan.State.IN_PROGRESS,
                completed_on=due - dt.timedelta(days=self.rng.randint(0, 30)) if done else None,
            )
        )

    # -- letters and notifications -----------------------------------------------------------------

    def _letters_and_notifications(self) -> None:
        parties = [o for o in self.world.new_parties if o.category in ROLES]
        if not parties:
            return
        for year in range(self.start.year, self.world.last_day.year + 1):
            for _ in range(self.rng.randint(2, 6)):
                organisation = self.rng.choice(parties)
                submitted = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))
                if submitted < self.start:
                    continue
                letter = DirectorsLetter(
                    organisation=organisation,
                    submitted_on=submitted,
                    subject="The director undertakes to complete the agreed remediation plan.",
                    label=Label.RED,
                )
                self._consider(
                    letter,
                    submitted,
                    ("APPROVED", f"the Director's Letter for {organisation.public_name}"),
                    "letters",
                )
            for _ in range(self.rng.randint(1, 4)):
                organisation = self.rng.choice(parties)
                received = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))
                if received < self.start:
                    continue
                notification = UserSystemNotification(
                    organisation=organisation,
                    received_on=received,
                    description="A second User System for a new supply business.",
                    label=Label.RED,
                )
                self._consider(
                    notification,
                    received,
                    ("NOTED", "the report of a second user system"),
                    "notifications",
                )

    def _consider(self, record, day: dt.date, outcome, kind: str) -> None:
        slot = self._meeting_after(day + dt.timedelta(days=7))
        if slot is None:
            self.rows[min(day.year, self.world.last_day.year)][kind].append(record)
            return
        item = RegisterItem(
            record=record,
            title=standard_title(record),
            summary=standard_summary(record),
            party=record.organisation,
            outcomes=[outcome],
        )
        self.items[slot.index].append(item)
        if isinstance(record, UserSystemNotification):
            record.decision = (
                UserSystemNotification.Decision.AD_HOC
                if self.rng.random() < 0.2
                else UserSystemNotification.Decision.NEXT_ANNUAL
            )
        rows = self.rows[slot.date.year]
        rows[kind].append(record)
        rows["considered"].append((record, item, slot.date))

    # -- the meeting writer's questions ------------------------------------------------------------

    def items_for(self, slot: Slot) -> list[RegisterItem] | None:
        if self.body is None or slot.body.pk != self.body.pk or slot.date < self.start:
            return None
        return self.items.get(slot.index, [])

    def write_year(self, year: int) -> dict[str, int]:
        rows = self.rows.pop(year, None)
        if not rows:
            return {}
        # The items and outcomes that considered these records were written with the year's
        # meetings, so they have their keys.
        for record, item, day in rows["considered"]:
            if isinstance(record, DirectorsLetter):
                record.approved_by, record.approved_on = item.saved_outcomes[0], day
            else:
                record.decided_by, record.decided_on = item.saved_outcomes[0], day
        Assessment.objects.bulk_create(rows["assessments"])
        Assessment.objects.bulk_create(rows["follow-ups"])
        DirectorsLetter.objects.bulk_create(rows["letters"])
        UserSystemNotification.objects.bulk_create(rows["notifications"])
        links, decisions = [], []
        for assessment, status, item, day in rows["decisions"]:
            links.append(AgendaLink(item=item.item, assessment=assessment))
            decisions.append(
                StatusDecision(
                    assessment=assessment,
                    status=status,
                    outcome=item.saved_outcomes[0],
                    effective_from=day,
                )
            )
        for record, item, _day in rows["considered"]:
            kind = "letter" if isinstance(record, DirectorsLetter) else "notification"
            links.append(AgendaLink(item=item.item, **{kind: record}))
        AgendaLink.objects.bulk_create(links)
        StatusDecision.objects.bulk_create(decisions)
        findings = []
        for finding, item in rows["findings"]:
            if finding.referred_on:
                finding.referred_by = item.saved_outcomes[0]
            findings.append(finding)
        NonCompliance.objects.bulk_create(findings)
        RemediationPlan.objects.bulk_create(rows["plans"])
        return {
            "assessments": len(rows["assessments"]) + len(rows["follow-ups"]),
            "status decisions": len(decisions),
            "non-compliances": len(findings),
            "director's letters": len(rows["letters"]),
            "notifications": len(rows["notifications"]),
        }
