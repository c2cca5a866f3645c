"""The one door's view of a person: built from the directory's memberships and the meetings'
attendance, once per request. Meetings build it because they are the lowest layer that knows
both."""

from __future__ import annotations

from contextvars import ContextVar
from typing import cast

from django.utils.functional import SimpleLazyObject

from secretariat.audit.elevation import active_elevation
from secretariat.core import clock
from secretariat.directory.models import MEMBER_ROLES, Membership, Person, Role
from secretariat.directory.signin import session_second_factor
from secretariat.labels.access import ANONYMOUS, Reader, Term, covers
from secretariat.meetings.models import Attendance

# The request being answered, so that a reader built for its user (by the middleware, or by a
# service the view calls) carries what its session proved.
_request: ContextVar = ContextVar("secretariat_request", default=None)


def _second_factor(user) -> bool:
    request = _request.get()
    if request is None:
        # No session at all: a command or a system actor, already inside the database.
        return True
    signed_in = getattr(request, "user", None)
    if signed_in is None or signed_in.pk != user.pk:
        return False
    return session_second_factor(request)


def reader_for(user, *, second_factor: bool | None = None) -> Reader:
    """The reader behind a Django user: three small queries, once per request.

    `second_factor` says whether the session proved one; by default it is read from the request
    being answered (and is true outside any request: commands and system actors)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    if second_factor is None:
        second_factor = _second_factor(user)
    relation = Person._meta.get_field("user").remote_field
    if relation.is_cached(user):
        # Loaded with the user by the sign-in backend, organisation included.
        person = cast("Person | None", relation.get_cached_value(user))
    else:
        person = Person.objects.select_related("organisation").filter(user_id=user.pk).first()
    # A superuser reads as the person they are, unless they broke the glass (docs/access.md).
    elevation = active_elevation(user) if user.is_superuser else None
    elevation_id = elevation.pk if elevation is not None else None
    if person is None:
        # A signed-in account that belongs to no person of the directory: an outsider.
        return Reader(user_id=user.pk, elevation_id=elevation_id, second_factor=second_factor)
    memberships = list(
        Membership.objects.filter(person_id=person.pk)
        .order_by()  # the default ordering would join bodies and people for nothing
        .values_list("body_id", "role", "term_start", "term_end")
    )
    today = clock.today()
    is_secretariat = any(
        role == Role.SECRETARIAT and covers(start, end, today)
        for _, role, start, end in memberships
    )
    organisation = person.organisation
    # The community: users of an SEC Party, the secretariat, and whoever holds a seat on a body.
    seated = any(
        role != Role.SECRETARIAT and covers(start, end, today)
        for _, role, start, end in memberships
    )
    return Reader(
        user_id=user.pk,
        person_id=person.pk,
        organisation_id=organisation.pk if organisation else None,
        is_secretariat=is_secretariat,
        is_community=is_secretariat or seated or bool(organisation and organisation.is_sec_party),
        terms=tuple(
            Term(body_id, start, end)
            for body_id, role, start, end in memberships
            if role in MEMBER_ROLES
        ),
        today=today,
        elevation_id=elevation_id,
        second_factor=second_factor,
        roles=tuple(memberships),
        attendance=(
            Attendance.objects.filter(person_id=person.pk, status__in=Attendance.HEARD)
            .order_by()  # the default ordering would join meetings and bodies for nothing
            .values_list("meeting_id", flat=True)
        ),
    )


class ReaderMiddleware:
    """Puts `request.reader` (the one door's view of the user) on every request, built lazily."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The session's second factor is read with the reader, not from the context variable:
        # a streamed response may build the reader after this middleware has returned.
        request.reader = SimpleLazyObject(
            lambda: reader_for(request.user, second_factor=session_second_factor(request))
        )
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
