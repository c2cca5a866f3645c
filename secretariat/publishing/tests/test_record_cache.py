"""Meeting records from memory (publishing/cache.py): served warm, never once untrue.

Every test here warms the cache first, then changes what decides a reader's view (a label, an
attendance, the day) and reads again: what a reader sees must follow at once. Generated readers
check that a projection from memory is the one the door gives, whoever reads."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.actions.services import action_raise
from secretariat.core import clock
from secretariat.core.testing import TESTS
from secretariat.directory.models import Person
from secretariat.documents.labelled import project, questions
from secretariat.labels.access import Hearing, Reader, Term
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Attendance, Meeting
from secretariat.meetings.services import attendance_record, item_update
from secretariat.publishing import cache
from secretariat.publishing import record as record_module
from secretariat.publishing.record import meeting_record

REFERENCE = "SSC_72_2702"
URL = f"/meetings/{REFERENCE}/"
CANARY = "Canary of the warm cache"


@pytest.fixture
def builds(monkeypatch):
    """How many times the meeting's record was built from the database."""
    calls = []
    original = record_module.meeting_record

    def counting(meeting):
        calls.append(meeting.pk)
        return original(meeting)

    monkeypatch.setattr(cache, "meeting_record", counting)
    cache.clear()
    return calls


def _item() -> AgendaItem:
    return (
        AgendaItem.objects.filter(meeting__reference=REFERENCE, parent__isnull=True)
        .order_by("number")
        .first()
    )


def _label(item: AgendaItem, **changes) -> None:
    item.refresh_from_db()
    item_update(actor=TESTS, item=item, version=item.version, **changes)


def _page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    # The form's token differs from one response to the next.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_a_second_reading_comes_from_memory_in_fewer_queries(
    client_as, builds, django_assert_max_num_queries
):
    present = client_as("present")
    first = _page(present)
    assert builds == [Meeting.objects.get(reference=REFERENCE).pk]
    # A reader who answers the record's questions alike shares it; nothing is built again.
    with django_assert_max_num_queries(14):
        assert _page(present) == first
    _page(client_as("absent"))
    _page(client_as("anonymous"))
    assert len(builds) == 1


def test_a_label_raised_under_a_warm_cache_closes_the_text_at_once(client_as, builds):
    item = _item()
    _label(item, summary=CANARY, summary_label=Label.GREEN)
    party, anonymous, present = client_as("party"), client_as("anonymous"), client_as("present")
    assert CANARY in _page(party)
    assert CANARY not in _page(anonymous)
    _label(item, summary_label=Label.RED)
    assert CANARY not in _page(party)
    assert CANARY in _page(present)
    # Lowered to WHITE, the public reads it on their next request.
    _label(item, summary_label=Label.WHITE)
    assert CANARY in _page(anonymous)
    assert len(builds) == 3


def test_an_attendance_corrected_under_a_warm_cache_closes_red_at_once(client_as, builds):
    item = _item()
    _label(item, restricted_text=CANARY, label=Label.RED)
    present = client_as("present")
    assert CANARY in _page(present)
    person = Person.objects.get(user__username="present")
    meeting = Meeting.objects.get(reference=REFERENCE)
    attendance_record(
        actor=TESTS,
        meeting=meeting,
        person=person,
        status=Attendance.Status.APOLOGIES,
    )
    assert CANARY not in _page(present)


def test_a_register_record_relabelled_under_a_warm_cache_loses_its_link_at_once(client_as, builds):
    from secretariat.assurance.models import AgendaLink

    link = AgendaLink.objects.filter(
        item__meeting__reference=REFERENCE, assessment__isnull=False
    ).first()
    address = f'href="/assurance/assessments/{link.assessment.pk}/"'
    present = client_as("present")
    assert address in _page(present)
    # The item made RED and the member's attendance corrected to apologies: they no longer
    # heard it, so the same reader's next page drops the link (the officer keeps it).
    _label(link.item, label=Label.RED)
    attendance_record(
        actor=TESTS,
        meeting=Meeting.objects.get(reference=REFERENCE),
        person=Person.objects.get(user__username="present"),
        status=Attendance.Status.APOLOGIES,
    )
    assert address not in _page(present)
    assert address in _page(client_as("officer"))


def test_london_midnight_turns_the_key(client_as, builds, monkeypatch):
    meeting = Meeting.objects.get(reference=REFERENCE)
    today = clock.today()
    action_raise(
        actor=TESTS,
        item=_item(),
        text="Canary action falling due",
        owner=Person.objects.get(user__username="present"),
        due_date=today + dt.timedelta(days=1),
        label=Label.WHITE,
    )
    anonymous = client_as("anonymous")
    page = _page(anonymous)
    assert "Canary action falling due" in page
    line = page[page.index("Canary action falling due") :][:400]
    assert "(overdue)" not in line
    later = timezone.now() + dt.timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page = _page(anonymous)
    assert "(overdue)" in page[page.index("Canary action falling due") :][:400]
    assert builds == [meeting.pk, meeting.pk]


def test_an_elevated_reader_is_never_served_from_memory(db):
    assert cache.Read.start(Reader(user_id=1, elevation_id=1, second_factor=True)).key is None
    assert cache.Read.start(Reader()).key is not None


def test_it_can_be_turned_off(settings, client_as, builds):
    settings.SECRETARIAT_RECORD_CACHE = False
    client = client_as("present")
    _page(client)
    _page(client)
    assert len(builds) == 2


# -- generated readers -----------------------------------------------------------------------------


def _readers(meeting: Meeting, item_ids: list[int], organisation_ids: list[int]):
    days = st.sampled_from(
        [
            meeting.date - dt.timedelta(days=400),
            meeting.date,
            meeting.date + dt.timedelta(days=30),
            clock.today(),
        ]
    )
    ends = st.one_of(st.none(), days)
    terms = st.builds(Term, body_id=st.sampled_from([meeting.body_id, -1]), start=days, end=ends)
    ids = st.frozensets(st.sampled_from([meeting.pk, -1]))
    items = st.frozensets(st.sampled_from(item_ids))

    @st.composite
    def reader(draw) -> Reader:
        sets = {
            "meetings": draw(ids),
            "whole": draw(ids),
            "items": draw(items),
            "seated_meetings": draw(ids),
            "seated_whole": draw(ids),
            "seated_items": draw(items),
        }
        none = Meeting.objects.none()
        signed_in = draw(st.booleans())
        return Reader(
            user_id=1 if signed_in else None,
            person_id=draw(st.sampled_from([None, 1, 2])) if signed_in else None,
            organisation_id=draw(st.sampled_from([None, *organisation_ids])),
            is_secretariat=draw(st.booleans()),
            is_community=draw(st.booleans()),
            terms=tuple(draw(st.lists(terms, max_size=2))),
            hearing=Hearing(lambda seated: (none, none, none), sets=lambda: sets),
            second_factor=draw(st.booleans()),
        )

    return reader()


@pytest.mark.django_db
def test_generated_readers_read_from_memory_what_the_door_gives():
    meeting = Meeting.objects.select_related("body").get(reference=REFERENCE)
    cache.clear()
    item_ids = list(AgendaItem.objects.filter(meeting=meeting).values_list("pk", flat=True))
    document = meeting_record(meeting)
    organisation_ids = sorted(
        {scope.organisation_id for _, scope in questions(document) if scope.organisation_id}
    ) or [-1]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(_readers(meeting, item_ids, organisation_ids), min_size=2, max_size=4))
    def check(readers):
        for reader in readers:
            read = cache.Read.start(reader)
            assert read.key is not None
            expected = project(document, reader, audience="reader")
            assert read.projected(meeting) == expected

    check()
    # The readers shared one record, and their projections by their answers.
    assert len(cache._records) == 1
