"""The one door answers the same in Python (`admits`) and in the database (`q`), for generated
meetings, labels, attendance and memberships."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.actions.access import action_scope, visible_actions
from secretariat.actions.models import Action
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.labels.models import Label
from secretariat.meetings.access import meeting_scope, visible_items, visible_meetings
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.meetings.readers import reader_for
from secretariat.meetings.services import attendance_record, item_add, meeting_create

LABELS = st.sampled_from(list(Label))
PEOPLE = ["officer", "chair", "present", "absent", "party", "panel", "outsider"]

meetings = st.lists(
    st.tuples(
        st.sampled_from(["SSC", "OPSG", "PANEL"]),
        LABELS,
        st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)),
        st.lists(LABELS, min_size=1, max_size=4),
        st.dictionaries(
            st.sampled_from(PEOPLE[:6]), st.sampled_from(["present", "part", "apologies"])
        ),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(generated=meetings)
def test_it_filters_in_the_database_exactly_as_it_admits_in_python(db, user_of, generated):
    from django.db import transaction

    with transaction.atomic():
        made = []
        for index, (code, label, date, item_labels, attendance) in enumerate(generated):
            body = Body.objects.get(code=code)
            meeting = meeting_create(
                actor=TESTS, body=body, number=5000 + index, date=date, label=label
            )
            for item_label in item_labels:
                item_add(actor=TESTS, meeting=meeting, title="Generated", label=item_label)
            for username, status in attendance.items():
                attendance_record(
                    actor=TESTS,
                    meeting=meeting,
                    person=Person.objects.get(user__username=username),
                    status=status,
                )
            made.append(meeting.pk)
        for username in [*PEOPLE, None]:
            reader = reader_for(user_of(username) if username else None)
            meetings_qs = Meeting.objects.filter(pk__in=made)
            expected = {m.pk for m in meetings_qs if reader.admits(m.label, meeting_scope(m))}
            assert (
                set(visible_meetings(reader, meetings_qs).values_list("pk", flat=True)) == expected
            )
            items_qs = AgendaItem.objects.filter(meeting_id__in=made).select_related("meeting")
            expected = {i.pk for i in items_qs if reader.admits(i.label, meeting_scope(i.meeting))}
            assert set(visible_items(reader, items_qs).values_list("pk", flat=True)) == expected
            actions_qs = Action.objects.select_related("meeting")
            expected = {a.pk for a in actions_qs if reader.admits(a.label, action_scope(a))}
            assert set(visible_actions(reader, actions_qs).values_list("pk", flat=True)) == expected
        transaction.set_rollback(True)
