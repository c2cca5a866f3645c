"""The one act of its own this app adds: an officer announcing that a meeting's agenda and
papers are out. It is audited like every write, and the audit event is what tells the body
(events.py)."""

from __future__ import annotations

from django.db import transaction

from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError, actor_name
from secretariat.meetings.access import may_publish
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for


@transaction.atomic
def papers_announce(*, actor, meeting: Meeting) -> None:
    """Tell the body's people that the agenda and papers of `meeting` are published."""
    actor_name(actor)
    if not getattr(actor, "is_authenticated", False):
        raise ServiceError({"actor": "An officer of the body announces its papers."})
    if not may_publish(reader_for(actor), meeting):
        raise ServiceError({"meeting": "Only an officer of the body announces its papers."})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError({"meeting": f"{meeting.reference} is cancelled: it has no papers."})
    audit_record(
        actor=actor,
        verb="papers.announce",
        obj=meeting,
        summary=f"{meeting.reference}: agenda and papers announced",
    )
