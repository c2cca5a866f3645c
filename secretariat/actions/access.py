"""Access to actions, on the labels' one rule: an action is in its meeting's scope, and its owner
is named on it."""

from __future__ import annotations

from django.db.models import QuerySet

from secretariat.actions.models import Action, ActionUpdate
from secretariat.audit.labelling import Fragment, register
from secretariat.labels.access import Reader, Scope
from secretariat.labels.models import highest


def visible_actions(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Action.objects.all() if queryset is None else queryset
    return queryset.filter(
        reader.q(
            body="meeting__body_id", meeting="meeting_id", date="meeting__date", people="owner_id"
        )
    )


def action_scope(action) -> Scope:
    return Scope(
        body_id=action.meeting.body_id,
        meeting_id=action.meeting_id,
        date=action.meeting.date,
        people=frozenset({action.owner_id}),
    )


def _describe_action(action, name: str) -> Fragment:
    return Fragment(highest([action.meeting.label, action.label]), (action_scope(action),))


def _describe_update(update, name: str) -> Fragment:
    action = update.action
    return Fragment(
        highest([action.meeting.label, action.label, update.label]), (action_scope(action),)
    )


def register_fragments() -> None:
    register(Action, _describe_action)
    register(ActionUpdate, _describe_update)
