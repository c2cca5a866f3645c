"""Messages that follow what someone did: the services that publish the papers, circulate the
draft minutes and cancel a meeting end with an audit event, and this hears those events. The
notices are made in the same transaction; the sending is queued on commit, so nothing is told of
a change that was rolled back, and the request does not wait for the mail relay.

Only a person's act tells anyone: the demo loader, the importer and the archive generator write
the same events while loading history, and nobody is told of meetings long past."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save

from secretariat.audit.models import AuditEvent
from secretariat.meetings.models import Meeting
from secretariat.notifications import notices
from secretariat.notifications.models import Kind
from secretariat.workspace.minutes_models import Circulation


def _queue(ids: list[int]) -> None:
    if ids:
        from secretariat.notifications.tasks import send_notices

        transaction.on_commit(lambda: send_notices.enqueue(ids))


def _cancelled(event: AuditEvent) -> list[int]:
    meeting = Meeting.objects.select_related("body").get(pk=event.object_id)
    return notices.make(
        body=meeting.body, kind=Kind.CANCELLED, key=f"cancelled:{meeting.pk}", meeting=meeting
    )


def _circulated(event: AuditEvent) -> list[int]:
    row = Circulation.objects.select_related("meeting__body").get(pk=event.object_id)
    meeting = row.meeting
    # Each circulation is its own occasion: circulating again after changes tells again.
    return notices.make(
        body=meeting.body,
        kind=Kind.MINUTES,
        key=f"minutes:{row.pk}",
        meeting=meeting,
        due_on=row.deadline,
    )


def _announced(event: AuditEvent) -> list[int]:
    meeting = Meeting.objects.select_related("body").get(pk=event.object_id)
    # Each announcement is its own occasion: papers added later may be announced again.
    return notices.make(
        body=meeting.body, kind=Kind.PAPERS, key=f"papers:{event.pk}", meeting=meeting
    )


HANDLERS = {
    "meeting.cancel": _cancelled,
    "minutes.circulate": _circulated,
    "papers.announce": _announced,
}


def _heard(sender, instance: AuditEvent, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or not created or instance.actor_id is None:
        return
    handler = HANDLERS.get(instance.verb)
    if handler is not None:
        _queue(handler(instance))


def connect() -> None:
    post_save.connect(_heard, sender=AuditEvent, dispatch_uid="notifications.events")
