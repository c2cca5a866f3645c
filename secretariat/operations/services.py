"""Every write to the operations register: each checks its input (a bad value is a ServiceError
naming the field), runs in one transaction and ends with an audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.audit.services import apply_changes, audit_record
from secretariat.core.inputs import (
    optional_date,
    require_count,
    require_date,
    require_number,
    require_text,
)
from secretariat.core.services import ServiceError, actor_name, validated_save
from secretariat.directory.models import Body
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem
from secretariat.operations.models import (
    CpaCertificate,
    Device,
    Incident,
    IncidentCause,
    IncidentReview,
    Measure,
    MeasureValue,
    Milestone,
    OwedReport,
    RemediationDeadline,
    Reprioritisation,
    StreakRule,
    SubGroupIssue,
)


def _body(body) -> Body:
    if not isinstance(body, Body):
        raise ServiceError({"body": "Choose a body."})
    return body


def _item(item, field: str = "item") -> AgendaItem | None:
    if item is not None and not isinstance(item, AgendaItem):
        raise ServiceError({field: "Choose an agenda item."})
    return item


def _save(actor, instance, verb: str):
    actor_name(actor)
    validated_save(instance)
    instance.save()
    audit_record(actor=actor, verb=verb, obj=instance)
    return instance


def _label(value, default: Label) -> Label:
    return Label.parse(default if value is None else value)


@transaction.atomic
def cause_add(*, actor, name: str) -> IncidentCause:
    name = require_text(name, "name", max_length=200)
    if IncidentCause.objects.filter(name__iexact=name).exists():
        raise ServiceError({"name": f"‘{name}’ is already a cause."})
    return _save(actor, IncidentCause(name=name), "operations.cause_add")


@transaction.atomic
def incident_record(
    *,
    actor,
    body,
    reference: str,
    occurred_on,
    service: str,
    duration_minutes,
    severity,
    summary: str = "",
    causes=(),
    label=None,
) -> Incident:
    reference = require_text(reference, "reference", max_length=20).upper()
    if Incident.objects.filter(reference=reference).exists():
        raise ServiceError({"reference": f"{reference} is already recorded."})
    if severity not in Incident.Severity.values:
        raise ServiceError({"severity": "Category 1 or 2."})
    incident = _save(
        actor,
        Incident(
            body=_body(body),
            reference=reference,
            occurred_on=require_date(occurred_on, "occurred_on"),
            service=require_text(service, "service", max_length=200),
            duration_minutes=require_count(duration_minutes, "duration_minutes"),
            severity=severity,
            summary=(summary or "").strip(),
            label=_label(label, Label.AMBER),
        ),
        "operations.incident_record",
    )
    if causes:
        incident.causes.set(causes)
    return incident


@transaction.atomic
def incident_update(*, actor, incident: Incident, causes=None, **changes) -> dict:
    if "label" in changes:
        changes["label"] = Label.parse(changes["label"])
    if "duration_minutes" in changes:
        changes["duration_minutes"] = require_count(changes["duration_minutes"], "duration_minutes")
    diff = apply_changes(
        actor=actor,
        instance=incident,
        changes=changes,
        verb="operations.incident_update",
        allowed={"service", "duration_minutes", "severity", "summary", "label", "occurred_on"},
    )
    if causes is not None and set(causes) != set(incident.causes.all()):
        incident.causes.set(causes)
        audit_record(
            actor=actor,
            verb="operations.incident_causes",
            obj=incident,
            changes={"causes": [cause.name for cause in causes]},
        )
        diff["causes"] = [cause.name for cause in causes]
    return diff


@transaction.atomic
def incident_review(*, actor, incident: Incident, item: AgendaItem) -> IncidentReview:
    """Record that an agenda item reviewed an incident: the count of reviewed incidents in the
    Panel report is built on these."""
    if _item(item) is None:
        raise ServiceError({"item": "Choose an agenda item."})
    if item.meeting.date < incident.occurred_on:
        raise ServiceError({"item": "A meeting cannot review an incident before it happens."})
    found = IncidentReview.objects.filter(item=item, incident=incident).first()
    return found or _save(actor, IncidentReview(item=item, incident=incident), "operations.review")


@transaction.atomic
def measure_create(
    *,
    actor,
    body,
    code: str,
    name: str,
    target,
    minimum,
    higher_is_better=True,
    unit="%",
    report_phrase: str = "",
    label=None,
) -> Measure:
    code = require_text(code, "code", max_length=40).lower()
    if Measure.objects.filter(code=code).exists():
        raise ServiceError({"code": f"A measure {code} exists."})
    target = require_number(target, "target")
    minimum = require_number(minimum, "minimum")
    if (higher_is_better and minimum > target) or (not higher_is_better and minimum < target):
        raise ServiceError({"minimum": "The minimum level lies on the worse side of the target."})
    return _save(
        actor,
        Measure(
            body=_body(body),
            code=code,
            name=require_text(name, "name", max_length=200),
            unit=(unit or "").strip(),
            target=target,
            minimum=minimum,
            higher_is_better=bool(higher_is_better),
            report_phrase=(report_phrase or "").strip(),
            label=_label(label, Label.GREEN),
        ),
        "operations.measure_create",
    )


@transaction.atomic
def value_record(*, actor, measure: Measure, month, value) -> MeasureValue:
    """A month's value (a correction replaces the month's earlier value, audited)."""
    actor_name(actor)
    month = require_date(month, "month").replace(day=1)
    value = require_number(value, "value")
    found = MeasureValue.objects.filter(measure=measure, month=month).first()
    if found is not None:
        apply_changes(
            actor=actor,
            instance=found,
            changes={"value": value},
            verb="operations.value_correct",
            allowed={"value"},
        )
        return found
    return _save(
        actor, MeasureValue(measure=measure, month=month, value=value), "operations.value_record"
    )


@transaction.atomic
def streak_rule_set(*, actor, valid_from, months) -> StreakRule:
    months = require_count(months, "months")
    if months < 1:
        raise ServiceError({"months": "A streak is at least one month."})
    valid_from = require_date(valid_from, "valid_from")
    rule = StreakRule.objects.filter(valid_from=valid_from).first()
    if rule is not None:
        apply_changes(
            actor=actor,
            instance=rule,
            changes={"months": months},
            verb="operations.streak_rule",
            allowed={"months"},
        )
        return rule
    return _save(actor, StreakRule(valid_from=valid_from, months=months), "operations.streak_rule")


@transaction.atomic
def owed_report_create(
    *, actor, body, title: str, asked_on, due_on, owed_by=None, asked_at=None, label=None
) -> OwedReport:
    asked_on = require_date(asked_on, "asked_on")
    due_on = require_date(due_on, "due_on")
    if due_on < asked_on:
        raise ServiceError({"due_on": "A report cannot be due before it is asked for."})
    return _save(
        actor,
        OwedReport(
            body=_body(body),
            title=require_text(title, "title", max_length=300),
            owed_by=owed_by,
            asked_at=_item(asked_at, "asked_at"),
            asked_on=asked_on,
            due_on=due_on,
            label=_label(label, Label.AMBER),
        ),
        "operations.owed_report_create",
    )


@transaction.atomic
def owed_report_update(*, actor, report: OwedReport, **changes) -> dict:
    """Delivered, escalated (and to whom), a new due date or label."""
    for field in ("delivered_on", "escalated_on"):
        if field in changes:
            changes[field] = optional_date(changes[field], field)
            if changes[field] is not None and changes[field] < report.asked_on:
                raise ServiceError({field: "That is before the report was asked for."})
    if "due_on" in changes:
        changes["due_on"] = require_date(changes["due_on"], "due_on")
    if "label" in changes:
        changes["label"] = Label.parse(changes["label"])
    if changes.get("escalated_to") is not None:
        _body(changes["escalated_to"])
    return apply_changes(
        actor=actor,
        instance=report,
        changes=changes,
        verb="operations.owed_report_update",
        allowed={"delivered_on", "escalated_on", "escalated_to", "due_on", "label", "title"},
    )


@transaction.atomic
def issue_raise(
    *, actor, body, reference: str, title: str, raised_on, priority, label=None
) -> SubGroupIssue:
    reference = require_text(reference, "reference", max_length=20).upper()
    if SubGroupIssue.objects.filter(reference=reference).exists():
        raise ServiceError({"reference": f"{reference} is already in the log."})
    return _save(
        actor,
        SubGroupIssue(
            body=_body(body),
            reference=reference,
            title=require_text(title, "title", max_length=300),
            raised_on=require_date(raised_on, "raised_on"),
            priority=max(1, require_count(priority, "priority")),
            label=_label(label, Label.AMBER),
        ),
        "operations.issue_raise",
    )


@transaction.atomic
def issue_reprioritise(
    *, actor, issue: SubGroupIssue, priority, changed_on, reason: str = "", item=None
) -> Reprioritisation:
    priority = require_count(priority, "priority")
    if priority < 1:
        raise ServiceError({"priority": "1 is the most urgent."})
    if issue.status == SubGroupIssue.Status.CLOSED:
        raise ServiceError({"priority": "The issue is closed."})
    changed_on = require_date(changed_on, "changed_on")
    if changed_on < issue.raised_on:
        raise ServiceError({"changed_on": "That is before the issue was raised."})
    change = _save(
        actor,
        Reprioritisation(
            issue=issue,
            changed_on=changed_on,
            before=issue.priority,
            after=priority,
            reason=(reason or "").strip(),
            item=_item(item),
        ),
        "operations.issue_reprioritise",
    )
    issue.priority = priority
    issue.save(update_fields=["priority"])
    return change


@transaction.atomic
def issue_close(*, actor, issue: SubGroupIssue, closed_on, reason: str) -> dict:
    closed_on = require_date(closed_on, "closed_on")
    if closed_on < issue.raised_on:
        raise ServiceError({"closed_on": "That is before the issue was raised."})
    return apply_changes(
        actor=actor,
        instance=issue,
        changes={
            "status": SubGroupIssue.Status.CLOSED,
            "closed_on": closed_on,
            "closure_reason": require_text(reason, "reason"),
        },
        verb="operations.issue_close",
        allowed={"status", "closed_on", "closure_reason"},
    )


@transaction.atomic
def milestone_create(*, actor, body, programme: str, title: str, due_on, label=None) -> Milestone:
    return _save(
        actor,
        Milestone(
            body=_body(body),
            programme=require_text(programme, "programme", max_length=120),
            title=require_text(title, "title", max_length=300),
            due_on=require_date(due_on, "due_on"),
            label=_label(label, Label.WHITE),
        ),
        "operations.milestone_create",
    )


@transaction.atomic
def device_list(*, actor, body, manufacturer: str, model: str, listed_on, label=None) -> Device:
    manufacturer = require_text(manufacturer, "manufacturer", max_length=120)
    model = require_text(model, "model", max_length=120)
    if Device.objects.filter(manufacturer=manufacturer, model=model).exists():
        raise ServiceError({"model": "That device is on the list."})
    return _save(
        actor,
        Device(
            body=_body(body),
            manufacturer=manufacturer,
            model=model,
            listed_on=require_date(listed_on, "listed_on"),
            label=_label(label, Label.WHITE),
        ),
        "operations.device_list",
    )


@transaction.atomic
def certificate_add(
    *, actor, device: Device, number: str, issued_on, expires_on=None, conditional=False, label=None
) -> CpaCertificate:
    number = require_text(number, "number", max_length=40)
    if CpaCertificate.objects.filter(number=number).exists():
        raise ServiceError({"number": f"Certificate {number} is recorded."})
    issued_on = require_date(issued_on, "issued_on")
    expires_on = optional_date(expires_on, "expires_on")
    if expires_on is not None and expires_on < issued_on:
        raise ServiceError({"expires_on": "A certificate cannot expire before it is issued."})
    return _save(
        actor,
        CpaCertificate(
            device=device,
            number=number,
            issued_on=issued_on,
            expires_on=expires_on,
            conditional=bool(conditional),
            label=_label(label, Label.WHITE),
        ),
        "operations.certificate_add",
    )


@transaction.atomic
def deadline_set(
    *, actor, device: Device, deadline, note: str = "", label=None
) -> RemediationDeadline:
    return _save(
        actor,
        RemediationDeadline(
            device=device,
            deadline=require_date(deadline, "deadline"),
            note=(note or "").strip(),
            label=_label(label, Label.AMBER),
        ),
        "operations.deadline_set",
    )


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)
