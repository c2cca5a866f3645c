"""Generated worlds against the rules of docs/access.md, through the real door (HTTP).

Each world: a meeting of a body with a label, items with labels on every fragment (title,
summary, record, an action raised at each), and people with or without a party, a role on the
body with a term (current, ended after the meeting, begun after it), and attendance (present,
part with the items heard, apologies, none) in a capacity. Every person reads the meeting's page
and its API record; each labelled canary must appear exactly when the oracle below says.

The oracle is written from docs/access.md's tables, not from the door's code: it knows only
the generated facts. (Published versions are covered by the SSC_72 table and the crawl; a world
here publishes nothing, to stay within the time the suite allows.)
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.actions.services import action_raise
from secretariat.core import clock
from secretariat.core.testing import TESTS, sign_in
from secretariat.directory.models import Body, Person
from secretariat.directory.services import membership_create, organisation_create, person_create
from secretariat.labels.models import Label
from secretariat.meetings.services import attendance_record, item_add, meeting_create

MEETING_DAY = dt.date(2024, 5, 1)
LABELS = st.sampled_from(list(Label))
_numbers = itertools.count(7000)


@dataclass(frozen=True)
class PersonSpec:
    party: bool  # a user of an SEC Party, else of no organisation
    role: str | None  # chair, member, alternate, observer, secretariat on the body
    term: str  # current | ended (covers the meeting, not today) | later (today, not the meeting)
    status: str | None  # present | part | apologies | None (not recorded)
    capacity: str
    heard: frozenset[int]  # item positions heard, for part attendance
    second_factor: bool  # the session proved one (else signed in with the password alone)


people = st.builds(
    PersonSpec,
    party=st.booleans(),
    role=st.sampled_from([None, "chair", "member", "alternate", "observer", "secretariat"]),
    term=st.sampled_from(["current", "ended", "later"]),
    status=st.sampled_from([None, "present", "part", "apologies"]),
    capacity=st.sampled_from(["member", "alternate", "observer", "guest", "secretariat"]),
    heard=st.frozensets(st.integers(0, 2), max_size=3),
    second_factor=st.booleans(),
)
items = st.lists(
    st.tuples(LABELS, LABELS, LABELS), min_size=1, max_size=3
)  # title, summary, record
worlds = st.tuples(LABELS, items, st.lists(people, min_size=1, max_size=4))


# -- the oracle, from docs/access.md --------------------------------------------------------------


def _term_covers(spec: PersonSpec, day: dt.date) -> bool:
    start, end = {
        "current": (dt.date(2023, 1, 1), None),
        "ended": (dt.date(2023, 1, 1), dt.date(2025, 1, 1)),
        "later": (dt.date(2025, 2, 1), None),
    }[spec.term]
    return start <= day and (end is None or day <= end)


def _today_role(spec: PersonSpec) -> str | None:
    return spec.role if spec.role and _term_covers(spec, clock.today()) else None


def community(spec: PersonSpec) -> bool:
    """A party's user, a current seat on a body, or the secretariat."""
    return spec.party or _today_role(spec) is not None


def member(spec: PersonSpec) -> bool:
    """Chair, member or alternate with a term covering today or the meeting's date."""
    return spec.role in ("chair", "member", "alternate") and (
        _term_covers(spec, clock.today()) or _term_covers(spec, MEETING_DAY)
    )


def secretariat(spec: PersonSpec) -> bool:
    return _today_role(spec) == "secretariat"


def recorded(spec: PersonSpec) -> bool:
    return spec.status in ("present", "part")


def heard(spec: PersonSpec, position: int) -> bool:
    """Present (all items), part with the item among those heard, or the secretariat recorded
    at the meeting (every item)."""
    if spec.status == "present":
        return True
    if spec.status == "part":
        return spec.capacity == "secretariat" or position in spec.heard
    return False


def reads(spec: PersonSpec | None, label: Label, position: int) -> bool:
    if label == Label.WHITE:
        return True
    if spec is None or (label == Label.RED and not spec.second_factor):
        return False
    if heard(spec, position):
        return True  # whoever heard an item reads every fragment of it
    if label == Label.GREEN:
        return community(spec)
    if label == Label.AMBER:
        return secretariat(spec) or member(spec)
    return False


def knows_meeting(spec: PersonSpec | None, label: Label) -> bool:
    if label == Label.WHITE:
        return True
    if spec is None or (label == Label.RED and not spec.second_factor):
        return False
    if recorded(spec):
        return True
    if label == Label.GREEN:
        return community(spec)
    if label == Label.AMBER:
        return member(spec) or secretariat(spec)
    return False


# -- the world ----------------------------------------------------------------------------------


def _canary(kind: str, number: int, position: int) -> str:
    return f"QQ{kind}{number}X{position}QQ"


def _build(meeting_label, item_labels, specs):
    number = next(_numbers)
    body = Body.objects.get(code="SSC")
    meeting = meeting_create(
        actor=TESTS, body=body, number=number, date=MEETING_DAY, label=meeting_label
    )
    owner = Person.objects.get(user__username="officer")
    made = []
    for position, (title_label, summary_label, label) in enumerate(item_labels):
        item = item_add(
            actor=TESTS,
            meeting=meeting,
            title=_canary("T", number, position),
            title_label=title_label,
            summary=_canary("S", number, position),
            summary_label=summary_label,
            restricted_text=_canary("R", number, position),
            label=label,
        )
        action_raise(actor=TESTS, item=item, text=_canary("A", number, position), owner=owner)
        made.append(item)
    users = []
    for index, spec in enumerate(specs):
        organisation = None
        if spec.party:
            organisation = organisation_create(
                actor=TESTS, name=f"World party {number}-{index}", category="small_supplier"
            )
        person = person_create(
            actor=TESTS,
            full_name=f"World person {number}-{index}",
            username=f"world-{number}-{index}",
            organisation=organisation,
        )
        if spec.role:
            start, end = {
                "current": (dt.date(2023, 1, 1), None),
                "ended": (dt.date(2023, 1, 1), dt.date(2025, 1, 1)),
                "later": (dt.date(2025, 2, 1), None),
            }[spec.term]
            membership_create(
                actor=TESTS,
                person=person,
                body=body,
                role=spec.role,
                term_start=start,
                term_end=end,
                standard_term=False,
            )
        if spec.status:
            attendance_record(
                actor=TESTS,
                meeting=meeting,
                person=person,
                status=spec.status,
                capacity=spec.capacity,
                items_heard=[made[i] for i in sorted(spec.heard) if i < len(made)]
                if spec.status == "part"
                else None,
            )
        users.append(person.user)
    return meeting, number, users


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(world=worlds)
def test_it_shows_every_generated_reader_exactly_what_the_rules_allow(db, world):
    from django.db import transaction

    meeting_label, item_labels, specs = world
    with transaction.atomic():
        meeting, number, users = _build(meeting_label, item_labels, specs)
        for spec, user in [*zip(specs, users, strict=True), (None, None)]:
            client = Client()
            if user is not None:
                sign_in(client, user, second_factor=spec.second_factor)
            for url in (f"/meetings/{meeting.reference}/", f"/api/meetings/{meeting.reference}"):
                response = client.get(url)
                if spec is not None and secretariat(spec) and not spec.second_factor:
                    # The secretariat must prove its second factor before anything else.
                    assert response.status_code == 302, (spec, url)
                    continue
                if not knows_meeting(spec, meeting_label):
                    assert response.status_code == 404, (spec, url)
                    continue
                assert response.status_code == 200, (spec, url)
                text = response.content.decode()
                for position, (title_label, summary_label, label) in enumerate(item_labels):
                    for kind, fragment_label in (
                        ("T", title_label),
                        ("S", summary_label),
                        ("R", label),
                        ("A", label),
                    ):
                        expected = reads(spec, Label(fragment_label), position)
                        seen = _canary(kind, number, position) in text
                        assert seen is expected, (spec, url, kind, position, fragment_label)
        transaction.set_rollback(True)
