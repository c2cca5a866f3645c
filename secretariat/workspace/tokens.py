"""Per-person API tokens: made, listed and revoked by their person on the workspace, presented
to the API as `Authorization: Bearer …`, and every making, revoking and failed use audited.

A token is `sct_<prefix>_<secret>`. The prefix finds the row and is shown on the tokens page;
the secret is random and only its SHA-256 digest is kept (a slow hash would add nothing to 32
random bytes and cost every request). A token carries no session, so its reader is the person
`off_site`: at most AMBER, never the second factor nor a break-glass elevation."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.db import transaction
from django.http import JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject

from secretariat.audit.services import audit_record
from secretariat.calendars.ics import off_site
from secretariat.core import clock
from secretariat.core.services import ServiceError, SystemActor
from secretariat.core.validation import checks
from secretariat.labels.access import Reader
from secretariat.meetings.readers import reader_for
from secretariat.workspace.token_models import ApiToken

# The writer of the audit events a failed use leaves: nobody signed in made that request.
API_TOKENS = SystemActor("api-token")
SCHEME = "sct"
# A person keeps a few tokens (one per integration), not hundreds.
MAX_ACTIVE = 10
# Recording every use would make each read a write; a minute is precise enough to see use.
LAST_USED_STEP = dt.timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_person(actor) -> None:
    if not getattr(actor, "is_authenticated", False) or actor.pk is None:
        raise ServiceError({"actor": "Sign in to keep API tokens."})


@checks(ApiToken)
@transaction.atomic
def token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new token for the actor: the row and the token itself, which is shown once and never
    stored."""
    _require_person(actor)
    name = " ".join(str(name or "").split())
    if not name:
        raise ServiceError({"name": "Name the token (for example 'Reporting')."})
    if len(name) > 80:
        raise ServiceError({"name": "A token's name is at most 80 characters."})
    active = ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE:
        raise ServiceError(
            {"name": f"You have {active} API tokens: revoke one before making another."}
        )
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    token = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiToken.objects.create(user=actor, name=name, prefix=prefix, digest=digest(token))
    audit_record(
        actor=actor, verb="api_token.create", obj=row, changes={"name": name, "prefix": prefix}
    )
    return row, token


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    _require_person(actor)
    if not isinstance(token, ApiToken) or token.user_id != actor.pk:
        raise ServiceError({"token": "That API token is not yours."})
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ServiceError({"token": f"“{locked.name}” is already revoked."})
    locked.revoked_at = clock.now()
    locked.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        verb="api_token.revoke",
        obj=locked,
        changes={"name": locked.name, "prefix": locked.prefix},
    )
    return locked


def _refused(row: ApiToken, reason: str, address: str) -> None:
    audit_record(
        actor=API_TOKENS,
        verb="api_token.failure",
        obj=row,
        summary=f"Refused API token {row.prefix}… ({reason})",
        changes={"reason": reason, "address": address},
    )


def token_authenticate(presented: str, *, address: str = "") -> ApiToken | None:
    """The live token presented, or None. A refusal of a token whose prefix names a row (a
    wrong secret, a revoked token, a deactivated account) is audited against that row; a string
    that names no token has nothing to record it against, as a sign-in with an unknown name."""
    parts = (presented or "").split("_", 2)
    if len(presented or "") > 200 or len(parts) != 3 or parts[0] != SCHEME:
        return None
    row = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if row is None:
        return None
    if not hmac.compare_digest(row.digest, digest(presented)):
        _refused(row, "wrong secret", address)
        return None
    if row.revoked_at is not None:
        _refused(row, "revoked", address)
        return None
    if not row.user.is_active:
        _refused(row, "account inactive", address)
        return None
    now = clock.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_STEP:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row


def token_reader(user) -> Reader:
    """What the door lets a token read: its person, as a channel without a session."""
    return off_site(reader_for(user, second_factor=False))


def _unauthorised(detail: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="secretariat"'
    return response


class ApiTokenMiddleware:
    """On the API, a bearer token signs its request in as the token's person (read at most at
    AMBER); an unknown or revoked token answers 401 in the API's error shape. Placed after the
    session's own middleware, so a token request never meets the second-factor redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path_info.startswith("/api/") and header[:7].lower() == "bearer ":
            token = token_authenticate(
                header[7:].strip(), address=request.META.get("REMOTE_ADDR", "")
            )
            if token is None:
                return _unauthorised("The API token is unknown, revoked or malformed.")
            user = token.user
            request.user = user
            request.api_token = token
            request.reader = SimpleLazyObject(lambda: token_reader(user))
            response = self.get_response(request)
            # What a token is answered depends on the token: no shared cache may keep it.
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Authorization",))
            return response
        return self.get_response(request)
