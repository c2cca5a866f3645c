"""Reads of the action log that cross models."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from secretariat.actions.models import Action
from secretariat.meetings.models import Meeting


def outstanding_q(meeting: Meeting) -> Q:
    """The body's actions raised before `meeting` and not complete when it met."""
    return (
        Q(meeting__body_id=meeting.body_id, meeting__date__lt=meeting.date)
        & ~Q(status=Action.Status.COMPLETE, completed_on__lt=meeting.date)
        & ~Q(status=Action.Status.COMPLETE, completed_on__isnull=True)
    )


def outstanding_for(meeting: Meeting) -> QuerySet[Action]:
    """The body's actions raised before `meeting` and not complete when it met: listed for it
    automatically."""
    return (
        Action.objects.filter(outstanding_q(meeting))
        .select_related("meeting", "owner")
        .order_by("meeting__date", "reference")
    )


def raised_and_outstanding(meeting: Meeting) -> tuple[list[Action], list[Action]]:
    """The actions raised at `meeting` and those outstanding when it met, in one query, each
    in the log's order (meeting date, then reference)."""
    raised: list[Action] = []
    outstanding: list[Action] = []
    for action in (
        Action.objects.filter(Q(meeting=meeting) | outstanding_q(meeting))
        .select_related("meeting", "owner")
        .order_by("meeting__date", "reference")
    ):
        (raised if action.meeting_id == meeting.pk else outstanding).append(action)
    return raised, outstanding
