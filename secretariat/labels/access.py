"""The one door: who may see a labelled fragment, and which records of a kind a reader may see.

Every read of a restricted record goes through here. The same rules answer two questions:

* `Reader.admits(label, scope)` for one fragment already in memory, and
* `visible(queryset, reader, ...)` for a kind of record, as a database filter.

A fragment's *scope* says where it belongs (body, meeting, organisation, named people); the label
says how far beyond that it may travel:

WHITE  anyone, signed in or not.
GREEN  the community: every signed-in user of an SEC Party or of the secretariat, and every
       holder of a current seat on a body (an independent chair has no party); and whoever may
       read RED in the fragment's scope (a guest reads all of the item they heard).
AMBER  members (chair, member, alternate) of the owning body whose term covers the fragment's
       date or today; the secretariat; the fragment's named people; anyone who may read RED in
       the same scope.
RED    for a meeting's item (a scope with an item), those who heard that item: recorded present
       for the whole meeting, or present for part of it with the item among those heard, and
       the secretariat officers recorded at the meeting; for a fragment of the meeting as a
       whole (no item), anyone recorded there for any part of it; for a paper, its named
       distribution; for a register entry, the scope may also open it to the secretariat and
       the organisation's own users, and may ask that hearers held a seat (`seated_only`:
       observers, guests and presenters then read it only where named).

A record the reader may not know about answers 404, exactly like a record that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from django.db.models import Q, QuerySet

from secretariat.core import clock
from secretariat.labels.models import Label


@dataclass(frozen=True)
class Scope:
    """Where a fragment belongs."""

    body_id: int | None = None
    meeting_id: int | None = None
    # The agenda item (or sub-point) within the meeting: RED on it reaches those who heard it.
    item_id: int | None = None
    date: dt.date | None = None
    organisation_id: int | None = None
    people: frozenset[int] = frozenset()
    # Register entries are open to the whole secretariat at RED; meeting items only to the
    # officers recorded at the meeting.
    secretariat_reads_red: bool = False
    # Register entries open at RED to those who heard their item holding a seat (chair, member,
    # alternate, secretariat); everyone else who heard it reads it only where named.
    seated_only: bool = False


PUBLIC_SCOPE = Scope()


@dataclass(frozen=True)
class Hearing:
    """What a reader heard, as lazy queries of ids built by whoever knows attendance
    (meetings.readers), so that the rule here imports no records. Each is built only when a
    query of the door asks for it, and evaluated inside that query.

    `queries(seated)` gives three:
    meetings  the meetings the reader was recorded at, for any part
    whole     the meetings of which the reader heard every item (present throughout, or a
              secretariat officer recorded there)
    items     the items (sub-points included) heard on part attendance
    counting, when `seated`, only attendance as chair, member, alternate or secretariat."""

    queries: Callable[[bool], tuple[QuerySet, QuerySet, QuerySet]]
    # All six sets at once (the three, and the seated three as `seated_...`), in one query,
    # for fragments asked about in Python.
    sets: Callable[[], dict[str, frozenset[int]]]
    # The person whose attendance in the database these are read from: then the database's
    # generation and the person fix them, and caches keyed by both may keep what they decide
    # (publishing/cache.py). None for sets given otherwise (a test's), never kept.
    person_id: int | None = None

    def of(self, seated: bool) -> tuple[QuerySet, QuerySet, QuerySet]:
        return self.queries(seated)


class Viewer(Protocol):
    """Anything that decides whether a fragment reaches it: a signed-in reader or an audience."""

    def admits(self, label: Label | int, scope: Scope) -> bool: ...


@dataclass(frozen=True)
class Term:
    body_id: int
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return covers(self.start, self.end, day)


def covers(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    """Whether a term from `start` to `end` (open-ended when None) is in force on `day`: the one
    answer to "is this membership current"."""
    return start <= day and (end is None or day <= end)


def covering_q(day: dt.date, *, start: str = "term_start", end: str = "term_end") -> Q:
    """The database form of `covers` for rows with a term."""
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


@dataclass
class Reader:
    """What the one door knows about the person reading. Built once per request."""

    user_id: int | None = None
    person_id: int | None = None
    organisation_id: int | None = None
    is_secretariat: bool = False
    is_community: bool = False
    terms: tuple[Term, ...] = ()
    today: dt.date = field(default_factory=clock.today)
    # Every membership as (body_id, role, term start, term end), secretariat and chair
    # included: pages that ask who may edit read them here instead of asking the database.
    roles: tuple[tuple[int, str, dt.date, dt.date | None], ...] = ()
    # What this reader heard (see Hearing); None for readers who are nobody of the directory.
    hearing: Hearing | None = None
    # A superuser's break-glass elevation, for a stated reason and a limited time: every fragment
    # reaches them, and every request they make meanwhile is audited with the records it read.
    # Without it a superuser reads as the person they are, like anyone else.
    elevation_id: int | None = None
    # Whether this session proved a second factor (a TOTP device or a recovery code). RED opens
    # only with it: without it RED meets the reader as if it were not there. A fact of the
    # session, not of the account, so whoever builds the reader from a request sets it.
    second_factor: bool = False

    @property
    def elevated(self) -> bool:
        return self.elevation_id is not None

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @cached_property
    def _heard(self) -> dict[str, frozenset[int]]:
        # One query, the first time a fragment asks.
        if self.person_id is None or self.hearing is None:
            return {}
        return self.hearing.sets()

    def heard_ids(self, which: str) -> frozenset[int]:
        """One of Hearing's sets (`meetings`, `whole`, `items`, `seated_...`), as ids."""
        return self._heard.get(which, frozenset())

    @property
    def attended_meeting_ids(self) -> frozenset[int]:
        return self.heard_ids("meetings")

    def heard(self, scope: Scope) -> bool:
        """Whether the reader heard the fragment's meeting (or, for an item's fragment, its
        item): the RED readers of a meeting."""
        if scope.meeting_id is None:
            return False
        prefix = "seated_" if scope.seated_only else ""
        if scope.item_id is None:
            return scope.meeting_id in self.heard_ids(prefix + "meetings")
        return scope.meeting_id in self.heard_ids(
            prefix + "whole"
        ) or scope.item_id in self.heard_ids(prefix + "items")

    # -- one fragment -------------------------------------------------------------------------

    def is_member(self, body_id: int | None, day: dt.date | None) -> bool:
        return any(
            term.body_id == body_id
            and (term.covers(self.today) or (day is not None and term.covers(day)))
            for term in self.terms
        )

    def _reads_red(self, scope: Scope) -> bool:
        return (
            self.heard(scope)
            or (self.person_id is not None and self.person_id in scope.people)
            or (scope.organisation_id is not None and scope.organisation_id == self.organisation_id)
            or (scope.secretariat_reads_red and self.is_secretariat)
        )

    def admits(self, label: Label | int, scope: Scope) -> bool:
        label = Label(label)
        if label == Label.RED and not self.second_factor:
            return False
        if label == Label.WHITE or self.elevated:
            return True
        if not self.is_authenticated:
            return False
        if label == Label.GREEN:
            # Whoever heard an item may read every fragment of it (docs/access.md): a guest
            # with no party reads the GREEN of what they heard.
            return self.is_community or self.is_secretariat or self._reads_red(scope)
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
        item: str | None = None,
        date: str | None = None,
        organisation: str | None = None,
        people: str | None = None,
        secretariat_reads_red: bool = False,
        seated_only: bool = False,
    ) -> Q:
        """The database form of `admits`, given the paths from the record to its scope. `item`
        is the path to the record's agenda item (which may be null: the record then belongs to
        the meeting as a whole)."""
        white = Q(**{label: Label.WHITE})
        if self.elevated:
            return Q() if self.second_factor else ~Q(**{label: Label.RED})
        if not self.is_authenticated:
            return white
        result = white
        red_readers = self._red_q(
            meeting=meeting,
            item=item,
            organisation=organisation,
            people=people,
            secretariat_reads_red=secretariat_reads_red,
            seated_only=seated_only,
        )
        if self.is_community or self.is_secretariat:
            result |= Q(**{label: Label.GREEN})
        else:
            result |= Q(**{label: Label.GREEN}) & red_readers
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
        if self.second_factor:
            result |= Q(**{label: Label.RED}) & red_readers
        return result

    def _red_q(
        self, *, meeting, item, organisation, people, secretariat_reads_red, seated_only
    ) -> Q:
        if secretariat_reads_red and self.is_secretariat:
            return Q()
        readers = Q(pk__in=[])
        if meeting is not None and self.person_id is not None and self.hearing is not None:
            meetings, whole, items = self.hearing.of(seated_only)
            if item is None:
                readers |= Q(**{f"{meeting}__in": meetings})
            else:
                readers |= (
                    (Q(**{f"{item}__isnull": True}) & Q(**{f"{meeting}__in": meetings}))
                    | Q(**{f"{meeting}__in": whole})
                    | Q(**{f"{item}__in": items})
                )
        if organisation is not None and self.organisation_id is not None:
            readers |= Q(**{organisation: self.organisation_id})
        if people is not None and self.person_id is not None:
            readers |= Q(**{people: self.person_id})
        return readers


ANONYMOUS = Reader()


def scope_to_json(scope: Scope) -> dict:
    """A scope as stored beside a labelled fragment (the audit log's diffs), to decide later."""
    stored: dict = {}
    for name, value in vars(scope).items():
        if isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        stored[name] = value
    return stored


def scope_from_json(stored: dict) -> Scope:
    """The scope back from `scope_to_json`; names this version does not know are dropped."""
    known = set(Scope.__dataclass_fields__)
    values: dict = {}
    for name, value in stored.items():
        if name not in known:
            continue
        if name == "people" or isinstance(Scope.__dataclass_fields__[name].default, frozenset):
            value = frozenset(value or ())
        elif name == "date" and value:
            value = dt.date.fromisoformat(value)
        values[name] = value
    return Scope(**values)
