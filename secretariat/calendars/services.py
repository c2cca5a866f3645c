"""Making and revoking a reader's personal calendar address, audited."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from secretariat.audit.services import audit_record
from secretariat.calendars.models import CalendarFeed
from secretariat.core import clock
from secretariat.core.services import ServiceError
from secretariat.core.validation import checks

# A reader keeps a handful of addresses (phone, laptop, a shared calendar), not hundreds.
MAX_ACTIVE = 10


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_person(actor) -> None:
    if not getattr(actor, "is_authenticated", False) or actor.pk is None:
        raise ServiceError({"actor": "Sign in to keep a personal calendar."})


@checks(CalendarFeed)
@transaction.atomic
def feed_create(*, actor, name: str) -> tuple[CalendarFeed, str]:
    """A new secret address for the actor's own calendar: the feed and its token, which is shown
    once and never stored."""
    _require_person(actor)
    name = " ".join(str(name or "").split())
    if not name:
        raise ServiceError({"name": "Name the calendar address (for example 'Phone')."})
    if len(name) > 80:
        raise ServiceError({"name": "A calendar address's name is at most 80 characters."})
    active = CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE:
        raise ServiceError(
            {"name": f"You have {active} calendar addresses: revoke one before making another."}
        )
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        user=actor, name=name, token_hash=token_hash(token), hint=token[:6]
    )
    audit_record(
        actor=actor, verb="calendar.create", obj=feed, changes={"name": name, "hint": feed.hint}
    )
    return feed, token


@transaction.atomic
def feed_revoke(*, actor, feed: CalendarFeed) -> CalendarFeed:
    _require_person(actor)
    if not isinstance(feed, CalendarFeed) or feed.user_id != actor.pk:
        raise ServiceError({"feed": "That calendar address is not yours."})
    locked = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if locked.revoked_at is not None:
        raise ServiceError({"feed": f"“{locked.name}” is already revoked."})
    locked.revoked_at = clock.now()
    locked.save(update_fields=["revoked_at"])
    audit_record(actor=actor, verb="calendar.revoke", obj=locked, changes={"name": locked.name})
    return locked


def feed_for(token: str) -> CalendarFeed | None:
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
