"""Reads of the action log that cross models."""

from __future__ import annotations

from django.db.models import QuerySet

from secretariat.actions.models import Action
from secretariat.meetings.models import Meeting


def outstanding_for(meeting: Meeting) -> QuerySet[Action]:
    """The body's actions raised before `meeting` and not complete when it met: listed for it
    automatically."""
    return (
        Action.objects.filter(meeting__body_id=meeting.body_id, meeting__date__lt=meeting.date)
        .exclude(status=Action.Status.COMPLETE, completed_on__lt=meeting.date)
        .exclude(status=Action.Status.COMPLETE, completed_on__isnull=True)
        .select_related("meeting", "owner")
        .order_by("meeting__date", "reference")
    )
