"""The operations register of a synthetic archive, written in bulk like the meetings.

From the SEC's designation (or the archive's first year, whichever is later), the Operations
Group keeps a handful of the DCC's performance measures with a value each month, meets the Major
Incidents of each month at its next meeting (one "Major Incidents" item reviewing them all, as
the seed's "three Major Incidents from April" were), and asks the DCC for reports, most
delivered, some late, a few escalated to the Panel. The Data Quality Sub-Group keeps an issue log
whose priorities move and whose issues close with a reason; the SSC keeps devices on the
Certified Products List with their CPA certificates and, for a few, remediation deadlines.

The rows keep the register services' rules: references never taken twice (the demo's
MI-2019-04-01 and DQ-001 are skipped), one value per measure and month, dates in order (asked,
due, delivered), each review linked to an item of a held meeting. Labels are the models'
defaults: measures GREEN; incidents, reports owed, issues and remediation deadlines AMBER; the
Certified Products List WHITE.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from secretariat.archive.generator.schedule import Slot
from secretariat.archive.generator.world import World
from secretariat.archive.registers import ItemsAtMeetings, RegisterItem
from secretariat.directory.models import Organisation, PartyCategory
from secretariat.labels.models import Label
from secretariat.operations.models import (
    CpaCertificate,
    Device,
    Incident,
    IncidentCause,
    IncidentReview,
    Measure,
    MeasureValue,
    OwedReport,
    RemediationDeadline,
    Reprioritisation,
    SubGroupIssue,
)

SINCE = dt.date(2013, 9, 23)
# code, name, target, minimum, higher is better, typical value, spread
MEASURES = [
    (
        "archive-sr-response",
        "Service Requests answered within target",
        "99.5",
        "98",
        True,
        99.6,
        0.8,
    ),
    ("archive-alerts", "Alerts delivered within target", "99", "96", True, 99.2, 1.5),
    ("archive-install", "Communications Hubs installed first time", "97", "93", True, 97.0, 2.5),
    ("archive-wan", "WAN coverage queries answered correctly", "99", "97", True, 99.1, 1.0),
    ("archive-outage", "Unplanned service outage (hours a month)", "2", "6", False, 1.5, 2.5),
]
SERVICES = [
    "Service Request processing",
    "DCC User Interface",
    "Smart Metering Inventory",
    "Self-Service Interface",
    "SMKI Repository",
    "Communications Service Provider network (North)",
    "Communications Service Provider network (Central and South)",
]
ASKED = [
    "A root cause analysis of the {service} incidents",
    "A plan to recover the {service} performance measure",
    "An update on the {service} capacity forecast",
    "A report on the certificates held on meters for the {service}",
]
ISSUES = [
    "Duplicate Smart Metering Inventory records",
    "Install and commission dates out of order",
    "Missing Communications Hub locations",
    "Incorrect meter serial numbers in Service Requests",
    "Mismatched MPxN and device associations",
    "Stale address data after change of supplier",
]
MANUFACTURERS = ["Archive Meters Ltd", "Archive Hubs plc", "Archive Devices LLP", "Archive IHD Co"]
DEVICE_KINDS = ["ESME", "GSME", "PPMID", "IHD", "CAD"]


# The highlights an item of the register offers the Panel report, by the item's title.
HIGHLIGHTS = {
    "Major Incidents": (
        "Major Incidents",
        "The Operations Group reviewed {incidents} Major Incidents from {incident_months}.",
    ),
    "Reports requested of the DCC": (
        "Reports owed by the DCC",
        "The Operations Group noted the reports owed by the DCC: {overdue_reports}.",
    ),
}


def _month_after(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


class OperationsRegister(ItemsAtMeetings):
    name = "operations"
    # Its items name no party, so the bodies keep the topics that name one.
    decides_parties = False
    item_label = Label.AMBER
    highlights = HIGHLIGHTS

    @staticmethod
    def available() -> bool:
        return IncidentCause.objects.exists()

    def __init__(self, *, seed: int, world: World, slots: dict[int, list[Slot]], today: dt.date):
        self.rng = random.Random(f"{seed}:operations")
        self.world = world
        self.today = today
        self.start = max(SINCE, world.first_day)
        self.end = min(world.last_day, today - dt.timedelta(days=1))
        self.bodies = {plan.base_code: plan.body for plan in world.plans if plan.copy == 1}
        self._meetings(world, slots, today)
        self.reviews: dict[int, list[tuple[RegisterItem, Incident]]] = defaultdict(list)
        self.asked: dict[int, list[tuple[RegisterItem, OwedReport]]] = defaultdict(list)
        self.moved: dict[int, list[tuple[RegisterItem, Reprioritisation]]] = defaultdict(list)

    # -- before the meetings ---------------------------------------------------------------------

    def prepare(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        if "OPSG" in self.bodies:
            counts.update(self._measures(self.bodies["OPSG"]))
            counts.update(self._incidents(self.bodies["OPSG"]))
            counts.update(self._owed(self.bodies["OPSG"]))
        if "DQSG" in self.bodies:
            counts.update(self._issues(self.bodies["DQSG"]))
        if "SSC" in self.bodies:
            counts.update(self._devices(self.bodies["SSC"]))
        return counts

    def _months(self):
        month = self.start.replace(day=1)
        while month <= self.end:
            yield month
            month = _month_after(month)

    def _measures(self, body) -> dict[str, int]:
        taken = set(Measure.objects.values_list("code", flat=True))
        measures, values = [], []
        for code, name, target, minimum, higher, typical, spread in MEASURES:
            if code in taken:
                continue
            measure = Measure(
                body=body,
                code=code,
                name=name,
                unit="%" if higher else "hours",
                target=Decimal(target),
                minimum=Decimal(minimum),
                higher_is_better=higher,
            )
            measures.append(measure)
            level = typical
            for month in self._months():
                # A random walk that drifts back to its usual level: streaks happen, and end.
                level += self.rng.gauss(0, spread / 3) + (typical - level) * 0.3
                value = min(100.0, max(0.0, level)) if higher else max(0.0, level)
                values.append(
                    MeasureValue(measure=measure, month=month, value=Decimal(f"{value:.2f}"))
                )
        Measure.objects.bulk_create(measures)
        MeasureValue.objects.bulk_create(values, batch_size=2000)
        return {"performance measures": len(measures), "measure values": len(values)}

    def _incidents(self, body) -> dict[str, int]:
        taken = set(Incident.objects.values_list("reference", flat=True))
        causes = list(IncidentCause.objects.filter(active=True).order_by("name"))
        incidents, links = [], []
        for month in self._months():
            count = self.rng.choices([0, 1, 2, 3, 4], [40, 30, 17, 9, 4])[0]
            number = 0
            for _ in range(count):
                number += 1
                while f"MI-{month:%Y-%m}-{number:02d}" in taken:
                    number += 1
                reference = f"MI-{month:%Y-%m}-{number:02d}"
                taken.add(reference)
                day = month + dt.timedelta(days=self.rng.randint(0, 27))
                if day > self.end:
                    continue
                service = self.rng.choice(SERVICES)
                incident = Incident(
                    body=body,
                    reference=reference,
                    occurred_on=day,
                    service=service,
                    duration_minutes=self.rng.randint(30, 600),
                    severity=self.rng.choice([1, 2, 2, 2]),
                    summary=f"The {service} was unavailable or degraded.",
                )
                incidents.append(incident)
                if causes:
                    for cause in self.rng.sample(causes, self.rng.choice([1, 1, 2])):
                        links.append((incident, cause))
                # Reviewed at the Operations Group's first meeting after the month ends.
                slot = self._next("OPSG", _month_after(month))
                if slot is not None:
                    self._bring(
                        slot,
                        incident,
                        self.reviews,
                        "Major Incidents",
                        "The DCC presented its reports on the month's Major Incidents.",
                        ("NOTED", "the Major Incident reports"),
                    )
        Incident.objects.bulk_create(incidents, batch_size=1000)
        through = Incident.causes.through
        through.objects.bulk_create(
            [through(incident_id=i.pk, incidentcause_id=c.pk) for i, c in links], batch_size=2000
        )
        return {"major incidents": len(incidents)}

    def _owed(self, body) -> dict[str, int]:
        dcc = Organisation.objects.filter(category=PartyCategory.DCC).order_by("pk").first()
        panel = self.bodies.get("PANEL")
        owed = []
        for slot in self.runs.get("OPSG", []):
            if slot.date < self.start or self.rng.random() > 0.25:
                continue
            asked = slot.date
            due = asked + dt.timedelta(days=self.rng.randint(28, 90))
            report = OwedReport(
                body=body,
                owed_by=dcc,
                title=self.rng.choice(ASKED).format(service=self.rng.choice(SERVICES)),
                asked_on=asked,
                due_on=due,
            )
            late = self.rng.random()
            if late < 0.7:
                delivered = due - dt.timedelta(days=self.rng.randint(0, 20))
            elif late < 0.95:
                delivered = due + dt.timedelta(days=self.rng.randint(5, 120))
            else:
                delivered = None
            report.delivered_on = delivered if delivered and delivered <= self.end else None
            if (report.delivered_on is None or report.delivered_on > due + dt.timedelta(60)) and (
                panel is not None and self.rng.random() < 0.5
            ):
                escalated = due + dt.timedelta(days=60)
                if escalated <= self.end:
                    report.escalated_on, report.escalated_to = escalated, panel
            self._bring(
                slot,
                report,
                self.asked,
                "Reports requested of the DCC",
                "The Operations Group asked the DCC for reports.",
                ("AGREED", "the reports it asked of the DCC and their due dates"),
            )
            owed.append(report)
        # Written with the year's meetings, once the items that asked for them have keys.
        return {"reports owed": len(owed)}

    def _issues(self, body) -> dict[str, int]:
        taken = set(SubGroupIssue.objects.values_list("reference", flat=True))
        issues, number = [], 0
        for year in range(self.start.year, self.end.year + 1):
            for _ in range(self.rng.randint(2, 6)):
                number += 1
                reference = f"DQA-{number:03d}"
                if reference in taken:
                    continue
                raised = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))
                if not self.start <= raised <= self.end:
                    continue
                issue = SubGroupIssue(
                    body=body,
                    reference=reference,
                    title=self.rng.choice(ISSUES),
                    raised_on=raised,
                    priority=self.rng.randint(1, 4),
                )
                day = raised
                for _ in range(self.rng.choice([0, 0, 1, 2])):
                    slot = self._next("DQSG", day + dt.timedelta(days=20))
                    if slot is None:
                        break
                    day = slot.date
                    before, after = (
                        issue.priority,
                        max(1, min(4, issue.priority + self.rng.choice([-1, 1]))),
                    )
                    if before == after:
                        continue
                    issue.priority = after
                    item = self._item(
                        slot,
                        "Data Quality Issues",
                        "The sub-group reviewed the priorities of its open issues.",
                        ("AGREED", "the revised priorities of its issues"),
                    )
                    move = Reprioritisation(
                        issue=issue,
                        changed_on=day,
                        before=before,
                        after=after,
                        reason="Reprioritised at the sub-group's review of its issue log.",
                    )
                    self.moved[day.year].append((item, move))
                if self.rng.random() < 0.7:
                    closed = day + dt.timedelta(days=self.rng.randint(30, 400))
                    if closed <= self.end:
                        issue.status = SubGroupIssue.Status.CLOSED
                        issue.closed_on = closed
                        issue.closure_reason = "Resolved: the data were corrected at source."
                issues.append(issue)
        SubGroupIssue.objects.bulk_create(issues)
        return {"sub-group issues": len(issues)}

    def _devices(self, body) -> dict[str, int]:
        taken = set(Device.objects.values_list("manufacturer", "model"))
        numbers = set(CpaCertificate.objects.values_list("number", flat=True))
        devices, certificates, deadlines = [], [], []
        serial = 0
        for year in range(self.start.year, self.end.year + 1):
            for _ in range(self.rng.randint(3, 8)):
                serial += 1
                manufacturer = self.rng.choice(MANUFACTURERS)
                model = f"{self.rng.choice(DEVICE_KINDS)} Model A{serial}"
                listed = dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))
                if (manufacturer, model) in taken or not self.start <= listed <= self.end:
                    continue
                device = Device(body=body, manufacturer=manufacturer, model=model, listed_on=listed)
                devices.append(device)
                number = f"CPA-A-{serial:05d}"
                if number not in numbers:
                    conditional = self.rng.random() < 0.1
                    certificates.append(
                        CpaCertificate(
                            device=device,
                            number=number,
                            issued_on=listed,
                            expires_on=listed + dt.timedelta(days=6 * 365),
                            conditional=conditional,
                        )
                    )
                    if conditional:
                        deadline = listed + dt.timedelta(days=self.rng.randint(90, 365))
                        done = self.rng.random() < 0.6
                        remediated = deadline - dt.timedelta(days=self.rng.randint(0, 60))
                        deadlines.append(
                            RemediationDeadline(
                                device=device,
                                deadline=deadline,
                                remediated_on=remediated
                                if done and remediated <= self.end
                                else None,
                            )
                        )
                        if not done and deadline + dt.timedelta(days=90) <= self.end:
                            device.removed_on = deadline + dt.timedelta(days=90)
        Device.objects.bulk_create(devices)
        CpaCertificate.objects.bulk_create(certificates)
        RemediationDeadline.objects.bulk_create(deadlines)
        return {"certified devices": len(devices)}

    # -- with each year's meetings ---------------------------------------------------------------

    def write_year(self, year: int) -> dict[str, int]:
        reviews = [
            IncidentReview(item=item.item, incident=incident)
            for item, incident in self.reviews.pop(year, [])
            if item.item is not None
        ]
        IncidentReview.objects.bulk_create(reviews)
        owed = []
        for item, report in self.asked.pop(year, []):
            report.asked_at = item.item
            owed.append(report)
        OwedReport.objects.bulk_create(owed)
        moves = []
        for item, move in self.moved.pop(year, []):
            move.item = item.item
            moves.append(move)
        Reprioritisation.objects.bulk_create(moves)
        return {"incident reviews": len(reviews), "reports owed": len(owed)}
