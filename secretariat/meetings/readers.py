"""The one door's view of a person: built from the directory's memberships and the meetings'
attendance, once per request. Meetings build it because they are the lowest layer that knows
both."""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from typing import cast

from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from secretariat.audit.elevation import active_elevation
from secretariat.core import clock
from secretariat.directory.backends import keep_memberships
from secretariat.directory.models import MEMBER_ROLES, Membership, Person, Role
from secretariat.directory.signin import session_second_factor
from secretariat.labels.access import ANONYMOUS, Hearing, Reader, Term, covers
from secretariat.meetings.models import AgendaItem, Attendance


def hearing_of(person_id: int) -> Hearing:
    """What a person heard, as lazy queries of ids: nothing runs until a fragment asks."""

    def of(seated: bool) -> tuple:
        # The default orderings would join meetings and bodies for nothing.
        records = Attendance.objects.filter(
            person_id=person_id, status__in=Attendance.HEARD
        ).order_by()
        if seated:
            records = records.filter(capacity__in=Attendance.SEATED)
        meetings = records.values_list("meeting_id", flat=True)
        # Present throughout, or minuting it: the secretariat recorded at a meeting hears it all.
        whole = records.filter(
            Q(status=Attendance.Status.PRESENT) | Q(capacity=Attendance.Capacity.SECRETARIAT)
        ).values_list("meeting_id", flat=True)
        listed = Attendance.items_heard.through.objects.filter(
            attendance__in=records.filter(status=Attendance.Status.PART)
        ).values_list("agendaitem_id", flat=True)
        items = (
            AgendaItem.objects.filter(Q(pk__in=listed) | Q(parent_id__in=listed))
            .order_by()
            .values_list("pk", flat=True)
        )
        return meetings, whole, items

    def sets() -> dict[str, frozenset[int]]:
        # One row per item heard on part attendance (and per sub-point of it); one row for
        # any other attendance.
        rows = (
            Attendance.objects.filter(person_id=person_id, status__in=Attendance.HEARD)
            .order_by()
            .values_list(
                "meeting_id", "status", "capacity", "items_heard__id", "items_heard__sub_points__id"
            )
        )
        found: dict[str, set[int]] = {
            name: set()
            for prefix in ("", "seated_")
            for name in (f"{prefix}meetings", f"{prefix}whole", f"{prefix}items")
        }
        for meeting_id, status, capacity, item_id, sub_id in rows:
            prefixes = ("", "seated_") if capacity in Attendance.SEATED else ("",)
            for prefix in prefixes:
                found[f"{prefix}meetings"].add(meeting_id)
                if (
                    status == Attendance.Status.PRESENT
                    or capacity == Attendance.Capacity.SECRETARIAT
                ):
                    found[f"{prefix}whole"].add(meeting_id)
                elif status == Attendance.Status.PART:
                    found[f"{prefix}items"].update(i for i in (item_id, sub_id) if i is not None)
        return {name: frozenset(ids) for name, ids in found.items()}

    # Built once each, and only for a request whose queries ask the door about attendance.
    return Hearing(cache(of), sets, person_id=person_id)


# Requests that write nothing: the account's memberships may be kept from them.
SAFE = ("GET", "HEAD")

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


def reader_for(user, *, second_factor: bool | None = None, memberships=None) -> Reader:
    """The reader behind a Django user: three small queries, once per request.

    `second_factor` says whether the session proved one; by default it is read from the request
    being answered (and is true outside any request: commands and system actors).
    `memberships`: the person's, as (body, role, term start, term end), if already read."""
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
    if memberships is None:
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
        hearing=hearing_of(person.pk),
    )


class ReaderMiddleware:
    """Puts `request.reader` (the one door's view of the user) on every request, built lazily."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def reader(request) -> Reader:
        user = request.user
        # The memberships the sign-in backend read with the account (directory/backends.py), as
        # of the request's start: only for a request that writes nothing, so that a reader built
        # after a write in the same request reads them afresh.
        memberships = getattr(user, "loaded_memberships", None) if request.method in SAFE else None
        reader = reader_for(
            user, second_factor=session_second_factor(request), memberships=memberships
        )
        if memberships is None and reader.person_id is not None and request.method in SAFE:
            keep_memberships(user, reader.roles)
        return reader

    def __call__(self, request):
        # The session's second factor is read with the reader, not from the context variable:
        # a streamed response may build the reader after this middleware has returned.
        request.reader = SimpleLazyObject(lambda: self.reader(request))
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
