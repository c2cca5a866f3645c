"""Every write to the action log."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.actions.models import Action, ActionUpdate
from secretariat.audit.services import apply_changes, audit_record
from secretariat.core.services import ServiceError, validated_save
from secretariat.core.validation import checks
from secretariat.directory.models import Person
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Meeting


def _next_reference(meeting: Meeting) -> str:
    prefix = f"{meeting.body.code}{meeting.number}/"
    taken = Action.objects.filter(meeting=meeting).count()
    return f"{prefix}{taken + 1:02d}"


@checks(Action)
@transaction.atomic
def action_raise(
    *,
    actor,
    item: AgendaItem,
    text: str,
    owner: Person,
    due_date: dt.date | None = None,
    label=None,
) -> Action:
    """Raise an action at an item. Its label is at least the item's, as derived fragments inherit."""
    if not isinstance(owner, Person):
        raise ServiceError({"owner": "An action's owner must be a person of the directory."})
    text = text.strip()
    if not text:
        raise ServiceError({"text": "An action says what is to be done."})
    meeting = item.meeting
    if due_date is not None and due_date < meeting.date:
        raise ServiceError(
            {"due_date": "An action cannot fall due before the meeting that raised it."}
        )
    label = Label(max(Label.parse(label) if label is not None else item.label, item.label))
    action = Action(
        meeting=meeting,
        item=item,
        text=text,
        owner=owner,
        due_date=due_date,
        label=label,
        reference=_next_reference(meeting),
    )
    validated_save(action)
    action.save()
    audit_record(actor=actor, verb="action.raise", obj=action, changes={"owner": owner.pk})
    return action


@checks(ActionUpdate)
@transaction.atomic
def action_update_record(
    *, actor, action: Action, meeting: Meeting, text: str, status: str, label=None
) -> ActionUpdate:
    """Record progress on an action at a later meeting of the same body."""
    if status not in Action.Status.values:
        raise ServiceError(
            {
                "status": f"{status!r} is not an action status: use "
                f"{', '.join(Action.Status.values)}."
            }
        )
    if meeting.body_id != action.meeting.body_id:
        raise ServiceError(
            {"meeting": "Actions are updated at meetings of the body that raised them."}
        )
    if meeting.date < action.meeting.date:
        raise ServiceError(
            {"meeting": "An update comes at or after the meeting that raised the action."}
        )
    if ActionUpdate.objects.filter(action=action, meeting=meeting).exists():
        raise ServiceError(
            {"meeting": f"{action.reference} already has an update at {meeting.reference}."}
        )
    label = Label(max(Label.parse(label) if label is not None else action.label, action.label))
    update = ActionUpdate(
        action=action, meeting=meeting, text=text.strip(), status=status, label=label
    )
    validated_save(update)
    update.save()
    changes: dict[str, object] = {"status": status}
    if status == Action.Status.COMPLETE and action.status != Action.Status.COMPLETE:
        changes["completed_on"] = meeting.date
    # Progress recorded at a meeting is a change like any other: it moves the action to a new
    # version, so a form opened before it cannot overwrite it.
    apply_changes(
        actor=actor,
        instance=action,
        changes=changes,
        verb="action.progress",
        allowed={"status", "completed_on"},
        version=Action.objects.values_list("version", flat=True).get(pk=action.pk),
    )
    audit_record(actor=actor, verb="action.update", obj=update)
    return update


@checks(Action)
@transaction.atomic
def action_edit(*, actor, action: Action, version, **changes) -> Action:
    """Change an action from the `version` the writer edited (a stale one is refused)."""
    if "owner" in changes and not isinstance(changes["owner"], Person):
        raise ServiceError({"owner": "An action's owner must be a person of the directory."})
    if "label" in changes:
        changes["label"] = Label.parse(changes["label"])
        if changes["label"] < action.item.label:
            raise ServiceError(
                {"label": "An action cannot be labelled below the item that raised it."}
            )
    apply_changes(
        actor=actor,
        instance=action,
        changes=changes,
        verb="action.edit",
        allowed={"text", "owner", "due_date", "label", "status", "completed_on"},
        version=version,
    )
    return action
