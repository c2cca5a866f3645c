"""The operations register behind the June 2019 report and SSC_72.

From the seeds: three Major Incidents from April 2019, reviewed at the OPSG's May meeting, with
"large unexpected volumes of Service Requests, or other volume related issues" among their causes;
a performance measure related to OTA at AMBER or worse for five consecutive months; the DQSG's
issues ("Incorrect DNO certificates on Meters", "WAN Coverage Checker Accuracy" resolved, and the
incomplete address data it revealed); the DCC report on DNO certificates, outstanding for some
time; the Live Services Criteria dates (10 June, 17 June, 5 July and 12 July 2019); and, from
SSC_72, devices with conditional CPA certificates to be remediated by 25 June 2019 or considered
for removal from the CPL. What the seeds do not say (services, durations, values, device names)
is the demo's own and says so. Every write goes through the services; loading twice adds
nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from secretariat.directory.models import Body, Organisation
from secretariat.meetings.models import AgendaItem
from secretariat.operations.models import (
    Device,
    Incident,
    IncidentCause,
    Measure,
    Milestone,
    OwedReport,
    SubGroupIssue,
)
from secretariat.operations.services import (
    certificate_add,
    deadline_set,
    device_list,
    incident_record,
    incident_review,
    issue_close,
    issue_raise,
    issue_reprioritise,
    measure_create,
    milestone_create,
    owed_report_create,
    owed_report_update,
    value_record,
)

D = dt.date
VOLUMES = "Large unexpected volumes of Service Requests"
OTHER_VOLUMES = "Other volume related issues"

INCIDENTS = [
    # reference, day, service (demo), minutes (demo), severity, causes
    ("MI-2019-04-01", D(2019, 4, 3), "Demo: Service Request processing (North)", 310, 1, [VOLUMES]),
    ("MI-2019-04-02", D(2019, 4, 11), "Demo: Smart Metering Inventory", 145, 2, [OTHER_VOLUMES]),
    ("MI-2019-04-03", D(2019, 4, 26), "Demo: DCC User Interface (Central)", 95, 2, [VOLUMES]),
]

# code, name, the report's phrase, target, minimum, monthly values (first month, values)
MEASURES = [
    (
        "ota-firmware",
        "Over The Air (OTA) firmware upgrades completed on time",
        "a performance metric related to OTA",
        Decimal("99"),
        Decimal("96"),
        (D(2018, 10, 1), ["99.4", "99.1", "98.2", "97.5", "95.8", "96.4", "97.9"]),
    ),
    (
        "service-requests",
        "Service Requests processed within target response time",
        "",
        Decimal("99.5"),
        Decimal("98"),
        (D(2018, 10, 1), ["99.8", "99.7", "99.6", "99.2", "99.7", "99.6", "99.5"]),
    ),
]

ISSUES = [
    # reference, title, raised, priority, new priority at DQSG_12 (or None), closed reason
    ("DQ-001", "Incorrect DNO certificates on Meters", D(2018, 9, 6), 3, 1, ""),
    (
        "DQ-002",
        "WAN Coverage Checker Accuracy",
        D(2018, 9, 6),
        2,
        None,
        "Resolved: the checker's accuracy issue has been fixed.",
    ),
    (
        "DQ-003",
        "Incomplete address data: the field is not mandatory in the DUIS",
        D(2019, 5, 9),
        2,
        None,
        "",
    ),
]

OWED = "A report showing which certificates are on all meters, for Network Operators to check"

MILESTONES = [
    (D(2019, 6, 10), "OPSG initial feedback to the DCC on the draft LSC document"),
    (D(2019, 6, 17), "DCC further updated version of the LSC documents"),
    (D(2019, 7, 5), "DCC planned final LSC submission"),
    (D(2019, 7, 12), "OPSG extraordinary meeting to review the final LSC submission"),
]

DEVICES = [
    # manufacturer, model, listed, certificate
    ("Demo Meters Ltd", "ESME Model 4", D(2018, 3, 1), "CPA-DEMO-0041"),
    ("Demo Hubs plc", "PPMID Model 2", D(2018, 5, 1), "CPA-DEMO-0057"),
]
REMEDIATE_BY = D(2019, 6, 25)


def _item(code: str, year: int, month: int, title: str) -> AgendaItem | None:
    return AgendaItem.objects.filter(
        meeting__body__code=code,
        meeting__date__year=year,
        meeting__date__month=month,
        title=title,
    ).first()


def load(demo) -> None:
    actor = demo.actor
    opsg, dqsg, ssc = (Body.objects.get(code=code) for code in ("OPSG", "DQSG", "SSC"))
    review = _item("OPSG", 2019, 5, "Major Incidents")
    for reference, day, service, minutes, severity, causes in INCIDENTS:
        incident = Incident.objects.filter(reference=reference).first() or incident_record(
            actor=actor,
            body=opsg,
            reference=reference,
            occurred_on=day,
            service=service,
            duration_minutes=minutes,
            severity=severity,
            summary="Demo details: the seeds give only the month and the causes.",
            causes=list(IncidentCause.objects.filter(name__in=causes)),
        )
        if review is not None:
            incident_review(actor=actor, incident=incident, item=review)
    for code, name, phrase, target, minimum, (first, values) in MEASURES:
        if Measure.objects.filter(code=code).exists():
            continue
        measure = measure_create(
            actor=actor,
            body=opsg,
            code=code,
            name=name,
            report_phrase=phrase,
            target=target,
            minimum=minimum,
        )
        month = first
        for value in values:
            value_record(actor=actor, measure=measure, month=month, value=value)
            month = D(month.year + month.month // 12, month.month % 12 + 1, 1)
    dq_meeting = _item("DQSG", 2019, 5, "Data Quality Issues")
    for reference, title, raised, priority, new_priority, closed in ISSUES:
        if SubGroupIssue.objects.filter(reference=reference).exists():
            continue
        issue = issue_raise(
            actor=actor,
            body=dqsg,
            reference=reference,
            title=title,
            raised_on=raised,
            priority=priority,
        )
        if new_priority is not None:
            issue_reprioritise(
                actor=actor,
                issue=issue,
                priority=new_priority,
                changed_on=D(2019, 5, 9),
                reason="Reprioritisation of the remaining issues from the original RFI.",
                item=dq_meeting,
            )
        if closed:
            issue_close(actor=actor, issue=issue, closed_on=D(2019, 5, 9), reason=closed)
    if not OwedReport.objects.filter(title=OWED).exists():
        report = owed_report_create(
            actor=actor,
            body=opsg,
            title=OWED,
            owed_by=Organisation.objects.filter(category="dcc").first(),
            asked_on=D(2019, 1, 15),
            due_on=D(2019, 3, 31),
        )
        owed_report_update(
            actor=actor, report=report, escalated_on=D(2019, 5, 14), escalated_to=opsg
        )
    for day, title in MILESTONES:
        if not Milestone.objects.filter(due_on=day, title=title).exists():
            milestone_create(
                actor=actor, body=opsg, programme="Live Services Criteria", title=title, due_on=day
            )
    for manufacturer, model, listed, number in DEVICES:
        if Device.objects.filter(manufacturer=manufacturer, model=model).exists():
            continue
        device = device_list(
            actor=actor, body=ssc, manufacturer=manufacturer, model=model, listed_on=listed
        )
        certificate_add(
            actor=actor, device=device, number=number, issued_on=listed, conditional=True
        )
        deadline_set(
            actor=actor,
            device=device,
            deadline=REMEDIATE_BY,
            note="Not remediated by the deadline: the SSC considers removal from the CPL.",
        )
