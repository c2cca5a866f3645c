"""Members follow up: the owner of an action reports its status with a note, and an officer of
the action's body confirms (the action takes the status, versioned and audited) or declines it.
People follow bodies. Every write here is a service: one transaction, ending with the audit."""

from __future__ import annotations

from django.db import transaction

from secretariat.actions.access import action_scope
from secretariat.actions.models import Action
from secretariat.actions.services import action_edit
from secretariat.audit.labelling import Fragment, register
from secretariat.audit.services import apply_changes, audit_record
from secretariat.core import clock
from secretariat.core.services import ServiceError, actor_name, validated_save
from secretariat.directory.models import Body, Person
from secretariat.labels.access import Scope
from secretariat.labels.models import Label, highest
from secretariat.meetings.access import may_publish
from secretariat.meetings.readers import reader_for
from secretariat.workspace.office_models import ActionReport, BodyFollow


def person_of(actor) -> Person | None:
    """The directory's person behind a signed-in actor (None for a system actor)."""
    user_id = getattr(actor, "pk", None)
    if not getattr(actor, "is_authenticated", False) or user_id is None:
        return None
    return Person.objects.filter(user_id=user_id).first()


def _status(value: str) -> str:
    if value not in Action.Status.values:
        raise ServiceError(
            {"status": f"{value!r} is not an action status: use {', '.join(Action.Status.values)}."}
        )
    return value


@transaction.atomic
def action_report_make(*, actor, action: Action, status: str, note: str, label=None):
    """The owner says where their action stands. Nothing on the action changes yet."""
    actor_name(actor)
    author = person_of(actor)
    if author is None or author.pk != action.owner_id:
        raise ServiceError({"action": f"Only the owner of {action.reference} reports on it."})
    status = _status(status)
    note = (note or "").strip()
    if not note:
        raise ServiceError({"note": "Say in a note what was done or what is holding it up."})
    if ActionReport.objects.filter(action=action, state=ActionReport.State.PENDING).exists():
        raise ServiceError(
            {"action": f"{action.reference} already has a report waiting for the secretariat."}
        )
    # The note is about the action, so it is at least as restricted as the action.
    label = Label(
        max(Label.parse(label) if label not in (None, "") else action.label, action.label)
    )
    report = ActionReport(
        action=action,
        author=author,
        status=status,
        note=note,
        label=label,
        made_at=clock.now(),
    )
    validated_save(report)
    report.save()
    audit_record(
        actor=actor, verb="action_report.make", obj=report, changes={"status": status, "note": note}
    )
    return report


@transaction.atomic
def action_report_decide(
    *, actor, report: ActionReport, accept: bool, version, note: str = ""
) -> ActionReport:
    """An officer of the action's body confirms the owner's report (the action takes its status
    from the `version` the officer saw: a stale one is refused) or declines it with a note."""
    action = report.action
    if not may_publish(reader_for(actor), action.meeting):
        raise ServiceError({"report": "Only an officer of the action's body decides on a report."})
    if report.state != ActionReport.State.PENDING:
        raise ServiceError({"report": "This report was decided already."})
    note = (note or "").strip()
    if not accept and not note:
        raise ServiceError({"decision_note": "Say why the report is declined."})
    if accept:
        changes: dict = {"status": report.status}
        if report.status == Action.Status.COMPLETE and action.status != Action.Status.COMPLETE:
            changes["completed_on"] = clock.today()
        action_edit(actor=actor, action=action, version=version, **changes)
    apply_changes(
        actor=actor,
        instance=report,
        changes={
            "state": ActionReport.State.CONFIRMED if accept else ActionReport.State.DECLINED,
            "decided_by": person_of(actor),
            "decided_at": clock.now(),
            "decision_note": note,
        },
        verb="action_report.confirm" if accept else "action_report.decline",
        allowed={"state", "decided_by", "decided_at", "decision_note"},
    )
    return report


@transaction.atomic
def body_follow(*, actor, person: Person, body: Body, follow: bool = True) -> bool:
    """Follow (or stop following) a body. A person chooses for themselves only."""
    actor_name(actor)
    me = person_of(actor)
    if me is None or me.pk != person.pk:
        raise ServiceError({"person": "A person follows bodies for themselves only."})
    existing = BodyFollow.objects.filter(person=person, body=body).first()
    if follow and existing is None:
        row = BodyFollow.objects.create(person=person, body=body, since=clock.now())
        audit_record(actor=actor, verb="body.follow", obj=row)
    elif not follow and existing is not None:
        audit_record(actor=actor, verb="body.unfollow", obj=existing)
        existing.delete()
    return follow


# -- the labelled diff ----------------------------------------------------------------------------


def _describe_report(report, name: str) -> Fragment:
    action = report.action
    return Fragment(
        highest([action.meeting.label, action.label, report.label]), (action_scope(action),)
    )


def _describe_follow(row, name: str) -> Fragment:
    # Who follows which body is the person's own business.
    return Fragment(Label.RED, (Scope(people=frozenset({row.person_id})),))


def register_fragments() -> None:
    register(ActionReport, _describe_report)
    register(BodyFollow, _describe_follow)
