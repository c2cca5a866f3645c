"""Who hears about a body, and how: a person's own Subscription when they made one, otherwise
the defaults — every message for the body's current members (chair, members, alternates) and
its secretariat, a daily digest for whoever follows the body, nothing for anyone else.

An action's owner hears about their own action unless they chose nothing for its body."""

from __future__ import annotations

from django.db import transaction

from secretariat.audit.labelling import Fragment, register
from secretariat.audit.services import audit_record
from secretariat.core import clock
from secretariat.core.services import ServiceError, actor_name
from secretariat.directory.models import MEMBER_ROLES, Body, Membership, Person, Role
from secretariat.labels.access import Scope, covering_q
from secretariat.labels.models import Label
from secretariat.notifications.models import Mode, Subscription
from secretariat.workspace.office_models import BodyFollow


def default_modes(body: Body, *, owners=()) -> dict[int, str]:
    """{person id: mode} by default for the body's people (two queries)."""
    today = clock.today()
    modes: dict[int, str] = {
        person_id: Mode.DIGEST
        for person_id in BodyFollow.objects.filter(body=body).values_list("person_id", flat=True)
    }
    seated = Membership.objects.filter(covering_q(today), body=body).filter(
        role__in=[*MEMBER_ROLES, Role.SECRETARIAT]
    )
    for person_id in seated.values_list("person_id", flat=True):
        modes[person_id] = Mode.ALL
    for person_id in owners:
        modes[person_id] = Mode.ALL
    return modes


def modes_for(body: Body, *, owners=()) -> dict[int, str]:
    """{person id: mode} of everyone who hears about the body in some way (three queries)."""
    modes = default_modes(body, owners=owners)
    for person_id, mode in Subscription.objects.filter(body=body).values_list("person_id", "mode"):
        modes[person_id] = mode
    return {person_id: mode for person_id, mode in modes.items() if mode != Mode.NONE}


def mode_of(person: Person, body: Body) -> str:
    chosen = Subscription.objects.filter(person=person, body=body).values_list("mode", flat=True)
    for mode in chosen:
        return mode
    return default_modes(body).get(person.pk, Mode.NONE)


@transaction.atomic
def subscription_set(*, actor, person: Person, body: Body, mode: str) -> Subscription:
    """Set a person's mode for a body. A person chooses for themselves only: the actor is their
    own account (signed in, or the account an unsubscribe link was made for)."""
    actor_name(actor)
    if getattr(actor, "pk", None) is None or person.user_id != actor.pk:
        raise ServiceError({"person": "A person chooses their own notifications only."})
    if not isinstance(body, Body):
        raise ServiceError({"body": "Choose a body of the SEC."})
    if mode not in Mode.values:
        raise ServiceError({"mode": f"{mode!r} is not one of: {', '.join(Mode.values)}."})
    row, made = Subscription.objects.get_or_create(
        person=person, body=body, defaults={"mode": mode, "changed_at": clock.now()}
    )
    before = None if made else row.mode
    if not made and row.mode != mode:
        row.mode = mode
        row.changed_at = clock.now()
        row.save(update_fields=["mode", "changed_at"])
    if before != mode:
        audit_record(
            actor=actor,
            verb="notifications.subscribe",
            obj=row,
            summary=f"{person} hears {mode} of {body.display_code}",
            changes={"mode": mode},
        )
    return row


def _describe_subscription(row, name: str) -> Fragment:
    # What a person chose to hear is their own business, as who follows which body is.
    return Fragment(Label.RED, (Scope(people=frozenset({row.person_id})),))


def register_fragments() -> None:
    register(Subscription, _describe_subscription)
