"""Attendance from the workspace: present, apologies, capacity, through `attendance_record`;
the quorum shown where the body's practice sets one."""

from __future__ import annotations

import datetime as dt

from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.models import Attendance
from secretariat.workspace.services import body_practice_set, meeting_plan


def _meeting():
    return meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=600, date=dt.date(2031, 5, 7)
    )


def test_it_lists_the_seat_holders_and_records_what_is_chosen(client_as):
    meeting = _meeting()
    url = f"/workspace/meetings/{meeting.reference}/attendance/"
    client = client_as("officer")
    page = client.get(url).content.decode()
    assert "Helen Marsh" in page and "Tom Reilly" in page
    assert "Not quorate: 0 members present, 4 needed." in page  # the demo sets 4
    chair = Person.objects.get(user__username="chair")
    absent = Person.objects.get(user__username="absent")
    response = client.post(
        url,
        {
            f"status-{chair.pk}": "present",
            f"capacity-{chair.pk}": "chair",
            f"status-{absent.pk}": "apologies",
            f"capacity-{absent.pk}": "member",
            f"status-{Person.objects.get(user__username='present').pk}": "part",
            f"note-{Person.objects.get(user__username='present').pk}": "Left after item 3",
        },
    )
    assert response.status_code == 303
    rows = {
        a.person.user.username: (a.status, a.capacity, a.note)
        for a in Attendance.objects.filter(meeting=meeting, person__user__isnull=False)
    }
    assert rows["chair"] == ("present", "chair", "")
    assert rows["absent"] == ("apologies", "member", "")
    assert rows["present"] == ("part", "member", "Left after item 3")


def test_it_shows_the_quorum_where_the_body_sets_one(client_as):
    meeting = _meeting()
    body_practice_set(actor=TESTS, body=meeting.body, quorum=2)
    url = f"/workspace/meetings/{meeting.reference}/attendance/"
    client = client_as("officer")
    assert "Not quorate: 0 members present, 2 needed." in client.get(url).content.decode()
    chair = Person.objects.get(user__username="chair")
    present = Person.objects.get(user__username="present")
    page = client.post(
        url,
        {
            f"status-{chair.pk}": "present",
            f"capacity-{chair.pk}": "chair",
            f"status-{present.pk}": "present",
            f"capacity-{present.pk}": "member",
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Quorate: 2 members present, 2 needed." in page


def test_it_names_a_bad_status_and_records_nothing(client_as):
    meeting = _meeting()
    chair = Person.objects.get(user__username="chair")
    before = Attendance.objects.filter(meeting=meeting).count()
    response = client_as("officer").post(
        f"/workspace/meetings/{meeting.reference}/attendance/", {f"status-{chair.pk}": "asleep"}
    )
    assert response.status_code == 400
    assert "is not an attendance status" in response.content.decode()
    assert Attendance.objects.filter(meeting=meeting).count() == before
