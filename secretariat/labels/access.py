"""The one door: who may see a labelled fragment, and which records of a kind a reader may see.

Every read of a restricted record goes through here. The same rules answer two questions:

* `Reader.admits(label, scope)` for one fragment already in memory, and
* `visible(queryset, reader, ...)` for a kind of record, as a database filter.

A fragment's *scope* says where it belongs (body, meeting, organisation, named people); the label
says how far beyond that it may travel:

WHITE  anyone, signed in or not.
GREEN  the community: every signed-in user of an SEC Party or of the secretariat, and every
       holder of a current seat on a body (an independent chair has no party).
AMBER  members (chair, member, alternate) of the owning body whose term covers the fragment's
       date or today; the secretariat; the fragment's named people; anyone who may read RED in
       the same scope.
RED    for a meeting's fragment, those recorded present at that meeting (the minuting officers are
       recorded as secretariat attendance); for a paper, its named distribution; for a register
       entry, the scope may also open it to the secretariat and the organisation's own users.

A record the reader may not know about answers 404, exactly like a record that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol, cast

from django.db.models import Q, QuerySet
from django.http import Http404

from secretariat.labels.models import Label


@dataclass(frozen=True)
class Scope:
    """Where a fragment belongs."""

    body_id: int | None = None
    meeting_id: int | None = None
    date: dt.date | None = None
    organisation_id: int | None = None
    people: frozenset[int] = frozenset()
    # Register entries are open to the whole secretariat at RED; meeting items only to the
    # officers recorded at the meeting.
    secretariat_reads_red: bool = False


PUBLIC_SCOPE = Scope()


class Viewer(Protocol):
    """Anything that decides whether a fragment reaches it: a signed-in reader or an audience."""

    def admits(self, label: Label | int, scope: Scope) -> bool: ...


@dataclass(frozen=True)
class Term:
    body_id: int
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Reader:
    """What the one door knows about the person reading. Built once per request."""

    user_id: int | None = None
    person_id: int | None = None
    organisation_id: int | None = None
    is_secretariat: bool = False
    is_community: bool = False
    terms: tuple[Term, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)
    # Every membership as (body_id, role, term start, term end), secretariat and chair
    # included: pages that ask who may edit read them here instead of asking the database.
    roles: tuple[tuple[int, str, dt.date, dt.date | None], ...] = ()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @cached_property
    def attended_meeting_ids(self) -> frozenset[int]:
        if self.person_id is None:
            return frozenset()
        from secretariat.meetings.models import Attendance

        return frozenset(
            Attendance.objects.filter(person_id=self.person_id, status__in=Attendance.HEARD)
            .order_by()  # the default ordering would join meetings and bodies for nothing
            .values_list("meeting_id", flat=True)
        )

    # -- one fragment -------------------------------------------------------------------------

    def is_member(self, body_id: int | None, day: dt.date | None) -> bool:
        return any(
            term.body_id == body_id
            and (term.covers(self.today) or (day is not None and term.covers(day)))
            for term in self.terms
        )

    def _reads_red(self, scope: Scope) -> bool:
        return (
            (scope.meeting_id is not None and scope.meeting_id in self.attended_meeting_ids)
            or (self.person_id is not None and self.person_id in scope.people)
            or (scope.organisation_id is not None and scope.organisation_id == self.organisation_id)
            or (scope.secretariat_reads_red and self.is_secretariat)
        )

    def admits(self, label: Label | int, scope: Scope) -> bool:
        label = Label(label)
        if label == Label.WHITE:
            return True
        if not self.is_authenticated:
            return False
        if label == Label.GREEN:
            return self.is_community or self.is_secretariat
        if label == Label.AMBER:
            return (
                self.is_secretariat
                or self.is_member(scope.body_id, scope.date)
                or self._reads_red(scope)
            )
        return self._reads_red(scope)

    # -- a kind of record ---------------------------------------------------------------------

    def q(
        self,
        *,
        label: str = "label",
        body: str | None = None,
        meeting: str | None = None,
        date: str | None = None,
        organisation: str | None = None,
        people: str | None = None,
        secretariat_reads_red: bool = False,
    ) -> Q:
        """The database form of `admits`, given the paths from the record to its scope."""
        white = Q(**{label: Label.WHITE})
        if not self.is_authenticated:
            return white
        result = white
        if self.is_community or self.is_secretariat:
            result |= Q(**{label: Label.GREEN})
        red_readers = self._red_q(
            meeting=meeting,
            organisation=organisation,
            people=people,
            secretariat_reads_red=secretariat_reads_red,
        )
        if self.is_secretariat:
            result |= Q(**{label: Label.AMBER})
        else:
            members = Q(pk__in=[])
            if body is not None:
                for term in self.terms:
                    current = term.covers(self.today)
                    in_term = Q(**{f"{date}__gte": term.start}) if date else Q(pk__in=[])
                    if date and term.end is not None:
                        in_term &= Q(**{f"{date}__lte": term.end})
                    members |= Q(**{body: term.body_id}) & (Q() if current else in_term)
            result |= Q(**{label: Label.AMBER}) & (members | red_readers)
        result |= Q(**{label: Label.RED}) & red_readers
        return result

    def _red_q(self, *, meeting, organisation, people, secretariat_reads_red) -> Q:
        if secretariat_reads_red and self.is_secretariat:
            return Q()
        readers = Q(pk__in=[])
        if meeting is not None and self.person_id is not None:
            from secretariat.meetings.models import Attendance

            attended = Attendance.objects.filter(
                person_id=self.person_id, status__in=Attendance.HEARD
            ).values("meeting_id")
            readers |= Q(**{f"{meeting}__in": attended})
        if organisation is not None and self.organisation_id is not None:
            readers |= Q(**{organisation: self.organisation_id})
        if people is not None and self.person_id is not None:
            readers |= Q(**{people: self.person_id})
        return readers


ANONYMOUS = Reader()


def reader_for(user) -> Reader:
    """The reader behind a Django user: three small queries, once per request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    from secretariat.directory.models import MEMBER_ROLES, Membership, Person, Role

    relation = Person._meta.get_field("user").remote_field
    if relation.is_cached(user):
        # Loaded with the user by the sign-in backend, organisation included.
        person = cast("Person | None", relation.get_cached_value(user))
    else:
        person = Person.objects.select_related("organisation").filter(user_id=user.pk).first()
    if person is None:
        # A signed-in account that belongs to no person of the directory: an outsider.
        return Reader(user_id=user.pk)
    memberships = list(
        Membership.objects.filter(person_id=person.pk)
        .order_by()  # the default ordering would join bodies and people for nothing
        .values_list("body_id", "role", "term_start", "term_end")
    )
    today = dt.date.today()
    is_secretariat = any(
        role == Role.SECRETARIAT and start <= today and (end is None or today <= end)
        for _, role, start, end in memberships
    )
    organisation = person.organisation
    # The community: users of an SEC Party, the secretariat, and whoever holds a seat on a body.
    seated = any(
        role != Role.SECRETARIAT and start <= today and (end is None or today <= end)
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
        roles=tuple(memberships),
    )


# -- scopes and filters of the foundation's records ----------------------------------------------


def meeting_scope(meeting) -> Scope:
    return Scope(body_id=meeting.body_id, meeting_id=meeting.pk, date=meeting.date)


def visible_meetings(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    from secretariat.meetings.models import Meeting

    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.filter(reader.q(body="body_id", meeting="id", date="date"))


def visible_items(
    reader: Reader, queryset: QuerySet | None = None, *, label: str = "label"
) -> QuerySet:
    """Agenda items whose `label` field (the item's content label by default) the reader may see."""
    from secretariat.meetings.models import AgendaItem

    queryset = AgendaItem.objects.all() if queryset is None else queryset
    return queryset.filter(
        reader.q(label=label, body="meeting__body_id", meeting="meeting_id", date="meeting__date")
    )


def visible_actions(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    from secretariat.actions.models import Action

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


def get_meeting_or_404(reader: Reader, reference: str):
    """The meeting behind a reference, if the reader may know it exists."""
    from secretariat.meetings.models import Meeting

    meeting = (
        visible_meetings(reader, Meeting.objects.select_related("body"))
        .filter(reference=reference)
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def get_body_or_404(code: str):
    """Bodies are public: their names and codes are WHITE."""
    from secretariat.directory.models import Body

    body = Body.objects.select_related("parent").filter(code__iexact=code).first()
    if body is None:
        raise Http404("No such body.")
    return body


def party_name(reader: Viewer, organisation) -> str:
    """The organisation's real name where the reader may see it, else its pseudonym."""
    if organisation is None:
        return ""
    scope = Scope(organisation_id=organisation.pk, secretariat_reads_red=True)
    if reader.admits(organisation.name_label, scope):
        return organisation.name
    return organisation.public_name
