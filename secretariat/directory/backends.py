"""Sign-in that refuses the demo accounts unless the server listens on loopback only; and the
account behind each request's session, kept in memory by the database's generation."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import router

from secretariat.core import generation
from secretariat.core.memory import Bounded, enabled
from secretariat.directory.models import Membership, Organisation, Person

# The accounts signed in lately: their user, person and organisation rows and memberships, by
# the database's generation and the user (core/generation.py: every write to those tables moves
# it on, so an account locked, changed or removed is read afresh by the next request). Values
# only: each request builds its own instances.
ACCOUNTS = 512
_accounts = Bounded(ACCOUNTS)


def listening_on_loopback() -> bool:
    address = (settings.SECRETARIAT_LISTEN_ADDRESS or "").strip().strip("[]")
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _values(instance) -> tuple | None:
    if instance is None:
        return None
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def _instance(model, using: str, values: tuple | None):
    if values is None:
        return None
    return model.from_db(using, [f.attname for f in model._meta.concrete_fields], values)


def _account(user_id, using: str):
    """The user with their person and organisation loaded (one query), and the person's
    memberships as `reader_for` reads them (one more), as values."""
    user = (
        get_user_model()
        ._default_manager.db_manager(using)
        .select_related("person__organisation")
        .filter(pk=user_id)
        .first()
    )
    if user is None:
        return None
    person = getattr(user, "person", None)
    organisation = person.organisation if person is not None else None
    memberships = (
        tuple(
            Membership.objects.using(using)
            .filter(person_id=person.pk)
            .order_by()  # the default ordering would join bodies and people for nothing
            .values_list("body_id", "role", "term_start", "term_end")
        )
        if person is not None
        else ()
    )
    return _values(user), _values(person), _values(organisation), memberships


def _user_from(account, using: str):
    user_values, person_values, organisation_values, memberships = account
    user = _instance(get_user_model(), using, user_values)
    person = _instance(Person, using, person_values)
    link = Person._meta.get_field("user")
    # As select_related leaves them: `user.person` (None for an account of no person) and the
    # person's organisation (None for none) read without a query.
    link.remote_field.set_cached_value(user, person)
    if person is not None:
        link.set_cached_value(person, user)
        Person._meta.get_field("organisation").set_cached_value(
            person, _instance(Organisation, using, organisation_values)
        )
    # For the reader of a request that writes nothing (meetings/readers.py).
    user.loaded_memberships = memberships
    return user


class LoopbackDemoBackend(ModelBackend):
    def get_user(self, user_id):
        # The person and organisation come with the user: the check below and the one door's
        # reader (meetings.readers.reader_for) both need them on every request, and the
        # memberships too. The generation is read before any of their rows, so an entry is
        # never older than its key.
        using = router.db_for_read(get_user_model())
        now = generation.current(using) if enabled() else None
        key = (now, user_id)
        account = _accounts.get(key) if now is not None else None
        if account is None:
            account = _account(user_id, using)
            if account is None:
                return None
            if now is not None:
                _accounts.put(key, account)
        user = _user_from(account, using)
        return user if self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        person = getattr(user, "person", None)
        if person is not None and person.is_demo and not listening_on_loopback():
            return False
        return True
