"""Sign-in that refuses the demo accounts unless the server listens on loopback only; and the
account behind each request's session, kept in memory by the database's generation."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from contextvars import ContextVar
from typing import NamedTuple

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import router

from secretariat.core.memory import Bounded, enabled
from secretariat.directory.models import Organisation, Person


class _Account(NamedTuple):
    user: tuple
    person: tuple | None
    organisation: tuple | None
    # As `reader_for` reads them; None until a request that writes nothing has read them.
    memberships: tuple | None


# The accounts signed in lately, as values (each request builds its own instances), by the
# database's generation as read with the session (core/sessions.py) and the user: every write to
# the tables they are read from moves the generation on, so an account locked, changed or removed
# is read afresh by the next request.
ACCOUNTS = 512
_accounts = Bounded(ACCOUNTS)
# While `user_of` asks Django for the request's user: the generation its session was read at.
_session_generation: ContextVar[Callable[[], tuple[int, int] | None] | None] = ContextVar(
    "secretariat_session_generation", default=None
)


def listening_on_loopback() -> bool:
    address = (settings.SECRETARIAT_LISTEN_ADDRESS or "").strip().strip("[]")
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def forget_accounts() -> None:
    _accounts.clear()


def user_of(request):
    """`django.contrib.auth.middleware.get_user`, telling the backend the generation the
    request's session was read at (for this call only)."""
    if not hasattr(request, "_cached_user"):
        session = request.session
        token = _session_generation.set(lambda: getattr(session, "generation", None))
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _session_generation.reset(token)
    return request._cached_user


def keep_memberships(user, memberships) -> None:
    """The account's memberships, as a request that writes nothing read them after its session
    (so after the generation of the account's key)."""
    key = getattr(user, "account_key", None)
    account = _accounts.get(key) if key is not None else None
    if account is not None and account.memberships is None:
        _accounts.put(key, account._replace(memberships=tuple(memberships)))


def _values(instance) -> tuple | None:
    if instance is None:
        return None
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def _instance(model, using: str, values: tuple | None):
    if values is None:
        return None
    return model.from_db(using, [f.attname for f in model._meta.concrete_fields], values)


def _user_query(user_id, using: str):
    # The person and organisation come with the user in one query: the check below and the
    # one door's reader (meetings.readers.reader_for) both need them on every request.
    return (
        get_user_model()
        ._default_manager.db_manager(using)
        .select_related("person__organisation")
        .filter(pk=user_id)
        .first()
    )


def _user_from(account: _Account, using: str):
    user = _instance(get_user_model(), using, account.user)
    person = _instance(Person, using, account.person)
    link = Person._meta.get_field("user")
    # As select_related leaves them: `user.person` (None for an account of no person) and the
    # person's organisation (None for none) read without a query.
    link.remote_field.set_cached_value(user, person)
    if person is not None:
        link.set_cached_value(person, user)
        Person._meta.get_field("organisation").set_cached_value(
            person, _instance(Organisation, using, account.organisation)
        )
    user.loaded_memberships = account.memberships
    return user


class LoopbackDemoBackend(ModelBackend):
    def get_user(self, user_id):
        using = router.db_for_read(get_user_model())
        generation_of = _session_generation.get()
        now = generation_of() if generation_of is not None and enabled() else None
        if now is None:
            # Not asked for a request's session: read, never kept.
            user = _user_query(user_id, using)
        else:
            key = (now, user_id)
            account = _accounts.get(key)
            if account is None:
                found = _user_query(user_id, using)
                if found is None:
                    return None
                person = getattr(found, "person", None)
                account = _Account(
                    _values(found),
                    _values(person),
                    _values(person.organisation if person is not None else None),
                    None,
                )
                _accounts.put(key, account)
            user = _user_from(account, using)
            user.account_key = key
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        person = getattr(user, "person", None)
        if person is not None and person.is_demo and not listening_on_loopback():
            return False
        return True
