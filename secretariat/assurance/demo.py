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
from secretariat.directory.models import Organisation
from secretariat.directory.services import organisation_create
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.meetings.services import outcome_record

D = dt.date.fromisoformat

CIO = ("Halden Assurance LLP", "other")

# Parties the seeds do not name: (real name, category, pseudonym).
NEW_PARTIES = [
    ("Stonebridge Energy plc", "large_supplier", "C"),
    ("Tidewell Energy Ltd", "small_supplier", "AF"),
    ("Greyfell Power Ltd", "small_supplier", "AG"),
    ("Ashcombe Utilities Ltd", "small_supplier", "AH"),
    ("Quayside Metering Ltd", "other_user", "M"),
    ("Brookvale Data Services Ltd", "other_user", "N"),
    ("Commonpoint Shared Services Ltd", "shared_resource_provider", "A"),
]

# (category, pseudonym): [(role, since)]
ROLES = {
    ("large_supplier", "A"): [
        ("import_supplier", "2016-11-01"),
        ("gas_import_supplier", "2016-11-01"),
    ],
    ("large_supplier", "B"): [("import_supplier", "2017-01-09")],
    ("large_supplier", "C"): [("import_supplier", "2017-05-02")],
    ("small_supplier", "B"): [("import_supplier", "2018-03-01")],
    ("small_supplier", "N"): [("import_supplier", "2018-11-19")],
    ("small_supplier", "AA"): [("import_supplier", "2018-02-19")],
    ("small_supplier", "AE"): [("import_supplier", "2018-03-12")],
    ("small_supplier", "AF"): [("import_supplier", "2018-05-21")],
    ("small_supplier", "AG"): [("import_supplier", "2018-05-29")],
    ("small_supplier", "AH"): [("import_supplier", "2018-06-11")],
    ("other_user", "I"): [("other_user", "2017-02-20")],
    ("other_user", "L"): [("other_user", "2019-03-18")],
    ("other_user", "M"): [("other_user", "2018-04-03")],
    ("other_user", "N"): [("other_user", "2018-05-08")],
    ("electricity_network", "A"): [("electricity_distributor", "2016-12-05")],
    ("gas_network", "A"): [("gas_transporter", "2017-03-06")],
}

# (category, pseudonym): [(as of, domestic, non-domestic, SMETS1, SMETS2, uses SRP)]
PORTFOLIOS = {
    ("large_supplier", "A"): [("2019-01-01", 2_100_000, 40_000, 310_000, 420_000, False)],
    ("large_supplier", "B"): [("2019-01-01", 1_500_000, 22_000, 180_000, 260_000, False)],
    ("large_supplier", "C"): [("2019-01-01", 900_000, 15_000, 95_000, 140_000, False)],
    ("small_supplier", "B"): [("2019-01-01", 120_000, 5_000, 8_000, 21_000, False)],
    ("small_supplier", "N"): [("2019-01-01", 60_000, 0, 0, 9_500, True)],
    ("small_supplier", "AA"): [("2019-01-01", 180_000, 10_000, 12_000, 30_000, False)],
    ("small_supplier", "AE"): [("2019-01-01", 40_000, 30_000, 2_000, 6_000, True)],
    ("small_supplier", "AF"): [("2019-01-01", 20_000, 45_000, 0, 4_000, True)],
    # Greyfell grows past the weighed thresholds in 2019: its year-3 assessment becomes a FUSA.
    ("small_supplier", "AG"): [
        ("2019-01-01", 150_000, 10_000, 9_000, 15_000, False),
        ("2020-01-01", 200_000, 20_000, 9_000, 48_000, False),
    ],
    ("small_supplier", "AH"): [("2019-01-01", 90_000, 2_000, 0, 11_000, False)],
    ("other_user", "I"): [("2019-01-01", 0, 0, 0, 0, False)],
    ("other_user", "L"): [("2019-01-01", 0, 0, 0, 0, False)],
    ("other_user", "M"): [("2019-01-01", 0, 0, 0, 0, True)],
    ("other_user", "N"): [("2019-01-01", 0, 0, 0, 0, False)],
    ("electricity_network", "A"): [("2019-01-01", 2_400_000, 110_000, 0, 0, False)],
    ("gas_network", "A"): [("2019-01-01", 1_900_000, 60_000, 0, 0, False)],
}

# Assessments: key, party, kind, cycle year, fieldwork start, fieldwork end, report received,
# response deadline, response received, outcome.
ASSESSMENTS = [
    (
        "LSA-18",
        ("large_supplier", "A"),
        "fusa",
        1,
        "2018-09-10",
        "2018-09-19",
        "2018-10-15",
        "2018-11-16",
        "2018-11-09",
        "Controls broadly effective.",
    ),
    (
        "LSB-18",
        ("large_supplier", "B"),
        "fusa",
        1,
        "2018-11-05",
        "2018-11-14",
        "2018-12-10",
        "2019-01-18",
        "2019-01-11",
        "Controls effective.",
    ),
    (
        "LSC-18",
        ("large_supplier", "C"),
        "fusa",
        1,
        "2018-03-19",
        "2018-03-28",
        "2018-04-20",
        "2018-05-25",
        "2018-05-21",
        "Controls effective.",
    ),
    (
        "LSC-19",
        ("large_supplier", "C"),
        "fusa",
        2,
        "2019-03-18",
        "2019-03-27",
        "2019-04-12",
        "2019-05-03",
        "2019-04-30",
        "Controls effective; two observations on patching.",
    ),
    (
        "ENA-19",
        ("electricity_network", "A"),
        "fusa",
        1,
        "2019-03-25",
        "2019-04-03",
        "2019-04-26",
        "2019-05-17",
        "2019-05-15",
        "Two findings on privileged access.",
    ),
    (
        "GNA-18",
        ("gas_network", "A"),
        "fusa",
        1,
        "2018-06-11",
        "2018-06-20",
        "2018-07-13",
        "2018-08-17",
        "2018-08-10",
        "Controls effective.",
    ),
    (
        "SSB-18",
        ("small_supplier", "B"),
        "fusa",
        1,
        "2018-01-22",
        "2018-01-26",
        "2018-02-16",
        "2018-03-16",
        "2018-03-12",
        "Controls broadly effective.",
    ),
    (
        "SSB-19",
        ("small_supplier", "B"),
        "vusa",
        2,
        "2019-01-28",
        "2019-01-30",
        "2019-02-11",
        "2019-02-22",
        "2019-02-21",
        "Material increase in risk: a new hosting provider without assurance.",
    ),
    (
        "SSN-18",
        ("small_supplier", "N"),
        "fusa",
        1,
        "2018-10-08",
        "2018-10-12",
        "2018-11-02",
        "2018-12-07",
        "2018-12-05",
        "One finding on supplier assurance.",
    ),
    (
        "SSAA-18",
        ("small_supplier", "AA"),
        "fusa",
        1,
        "2018-01-15",
        "2018-01-19",
        "2018-02-09",
        "2018-03-09",
        "2018-03-02",
        "Controls effective.",
    ),
    (
        "SSAA-19",
        ("small_supplier", "AA"),
        "vusa",
        2,
        "2019-01-21",
        "2019-01-23",
        "2019-02-06",
        "2019-02-20",
        "2019-02-18",
        "No material increase in risk; observations on logging.",
    ),
    (
        "SSAE-18",
        ("small_supplier", "AE"),
        "fusa",
        1,
        "2018-02-05",
        "2018-02-09",
        "2018-03-02",
        "2018-04-06",
        "2018-04-04",
        "Controls broadly effective.",
    ),
    (
        "SSAE-19",
        ("small_supplier", "AE"),
        "vusa",
        2,
        "2019-01-30",
        "2019-02-01",
        "2019-02-08",
        "2019-02-20",
        "2019-03-01",
        "Anomaly detection thresholds not reviewed since go-live.",
    ),
    (
        "SSAF-18",
        ("small_supplier", "AF"),
        "fusa",
        1,
        "2018-04-16",
        "2018-04-20",
        "2018-05-11",
        "2018-06-15",
        "2018-06-12",
        "Controls effective.",
    ),
    (
        "SSAF-19",
        ("small_supplier", "AF"),
        "vusa",
        2,
        "2019-04-01",
        "2019-04-03",
        "2019-04-19",
        "2019-05-03",
        "2019-05-02",
        "No material increase in risk.",
    ),
    (
        "SSAG-18",
        ("small_supplier", "AG"),
        "fusa",
        1,
        "2018-04-23",
        "2018-04-27",
        "2018-05-18",
        "2018-06-22",
        "2018-06-20",
        "Controls effective.",
    ),
    (
        "SSAG-19",
        ("small_supplier", "AG"),
        "vusa",
        2,
        "2019-04-08",
        "2019-04-10",
        "2019-04-24",
        "2019-05-03",
        "2019-05-03",
        "No material increase in risk; observations on backups.",
    ),
    (
        "SSAH-18",
        ("small_supplier", "AH"),
        "fusa",
        1,
        "2018-05-08",
        "2018-05-11",
        "2018-06-01",
        "2018-07-06",
        "2018-07-02",
        "Controls effective.",
    ),
    (
        "SSAH-19",
        ("small_supplier", "AH"),
        "vusa",
        2,
        "2019-04-29",
        "2019-05-01",
        "2019-05-10",
        "2019-05-17",
        "2019-05-16",
        "No material increase in risk.",
    ),
    (
        "OUI-17",
        ("other_user", "I"),
        "fusa",
        1,
        "2017-01-16",
        "2017-01-20",
        "2017-02-10",
        "2017-03-10",
        "2017-03-08",
        "Controls effective.",
    ),
    (
        "OUI-18",
        ("other_user", "I"),
        "ssa",
        2,
        "2018-01-22",
        "2018-01-22",
        "2018-02-05",
        "2018-03-02",
        "2018-02-27",
        "No material increase in risk.",
    ),
    (
        "OUI-19",
        ("other_user", "I"),
        "ssa",
        3,
        "2019-01-14",
        "2019-01-14",
        "2019-02-01",
        "2019-02-22",
        "2019-02-20",
        "No material increase in risk.",
    ),
    (
        "OUL-19",
        ("other_user", "L"),
        "fusa",
        1,
        "2019-01-14",
        "2019-01-18",
        "2019-02-04",
        "2019-02-20",
        "2019-02-18",
        "Two findings on secure development.",
    ),
    (
        "OUM-18",
        ("other_user", "M"),
        "fusa",
        1,
        "2018-03-05",
        "2018-03-09",
        "2018-03-30",
        "2018-04-27",
        "2018-04-23",
        "Controls effective.",
    ),
    (
        "OUM-19",
        ("other_user", "M"),
        "vusa",
        2,
        "2019-04-15",
        "2019-04-17",
        "2019-04-26",
        "2019-05-03",
        "2019-05-07",
        "Shared Resource Provider change not risk-assessed.",
    ),
    (
        "OUN-18",
        ("other_user", "N"),
        "fusa",
        1,
        "2018-04-09",
        "2018-04-13",
        "2018-05-04",
        "2018-06-08",
        "2018-06-06",
        "Controls broadly effective.",
    ),
    (
        "OUN-19",
        ("other_user", "N"),
        "vusa",
        2,
        "2019-05-01",
        "2019-05-03",
        "2019-05-10",
        "2019-05-17",
        "2019-05-20",
        "Material increase in risk: unpatched User System and no incident plan.",
    ),
]

# SSC_72's items that consider a register record: item number -> record key.
SSC72 = "SSC_72_2702"
SSC72_ITEMS = {
    3: "OUL-19",
    4: "SSAA-19",
    5: "SSAE-19",
    6: "SSB-19",
    7: "OUI-19",
    8: "letter:SSN",
    9: "notification:LSB",
}

# Statuses set at SSC_72 by the outcomes already recorded there.
SSC72_STATUSES = {
    3: "Approved subject to",
    4: "Compliant, with observations",
    5: "Compliant, subject to remediation",
    6: "Non-compliant",
}

# Statuses set in May 2019: meeting number -> [(record key, status)].
MAY_STATUSES = {
    77: [
        ("LSC-19", "Approved"),
        ("SSAF-19", "Compliant"),
        ("SSAG-19", "Compliant, with observations"),
        ("OUM-19", "Compliant, subject to remediation"),
    ],
    78: [
        ("ENA-19", "Approved subject to"),
        ("SSAH-19", "Compliant"),
        ("OUN-19", "Non-compliant"),
    ],
}

# record key -> [(obligation, severity, description, referred at SSC meeting number or None,
#                 [(plan description, start, due, state, completed)])]
Plan = tuple[str, str, str, str, str | None]
NON_COMPLIANCES: dict[str, list[tuple[str, str, str, int | None, list[Plan]]]] = {
    "OUL-19": [
        (
            "G5.25",
            "medium",
            "Secure development standards not applied to the User System's interfaces.",
            None,
            [
                (
                    "Adopt and evidence secure development standards.",
                    "2019-03-01",
                    "2019-08-30",
                    "complete",
                    "2019-08-16",
                )
            ],
        ),
        ("G3.4", "low", "Security event logs kept for less than the required period.", None, []),
    ],
    "SSAE-19": [
        (
            "G5.14",
            "medium",
            "Anomaly detection thresholds not reviewed since go-live.",
            None,
            [
                (
                    "Review and re-baseline anomaly detection thresholds quarterly.",
                    "2019-03-15",
                    "2019-06-28",
                    "in_progress",
                    None,
                )
            ],
        ),
    ],
    "SSB-19": [
        (
            "G5.8",
            "high",
            "New hosting provider used without an assurance of its controls.",
            None,
            [
                (
                    "Obtain an independent assurance report of the hosting provider.",
                    "2019-03-01",
                    "2019-09-30",
                    "agreed",
                    None,
                )
            ],
        ),
    ],
    "OUM-19": [
        (
            "G5.14",
            "medium",
            "Change of Shared Resource Provider not risk-assessed.",
            77,
            [
                (
                    "Complete and submit a risk assessment of the new provider.",
                    "2019-05-13",
                    "2019-07-31",
                    "in_progress",
                    None,
                )
            ],
        ),
    ],
    "OUN-19": [
        (
            "G3.2(a)",
            "high",
            "User System components without security patches for more than six months.",
            78,
            [
                (
                    "Patch the User System and adopt a monthly patching cycle.",
                    "2019-05-27",
                    "2019-07-31",
                    "agreed",
                    None,
                )
            ],
        ),
        (
            "G6.3",
            "high",
            "No tested security incident management plan.",
            78,
            [
                (
                    "Write and test a security incident management plan.",
                    "2019-05-27",
                    "2019-09-30",
                    "proposed",
                    None,
                )
            ],
        ),
    ],
}

# Director's Letters: key, party, answers assessment, submitted, subject, approved at meeting.
LETTERS = [
    (
        "SSN",
        ("small_supplier", "N"),
        "SSN-18",
        "2019-02-11",
        "The director confirms that supplier assurance will be extended to every service provider by June 2019.",
        72,
    ),
    (
        "SSAE",
        ("small_supplier", "AE"),
        "SSAE-19",
        "2019-03-25",
        "The director commits to quarterly reviews of anomaly detection thresholds.",
        75,
    ),
    (
        "SSB",
        ("small_supplier", "B"),
        "SSB-19",
        "2019-04-12",
        "The director commits to obtaining assurance of the hosting provider by September 2019.",
        76,
    ),
]

NOTIFICATIONS = [
    (
        "LSB",
        ("large_supplier", "B"),
        "2019-02-14",
        "A second User System for prepayment services, hosted separately from the first.",
        "next_annual",
    ),
]


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
