"""Attendance records which items each person heard: RED on an item reaches those who heard it
(and the secretariat recorded at the meeting), not everyone who was in the room for part of it."""

from __future__ import annotations

import pytest

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.models import Person
from secretariat.meetings.models import AgendaItem, Attendance, Meeting
from secretariat.meetings.services import attendance_record

SSC72 = "SSC_72_2702"
# Item 3 (a FUSA) and item 7 (a Security Self-Assessment) are RED, with these records.
ITEM_3_RECORD = "Demo confidential record of Full User Security Assessment"
ITEM_7_RECORD = "Demo confidential record of Security Self-Assessment"


def _item(number: int) -> AgendaItem:
    return AgendaItem.objects.get(meeting__reference=SSC72, parent=None, number=number)


def _record(persona: str, status: str, **items) -> Attendance:
    meeting = Meeting.objects.get(reference=SSC72)
    person = Person.objects.get(user__username=persona)
    existing = Attendance.objects.filter(meeting=meeting, person=person).first()
    capacity = existing.capacity if existing else Attendance.Capacity.MEMBER
    return attendance_record(
        actor=TESTS, meeting=meeting, person=person, status=status, capacity=capacity, **items
    )


def _page(client_as, persona: str, url: str = f"/meetings/{SSC72}/") -> str:
    response = client_as(persona).get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_it_shows_a_part_attendee_the_red_of_the_items_heard_only(client_as):
    _record("present", "part", items_heard=[_item(3)])
    for url in (f"/meetings/{SSC72}/", f"/api/meetings/{SSC72}"):
        text = _page(client_as, "present", url)
        assert ITEM_3_RECORD in text
        assert ITEM_7_RECORD not in text


def test_it_hides_the_one_item_a_member_stepped_out_of(client_as):
    _record("present", "part", items_missed=[_item(7)])
    text = _page(client_as, "present")
    assert ITEM_3_RECORD in text
    assert ITEM_7_RECORD not in text


def test_it_gives_full_attendance_every_item(client_as):
    _record("present", "present")
    text = _page(client_as, "present")
    assert ITEM_3_RECORD in text and ITEM_7_RECORD in text


def test_it_gives_the_recorded_secretariat_every_item_even_for_part_attendance(client_as):
    _record("officer", "part", items_heard=[])
    text = _page(client_as, "officer")
    assert ITEM_3_RECORD in text and ITEM_7_RECORD in text


def test_it_gives_a_part_attendee_who_heard_nothing_no_red_item(client_as):
    _record("present", "part", items_heard=[])
    text = _page(client_as, "present")
    assert ITEM_3_RECORD not in text and ITEM_7_RECORD not in text


def test_it_audits_a_change_of_the_items_heard(db):
    attendance = _record("present", "part", items_heard=[_item(3)])
    _record("present", "part", items_heard=[_item(3), _item(7)])
    event = (
        AuditEvent.objects.filter(verb="attendance.items_heard", object_id=str(attendance.pk))
        .order_by("pk")
        .last()
    )
    assert event is not None
    # The change is a labelled fragment of the attendance (audit/labelling.py).
    assert set(event.changes) == {"items_heard"}
    assert event.changes["items_heard"]["value"] == "[[3], [3, 7]]"
    assert sorted(attendance.items_heard.values_list("number", flat=True)) == [3, 7]


@pytest.mark.parametrize(
    ("status", "items", "field", "words"),
    [
        ("present", {"items_heard": "three"}, "items_heard", "Only part attendance lists items"),
        ("part", {"items_heard": ["three"]}, "items_heard", "agenda item of SSC_72_2702"),
        ("part", {"items_heard": [], "items_missed": []}, "items_missed", "not both"),
        ("part", {"capacity": "spectator"}, "capacity", "not a capacity"),
    ],
)
def test_it_refuses_items_heard_that_do_not_fit(db, status, items, field, words):
    meeting = Meeting.objects.get(reference=SSC72)
    person = Person.objects.get(user__username="present")
    before = AuditEvent.objects.count()
    with pytest.raises(ServiceError) as raised:
        attendance_record(actor=TESTS, meeting=meeting, person=person, status=status, **items)
    assert words in " ".join(raised.value.message_dict[field])
    assert AuditEvent.objects.count() == before


def test_it_refuses_a_sub_point_or_an_item_of_another_meeting(db):
    meeting = Meeting.objects.get(reference=SSC72)
    person = Person.objects.get(user__username="present")
    sub_point = AgendaItem.objects.filter(meeting=meeting, parent__isnull=False).first()
    other = AgendaItem.objects.filter(meeting__reference="SSC_71_1302").first()
    for item, words in ((sub_point, "not sub-points"), (other, "agenda item of SSC_72_2702")):
        with pytest.raises(ServiceError) as raised:
            attendance_record(
                actor=TESTS, meeting=meeting, person=person, status="part", items_heard=[item]
            )
        assert words in " ".join(raised.value.message_dict["items_heard"])
