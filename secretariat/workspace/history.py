"""History where it is needed: each record's audited changes, read through the labelled diff
(`audit.labelling.project`), so a reader sees who changed what and when, and the before and after
only of the fields the door admits them to. And the auditor: a read-only role, held as a group.

A record's history opens to whoever may know the record exists and is either an officer of its
body, its named owner (an action's), or an auditor; everyone else gets 404, as for a page that
is not there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.http import Http404

from secretariat.actions.access import visible_actions
from secretariat.actions.models import Action
from secretariat.audit.labelling import ProjectedEvent, project
from secretariat.audit.models import AuditEvent
from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError, actor_name
from secretariat.labels.access import Reader
from secretariat.meetings.access import visible_meetings
from secretariat.meetings.models import AgendaItem, Meeting, Outcome
from secretariat.workspace.selectors import officer_body_ids

AUDITORS = "Auditors"
# A history page shows this many of the record's latest changes.
ROWS = 200


def is_auditor(user) -> bool:
    """Whether the signed-in user holds the auditor role (one query, then kept on the user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_secretariat_auditor", None)
    if cached is None:
        cached = user.groups.filter(name=AUDITORS).exists()
        user._secretariat_auditor = cached
    return cached


@transaction.atomic
def auditor_grant(*, actor, user, grant: bool = True) -> None:
    """Give (or take back) the auditor role: read-only pages of the ledger, the audit trail and
    the recorded deliveries. It admits to no content beyond the user's own standing."""
    actor_name(actor)
    if user is None or not getattr(user, "pk", None):
        raise ServiceError({"user": "Name the account that is to audit."})
    group, _ = Group.objects.get_or_create(name=AUDITORS)
    if grant:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    user.__dict__.pop("_secretariat_auditor", None)
    audit_record(
        actor=actor,
        verb="auditor.grant" if grant else "auditor.revoke",
        obj=user,
        summary=user.get_username(),
    )


@dataclass(frozen=True)
class Record:
    """A record whose history is asked for: what it is called, its body and its page."""

    model: type[models.Model]
    instance: models.Model
    name: str
    body_id: int
    owner_id: int | None = None


def _meeting(reader: Reader, pk: int) -> Record | None:
    meeting = visible_meetings(reader, Meeting.objects.select_related("body")).filter(pk=pk).first()
    return meeting and Record(Meeting, meeting, meeting.reference, meeting.body_id)


def _item(reader: Reader, pk: int) -> Record | None:
    item = AgendaItem.objects.filter(pk=pk).select_related("meeting").first()
    if item is None or not visible_meetings(reader).filter(pk=item.meeting_id).exists():
        return None
    return Record(
        AgendaItem, item, f"{item.meeting.reference} item {item.number}", item.meeting.body_id
    )


def _outcome(reader: Reader, pk: int) -> Record | None:
    outcome = Outcome.objects.filter(pk=pk).select_related("item__meeting").first()
    if outcome is None or not visible_meetings(reader).filter(pk=outcome.item.meeting_id).exists():
        return None
    meeting = outcome.item.meeting
    return Record(
        Outcome,
        outcome,
        f"{meeting.reference} item {outcome.item.number}, outcome",
        meeting.body_id,
    )


def _action(reader: Reader, pk: int) -> Record | None:
    action = visible_actions(reader, Action.objects.select_related("meeting")).filter(pk=pk).first()
    return action and Record(
        Action, action, action.reference, action.meeting.body_id, owner_id=action.owner_id
    )


# The kinds of record with a history page: the address's name -> how to open one through the door.
KINDS: dict[str, Callable[[Reader, int], Record | None]] = {
    "meeting": _meeting,
    "item": _item,
    "outcome": _outcome,
    "action": _action,
}


def record_or_404(reader: Reader, user, kind: str, pk: int) -> Record:
    opener = KINDS.get(kind)
    record = opener(reader, pk) if opener else None
    if record is None:
        raise Http404("No such record.")
    allowed = (
        record.body_id in officer_body_ids(reader)
        or (record.owner_id is not None and record.owner_id == reader.person_id)
        or is_auditor(user)
    )
    if not allowed:
        raise Http404("No such record.")
    return record


def history(reader: Reader, record: Record) -> list[ProjectedEvent]:
    """The record's audited changes, newest first, each as this reader may read it."""
    events = AuditEvent.objects.filter(
        object_type=record.model._meta.label_lower, object_id=str(record.instance.pk)
    ).order_by("-at", "-id")[:ROWS]
    return [project(event, reader) for event in events]
