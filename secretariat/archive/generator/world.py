"""The directory of a synthetic archive: bodies (and their copies at scale), parties with
pseudonyms, people with accounts, and who held which seat when.

Everything here is planned in memory from one random generator and then written with
`bulk_create`, so the plan is the same for the same seed whatever the database does."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from secretariat.archive import vocabulary as words

# The body tree of the demo, which the archive reuses; created when the workspace lacks it.
from secretariat.directory.bodies import BODIES as BASE_BODIES
from secretariat.directory.models import (
    Body,
    Membership,
    Organisation,
    PartyCategory,
    Person,
    Role,
    default_term_end,
    pseudonym_after,
)
from secretariat.labels.access import covers
from secretariat.labels.models import Label

USERNAME_PREFIX = "archive-"

# SECAS officers look after groups of bodies; a body outside these groups gets its own officer.
OFFICER_GROUPS = [
    ("PANEL", "CSC", "CB"),
    ("SSC", "SCIRS", "SMKIPMA"),
    ("OPSG", "DQSG", "TABASC", "TAG"),
]

NAME_LABELS = {
    "dcc": Label.WHITE,
    "electricity_network": Label.GREEN,
    "gas_network": Label.GREEN,
    "shared_resource_provider": Label.GREEN,
}


@dataclass
class Tenure:
    """A person's hold on a seat (or on a body's secretariat) for one term."""

    person: Person
    role: str
    seat: str
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return covers(self.start, self.end, day)


@dataclass
class BodyPlan:
    """A body the archive gives meetings to, with its copy number and seat history."""

    body: Body
    base_code: str
    copy: int
    tenures: list[Tenure] = field(default_factory=list)


def copy_suffix(copy: int) -> str:
    """'' for the first body tree, then B, C, ... Z, AA, AB, ... ."""
    if copy == 1:
        return ""
    suffix = "A"
    for _ in range(copy - 1):
        suffix = pseudonym_after(suffix)
    return suffix


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


class World:
    """Plans and writes the directory for `first_year`..`last_year` of `scale` body trees."""

    def __init__(self, *, seed: int, first_year: int, last_year: int, scale: int, only=None):
        self.rng = random.Random(f"{seed}:world")
        self.first_day = dt.date(first_year, 1, 1)
        self.last_day = dt.date(last_year, 12, 31)
        self.scale = scale
        self.only = set(only) if only else None
        self.counts: dict[str, int] = defaultdict(int)
        self.parties: dict[str, list[Organisation]] = defaultdict(list)
        # The parties this run created (the registers plan for them, not for the demo's).
        self.new_parties: list[Organisation] = []
        self.secas: Organisation | None = None
        self.plans: list[BodyPlan] = []
        self.staff: list[Person] = []
        self._people: list[Person] = []
        self._names = set(Person.objects.values_list("full_name", flat=True))

    # -- bodies ---------------------------------------------------------------------------------

    def bodies(self) -> None:
        """The demo's tree (created where missing) and copies 2..scale whose codes end in a
        letter: SSCB, PANELB, ... . Not SSC2: action references join the body code and the
        meeting number (SSC21/01), so a code ending in a digit could collide with another
        body's (SSC2 meeting 1 and SSC meeting 21)."""
        existing = {body.code: body for body in Body.objects.all()}
        spec = {
            code: (name, short, parent, cadence)
            for code, name, short, parent, cadence in BASE_BODIES
        }
        for copy in range(1, self.scale + 1):
            suffix = copy_suffix(copy)
            for position, (code, (name, short, parent, cadence)) in enumerate(spec.items()):
                full_code = f"{code}{suffix}"
                body = existing.get(full_code)
                if body is None:
                    body = Body(
                        code=full_code,
                        name=name if copy == 1 else f"{name} ({suffix})",
                        short_name=short if copy == 1 else f"{short} {suffix}",
                        parent=existing[f"{parent}{suffix}"] if parent else None,
                        cadence=cadence,
                        position=position + 100 * (copy - 1),
                    )
                    # One row at a time: the tree is a handful of rows and a child needs its
                    # parent's key.
                    Body.objects.bulk_create([body])
                    existing[full_code] = body
                    self.counts["bodies"] += 1
                if self.only is None or code in self.only:
                    self.plans.append(BodyPlan(body=body, base_code=code, copy=copy))

    # -- parties --------------------------------------------------------------------------------

    def organisations(self) -> None:
        """About 150 SEC Parties in all, counting those already there, with pseudonyms filling
        the gaps of each category's sequence."""
        taken_names = set(Organisation.objects.values_list("name", flat=True))
        taken = defaultdict(set)
        for organisation in Organisation.objects.all():
            if organisation.category in words.PARTY_TARGETS:
                self.parties[organisation.category].append(organisation)
            if organisation.pseudonym:
                taken[organisation.category].add(organisation.pseudonym)
            if organisation.category == PartyCategory.CODE_ADMINISTRATOR and self.secas is None:
                self.secas = organisation
        new = []
        if self.secas is None:
            self.secas = Organisation(
                name="Code Administrator and Secretariat (SECAS)",
                category=PartyCategory.CODE_ADMINISTRATOR,
                name_label=Label.WHITE,
            )
            new.append(self.secas)
        for category, target in words.PARTY_TARGETS.items():
            pseudonym = ""
            for _ in range(target - len(self.parties[category])):
                pseudonym = pseudonym_after(pseudonym)
                while pseudonym in taken[category]:
                    pseudonym = pseudonym_after(pseudonym)
                taken[category].add(pseudonym)
                organisation = Organisation(
                    name=self._organisation_name(category, taken_names),
                    category=category,
                    pseudonym="" if category == PartyCategory.DCC else pseudonym,
                    name_label=NAME_LABELS.get(category, Label.RED),
                )
                self.parties[category].append(organisation)
                self.new_parties.append(organisation)
                new.append(organisation)
        Organisation.objects.bulk_create(new)
        self.counts["organisations"] += len(new)

    def _organisation_name(self, category: str, taken: set[str]) -> str:
        suffixes = words.CATEGORY_SUFFIXES[category]
        for attempt in range(1000):
            stem = self.rng.choice(words.NAME_STEMS) + self.rng.choice(words.NAME_TAILS)
            name = f"{stem} {self.rng.choice(suffixes)}"
            if attempt > 50:
                name = f"{stem} {attempt} {self.rng.choice(suffixes)}"
            if name not in taken:
                taken.add(name)
                return name
        raise RuntimeError("Ran out of organisation names.")  # pragma: no cover

    # -- people ---------------------------------------------------------------------------------

    def _person(self, organisation: Organisation | None) -> Person:
        for attempt in range(10_000):
            first = self.rng.choice(words.FIRST_NAMES)
            last = self.rng.choice(words.SURNAMES)
            name = f"{first} {last}"
            if attempt > 20:
                name = f"{first} {self.rng.choice(words.INITIALS)}. {last}"
            if attempt > 200:
                name = f"{first} {last} {attempt}"
            if name not in self._names:
                break
        self._names.add(name)
        person = Person(full_name=name, organisation=organisation)
        self._people.append(person)
        return person

    def _seat_holder(self, category: str) -> Person:
        if category == "independent":
            return self._person(None)
        source = words.SEAT_SOURCES.get(category, category)
        return self._person(self.rng.choice(self.parties[source]))

    def memberships(self) -> None:
        """Seats filled in 24-month terms, staggered by a year, with most holders re-elected;
        SECAS officers minute groups of bodies for a few years each."""
        for plan in self.plans:
            seats = words.SEATS.get(plan.base_code, words.DEFAULT_SEATS)
            index = 0
            for category, role, count in seats:
                for _ in range(count):
                    start = dt.date(self.first_day.year - 1 + index % 2, 1, 1)
                    holder = self._seat_holder(category)
                    while start <= self.last_day:
                        end = default_term_end(start)
                        seat = "" if category == "independent" and role != Role.CHAIR else category
                        plan.tenures.append(Tenure(holder, role, seat, start, end))
                        start = end + dt.timedelta(days=1)
                        if self.rng.random() > 0.6:
                            holder = self._seat_holder(category)
                    index += 1
        self._officers()
        for _category, parties in sorted(self.parties.items()):
            for organisation in parties:
                for _ in range(self.rng.choice((1, 1, 2))):
                    self.staff.append(self._person(organisation))

    def _officers(self) -> None:
        grouped: dict[tuple[int, str], list[BodyPlan]] = defaultdict(list)
        group_of = {code: group[0] for group in OFFICER_GROUPS for code in group}
        for plan in self.plans:
            grouped[(plan.copy, group_of.get(plan.base_code, plan.base_code))].append(plan)
        for key in sorted(grouped):
            start = _add_months(self.first_day, -self.rng.randint(0, 24))
            while start <= self.last_day:
                end = _add_months(start, self.rng.randint(36, 72)) - dt.timedelta(days=1)
                officer = self._person(self.secas)
                last = end >= self.last_day
                for plan in grouped[key]:
                    plan.tenures.append(
                        Tenure(officer, Role.SECRETARIAT, "", start, None if last else end)
                    )
                start = end + dt.timedelta(days=1)

    # -- writing --------------------------------------------------------------------------------

    def write(self) -> None:
        User = get_user_model()
        # An account each, so that the benchmark and tests can read as any of these people;
        # none can sign in (unusable passwords).
        usernames = [f"{USERNAME_PREFIX}{n:05d}" for n in range(1, len(self._people) + 1)]
        users = [
            User(
                username=username,
                email=f"{username}@archive.invalid",
                password=make_password(None),
            )
            for username in usernames
        ]
        User.objects.bulk_create(users, batch_size=500)
        for person, user in zip(self._people, users, strict=True):
            person.user = user
            person.email = user.email
        Person.objects.bulk_create(self._people, batch_size=500)
        rows = [
            Membership(
                person=tenure.person,
                body=plan.body,
                role=tenure.role,
                seat=tenure.seat,
                term_start=tenure.start,
                term_end=tenure.end,
            )
            for plan in self.plans
            for tenure in plan.tenures
        ]
        Membership.objects.bulk_create(rows, batch_size=500)
        self.counts["people"] += len(self._people)
        self.counts["memberships"] += len(rows)
