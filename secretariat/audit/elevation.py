"""Break-glass: a superuser reads beyond their own standing only for a stated reason and a
limited time, and every request they make meanwhile is audited with the records it read.

`elevation_start` and `elevation_end` are the services; `active_elevation(user)` is what the
reader is built from; `ElevatedReadsMiddleware` writes an `ElevatedRead` for each request made
under an elevation, listing every model row the request loaded.
"""

from __future__ import annotations

import contextvars
import datetime as dt

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_init

from secretariat.audit.models import ElevatedRead, Elevation
from secretariat.audit.services import audit_record
from secretariat.core import clock
from secretariat.core.services import ServiceError, actor_name

# One working session at most: an elevation is for a task, not a standing grant.
MAX_MINUTES = 240
MIN_REASON = 10
# Enough to say what a page read; the count says how many more there were.
RECORDS_KEPT = 5000


def active_elevation(user) -> Elevation | None:
    """The user's elevation in force now, if they are a superuser and have one."""
    if user is None or not getattr(user, "is_superuser", False) or not user.is_active:
        return None
    return (
        Elevation.objects.filter(user_id=user.pk, ended_at__isnull=True, ends_at__gt=clock.now())
        .order_by("-started_at")
        .first()
    )


@transaction.atomic
def elevation_start(*, actor, reason: str, minutes) -> Elevation:
    actor_name(actor)
    if not getattr(actor, "is_superuser", False):
        raise ServiceError({"reason": "Only a superuser may break the glass."})
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ServiceError(
            {"reason": f"State why, in at least {MIN_REASON} characters: it is kept with the log."}
        )
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        raise ServiceError(
            {"minutes": "Give the time needed as a whole number of minutes."}
        ) from None
    if not 1 <= minutes <= MAX_MINUTES:
        raise ServiceError({"minutes": f"Elevate for 1 to {MAX_MINUTES} minutes."})
    if active_elevation(actor) is not None:
        raise ServiceError({"reason": "An elevation is already in force: end it first."})
    now = clock.now()
    elevation = Elevation.objects.create(
        user=actor, reason=reason, started_at=now, ends_at=now + dt.timedelta(minutes=minutes)
    )
    audit_record(
        actor=actor,
        verb="elevation.start",
        obj=elevation,
        summary=f"{actor_name(actor)} elevated for {minutes} minutes",
        changes={"reason": reason, "ends_at": elevation.ends_at},
    )
    return elevation


@transaction.atomic
def elevation_end(*, actor) -> Elevation:
    elevation = active_elevation(actor)
    if elevation is None:
        raise ServiceError({"elevation": "No elevation is in force."})
    elevation.ended_at = clock.now()
    elevation.save(update_fields=["ended_at"])
    audit_record(
        actor=actor,
        verb="elevation.end",
        obj=elevation,
        summary=f"{actor_name(actor)} ended an elevation",
        changes={"reads": elevation.reads.count()},
    )
    return elevation


_loaded: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "elevated_loaded", default=None
)


def _note_loaded(sender, instance: Model, **kwargs) -> None:
    loaded = _loaded.get()
    if loaded is not None and instance.pk is not None:
        loaded.append(f"{instance._meta.label_lower}:{instance.pk}")


post_init.connect(_note_loaded, dispatch_uid="secretariat.audit.elevated_reads")


class ElevatedReadsMiddleware:
    """After the reader middleware: notes every row loaded while an elevated reader's request
    runs, and keeps them as that request's `ElevatedRead`. Rows read as bare values (counts,
    `values_list`) load no model and are not listed; the path says what was asked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not getattr(user, "is_superuser", False):
            return self.get_response(request)
        reader = getattr(request, "reader", None)
        if reader is None or not getattr(reader, "elevated", False):
            return self.get_response(request)
        elevation_id = reader.elevation_id
        token = _loaded.set([])
        try:
            response = self.get_response(request)
            if getattr(response, "streaming", False):
                # Streamed files load their records before the first chunk; render them now so
                # the list is complete when it is written.
                response.streaming_content = [b"".join(response.streaming_content)]
        finally:
            loaded = _loaded.get() or []
            _loaded.reset(token)
        unique = list(dict.fromkeys(loaded))
        ElevatedRead.objects.create(
            elevation_id=elevation_id,
            method=request.method[:8],
            path=request.get_full_path()[:2000],
            status=response.status_code,
            records=unique[:RECORDS_KEPT],
            record_count=len(unique),
        )
        return response
