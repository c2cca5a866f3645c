"""Access to actions, on the labels' one rule: an action is in its item's scope, and its owner
is named on it."""

from __future__ import annotations

from django.db.models import QuerySet

from secretariat.actions.models import Action
from secretariat.labels.access import Reader, Scope


def visible_actions(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Action.objects.all() if queryset is None else queryset
    return queryset.filter(
        reader.q(
            body="meeting__body_id",
            meeting="meeting_id",
            item="item_id",
            date="meeting__date",
            people="owner_id",
        )
    )


def action_scope(action) -> Scope:
    return Scope(
        body_id=action.meeting.body_id,
        meeting_id=action.meeting_id,
        # An action is derived from its item, so it travels no further than the item's record.
        item_id=action.item_id,
        date=action.meeting.date,
        people=frozenset({action.owner_id}),
    )
