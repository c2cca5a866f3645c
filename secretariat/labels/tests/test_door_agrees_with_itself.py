"""The one door answers the same in Python (`admits`) and in the database (`q`), for every kind
of record it guards (meetings, agenda items and their sub-points, actions, outcomes, register
records), over generated meetings, labels, memberships and attendance with capacities and the
items each person heard."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.actions.access import action_scope, visible_actions
from secretariat.actions.models import Action
from secretariat.actions.services import action_raise
from secretariat.assurance.models import AgendaLink, Assessment
from secretariat.assurance.selectors import record_admits, visible_assessments
from secretariat.assurance.services.decisions import record_link
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.labels.models import Label
from secretariat.meetings.access import item_scope, meeting_scope, visible_items, visible_meetings
from secretariat.meetings.models import AgendaItem, Attendance, Meeting, Outcome
from secretariat.meetings.readers import reader_for
from secretariat.meetings.services import (
    attendance_record,
    item_add,
    meeting_create,
    outcome_record,
)

LABELS = st.sampled_from(list(Label))
PEOPLE = ["officer", "chair", "present", "absent", "party", "panel", "outsider"]
CAPACITIES = st.sampled_from(list(Attendance.Capacity.values))

# One person's attendance: a status, a capacity, and for part attendance which item positions
# (0-3) they heard.
attendances = st.tuples(
    st.sampled_from(["present", "part", "apologies"]),
    CAPACITIES,
    st.frozensets(st.integers(0, 3), max_size=3),
)

meetings = st.lists(
    st.tuples(
        st.sampled_from(["SSC", "OPSG", "PANEL"]),
        LABELS,
        st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)),
        # Each item: its label, and whether it has a sub-point (with its own label).
        st.lists(st.tuples(LABELS, st.none() | LABELS), min_size=1, max_size=4),
        st.dictionaries(st.sampled_from(PEOPLE[:6]), attendances),
    ),
    min_size=1,
    max_size=3,
)


def _make(generated) -> list[int]:
    made = []
    assessments = list(Assessment.objects.order_by("pk")[:4])
    for index, (code, label, date, item_labels, attendance) in enumerate(generated):
        body = Body.objects.get(code=code)
        meeting = meeting_create(
            actor=TESTS, body=body, number=5000 + index, date=date, label=label
        )
        items = []
        for position, (item_label, sub_label) in enumerate(item_labels):
            item = item_add(actor=TESTS, meeting=meeting, title="Generated", label=item_label)
            items.append(item)
            if sub_label is not None:
                item_add(actor=TESTS, meeting=meeting, parent=item, label=sub_label)
            owner = Person.objects.get(user__username=PEOPLE[position % len(PEOPLE)])
            action_raise(actor=TESTS, item=item, text="Generated action", owner=owner)
            outcome_record(
                actor=TESTS, meeting=meeting, item=item, verb="NOTED", text="it", label=item_label
            )
            if code == "SSC" and position < len(assessments):
                record_link(actor=TESTS, item=item, record=assessments[position])
        for username, (status, capacity, heard) in attendance.items():
            attendance_record(
                actor=TESTS,
                meeting=meeting,
                person=Person.objects.get(user__username=username),
                status=status,
                capacity=capacity,
                items_heard=[items[i] for i in heard if i < len(items)]
                if status == "part"
                else None,
            )
        made.append(meeting.pk)
    return made


def _outcomes_by_label(reader, queryset):
    # The outcome's own label in its item's scope (the back office's door adds, on top, only
    # meetings the reader may know of, checked by the meeting row above).
    return queryset.filter(
        reader.q(
            body="item__meeting__body_id",
            meeting="item__meeting_id",
            item="item_id",
            date="item__meeting__date",
        )
    )


def _kinds(made):
    """(name, records, door, scope, label field) for every kind the door guards."""
    items = AgendaItem.objects.filter(meeting_id__in=made).select_related("meeting")
    return [
        ("meeting", Meeting.objects.filter(pk__in=made), visible_meetings, meeting_scope, "label"),
        ("item", items, visible_items, item_scope, "label"),
        (
            "item title",
            items,
            lambda reader, qs: visible_items(reader, qs, label="title_label"),
            item_scope,
            "title_label",
        ),
        (
            "action",
            Action.objects.select_related("meeting"),
            visible_actions,
            action_scope,
            "label",
        ),
        (
            "outcome",
            Outcome.objects.filter(item__meeting_id__in=made).select_related("item__meeting"),
            _outcomes_by_label,
            lambda outcome: item_scope(outcome.item),
            "label",
        ),
    ]


def _agrees(reader, name, records, door, scope, label) -> None:
    expected = {row.pk for row in records if reader.admits(getattr(row, label), scope(row))}
    assert set(door(reader, records).values_list("pk", flat=True)) == expected, name


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(generated=meetings)
def test_it_filters_in_the_database_exactly_as_it_admits_in_python(db, user_of, generated):
    from django.db import transaction

    with transaction.atomic():
        made = _make(generated)
        assessments = Assessment.objects.prefetch_related(
            Prefetch("agenda_links", AgendaLink.objects.select_related("item__meeting"))
        )
        for username in [*PEOPLE, None]:
            reader = reader_for(user_of(username) if username else None)
            for kind in _kinds(made):
                _agrees(reader, *kind)
            expected = {a.pk for a in assessments if record_admits(reader, a.label, a)}
            visible = visible_assessments(reader, assessments).values_list("pk", flat=True)
            assert set(visible) == expected, username
        transaction.set_rollback(True)
