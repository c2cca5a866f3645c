"""The count sentences follow the assurance register, and only the register: for a generated
register, each count reads the number of decisions of its kind in each month of the period (in
words), a zero reads the seed's "No ... in <month>" sentence, and decisions outside the period,
highlights, non-compliances and other kinds of record leave the sentences as they were."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.assurance.services import agenda_place
from secretariat.core.testing import TESTS
from secretariat.reports.compiler import compile_report
from secretariat.reports.models import ReportSection
from secretariat.reports.services import draft_report
from secretariat.reports.tests.world import World

# Independent of the code under test: the words the seed uses for small numbers.
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
KINDS = ("fusa", "vusa", "ssa", "letter")
SECTION = {
    "fusa": "Assurance Status Decisions",
    "vusa": "Verification Assessments",
    "ssa": "Security Self-Assessments",
    "letter": "Director Letters",
}
IN_PERIOD = (4, 5)  # the default period of the report for June is March to May
OUTSIDE = (2, 6)

events = st.lists(st.tuples(st.sampled_from(KINDS), st.sampled_from(IN_PERIOD)), max_size=6)
noise = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(KINDS), st.sampled_from(OUTSIDE)),
        st.tuples(st.just("highlight"), st.sampled_from(IN_PERIOD)),
        st.tuples(st.just("non_compliance"), st.sampled_from(IN_PERIOD)),
        st.tuples(st.just("unheard"), st.sampled_from(IN_PERIOD)),
    ),
    min_size=1,
    max_size=4,
)


class Register:
    def __init__(self, world: World):
        self.world = world
        self.meetings = dict(world.ssc)
        for month in OUTSIDE:
            self.meetings[month] = world.meeting("SSC", dt.date(world.year, month, 4))

    def add(self, kind: str, month: int) -> None:
        world, meeting = self.world, self.meetings.get(month)
        if kind == "letter":
            world.letter(world.party(), meeting, "The director commits to a plan.")
        elif kind == "highlight":
            world.highlight(meeting, "A highlight", "Nothing to count.", report_label="RED")
        elif kind == "non_compliance":
            assessment = world.assessment(world.party(), "vusa")
            world.refer(assessment, meeting, "Not counted: referred, not decided.")
        elif kind == "unheard":
            # On the register and on an agenda, but no status set: nothing to count.
            agenda_place(
                actor=TESTS, meeting=meeting, record=world.assessment(world.party(), "ssa")
            )
        else:
            world.decide(world.assessment(world.party(), kind), meeting)

    def sentences(self) -> dict[str, list[str]]:
        compiled = compile_report(draft_report(self.world.panel_meeting))
        sections = {
            s.title: s
            for s in ReportSection.objects.filter(title__in=SECTION.values(), content="count")
        }
        result = {}
        for kind, title in SECTION.items():
            section = sections[title]
            intro = [p for p in section.text.split("\n\n") if p.strip()]
            paragraphs = compiled.texts[section.pk].split("\n\n")
            result[kind] = paragraphs[len(intro) :]
        return result


def expected_numbers(generated) -> dict[str, dict[int, int]]:
    numbers = {kind: {} for kind in KINDS}
    for kind, month in generated:
        numbers[kind][month] = numbers[kind].get(month, 0) + 1
    return numbers


def check(sentences: dict[str, list[str]], numbers: dict[str, dict[int, int]], year: int) -> None:
    for kind in KINDS:
        said = sentences[kind]
        months = sorted(numbers[kind])
        if not months:
            # Zero: one sentence, for the latest month of the period in which the SSC met (May).
            assert len(said) == 1, (kind, said)
            assert said[0].startswith(("No ", "The Security Sub-Committee (SSC) set no ")), said
            assert f"May {year}" in said[0]
            continue
        assert len(said) == len(months), (kind, said, numbers[kind])
        for sentence, month in zip(said, months, strict=True):
            month_name = f"{dt.date(year, month, 1):%B} {year}"
            assert month_name in sentence, (sentence, month_name)
            assert f" {WORDS[numbers[kind][month]]} " in f" {sentence} ", (sentence, numbers)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    generated=events,
    unrelated=noise,
    extra=st.sampled_from(KINDS),
    month=st.sampled_from(IN_PERIOD),
)
def test_it_counts_what_the_register_holds_and_only_that(db, generated, unrelated, extra, month):
    with transaction.atomic():
        world = World(year=2033)
        register = Register(world)
        for kind, when in generated:
            register.add(kind, when)
        numbers = expected_numbers(generated)
        before = register.sentences()
        check(before, numbers, world.year)

        # Anything but a decision of the period changes no count.
        for kind, when in unrelated:
            register.add(kind, when)
        assert register.sentences() == before

        # One more decision changes its own kind's sentences, and no other.
        register.add(extra, month)
        after = register.sentences()
        check(after, expected_numbers([*generated, (extra, month)]), world.year)
        assert after[extra] != before[extra]
        assert {k: v for k, v in after.items() if k != extra} == {
            k: v for k, v in before.items() if k != extra
        }
        transaction.set_rollback(True)
