"""Two officers on one meeting's attendance: a save is checked row by row against what its
officer was shown. A row changed since by someone else is a conflict (409) when this officer
changed it too, and stands untouched when this officer left it as shown; a refused save, or one
with a bad row, writes nothing at all."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.test import Client

from secretariat.core.testing import TESTS, sign_in
from secretariat.directory.models import Body, Person
from secretariat.meetings.models import Attendance, Meeting
from secretariat.meetings.services import attendance_record
from secretariat.workspace.services import meeting_plan


@pytest.fixture
def second_officer(another_officer) -> Client:
    """Another secretariat officer of the SSC, signed in with a second factor."""
    client = Client()
    sign_in(client, another_officer("second", full_name="Sam Second").user, second_factor=True)
    return client


def _meeting():
    return meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=601, date=dt.date(2031, 6, 4)
    )


def _person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def _form(page: str) -> dict[str, str]:
    """The fields the page's form would send as shown: selected options and inputs' values."""
    start = page.index('<div id="attendance">')
    form = page[start : page.index("</form>", start)]
    fields: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        fields[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        fields[name] = chosen.group(1) if chosen else ""
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def _state(meeting) -> dict[str, tuple[str, str, str]]:
    return {
        a.person.user.username: (a.status, a.capacity, a.note)
        for a in Attendance.objects.filter(meeting=meeting, person__user__isnull=False)
    }


def _recorded(meeting):
    chair, absent = _person("chair"), _person("absent")
    attendance_record(
        actor=TESTS, meeting=meeting, person=chair, status="present", capacity="chair"
    )
    attendance_record(actor=TESTS, meeting=meeting, person=absent, status="present")


@dataclass
class TwoPages:
    """One meeting's attendance page, opened by two officers before either saves."""

    meeting: Meeting
    url: str
    first: Client
    second: Client
    form_first: dict[str, str]
    form_second: dict[str, str]


@pytest.fixture
def two_pages(client_as, second_officer) -> TwoPages:
    meeting = _meeting()
    _recorded(meeting)
    url = f"/workspace/meetings/{meeting.reference}/attendance/"
    first = client_as("officer")
    return TwoPages(
        meeting,
        url,
        first,
        second_officer,
        _form(first.get(url).content.decode()),
        _form(second_officer.get(url).content.decode()),
    )


def test_it_refuses_a_row_changed_by_both_officers_and_writes_nothing(two_pages):
    pages = two_pages
    absent, chair = _person("absent"), _person("chair")
    pages.form_first[f"status-{absent.pk}"] = "apologies"
    assert pages.first.post(pages.url, pages.form_first).status_code == 303

    # The second officer, from the page as it was, marks the same member part-present and
    # notes the chair's late arrival: the first row conflicts, so neither is written.
    pages.form_second[f"status-{absent.pk}"] = "part"
    pages.form_second[f"note-{chair.pk}"] = "Arrived late"
    before = _state(pages.meeting)
    response = pages.second.post(pages.url, pages.form_second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed by someone else since this page was shown: it is now Apologies" in page
    assert before == {"chair": ("present", "chair", ""), "absent": ("apologies", "member", "")}
    assert _state(pages.meeting) == before


def test_it_keeps_another_officers_change_to_a_row_left_as_shown(two_pages):
    pages = two_pages
    absent, chair = _person("absent"), _person("chair")
    pages.form_first[f"status-{absent.pk}"] = "apologies"
    assert pages.first.post(pages.url, pages.form_first).status_code == 303
    # The second officer changes only the chair's note; the page still showed the member
    # present, and that stale value must not overwrite the first officer's apologies.
    pages.form_second[f"note-{chair.pk}"] = "Arrived late"
    assert pages.second.post(pages.url, pages.form_second).status_code == 303
    assert _state(pages.meeting) == {
        "chair": ("present", "chair", "Arrived late"),
        "absent": ("apologies", "member", ""),
    }


def test_it_accepts_the_same_change_made_twice(two_pages):
    pages = two_pages
    absent = _person("absent")
    pages.form_first[f"status-{absent.pk}"] = "apologies"
    pages.form_second[f"status-{absent.pk}"] = "apologies"
    assert pages.first.post(pages.url, pages.form_first).status_code == 303
    assert pages.second.post(pages.url, pages.form_second).status_code == 303
    assert _state(pages.meeting)["absent"] == ("apologies", "member", "")


def test_it_writes_no_row_of_a_save_with_one_bad_row(client_as):
    meeting = _meeting()
    _recorded(meeting)
    url = f"/workspace/meetings/{meeting.reference}/attendance/"
    client = client_as("officer")
    form = _form(client.get(url).content.decode())
    chair, absent = _person("chair"), _person("absent")
    form[f"note-{chair.pk}"] = "Chaired from item 2"
    form[f"status-{absent.pk}"] = "part"
    form[f"missed-{absent.pk}"] = "99"
    before = _state(meeting)
    response = client.post(url, form)
    assert response.status_code == 400
    assert f"{meeting.reference} has no item 99." in response.content.decode()
    assert _state(meeting) == before


def test_it_refuses_to_add_someone_recorded_meanwhile(client_as):
    meeting = _meeting()
    url = f"/workspace/meetings/{meeting.reference}/attendance/"
    client = client_as("officer")
    form = _form(client.get(url).content.decode())
    outsider = Person.objects.exclude(
        pk__in=[int(k.removeprefix("status-")) for k in form if k.startswith("status-")]
    ).first()
    assert outsider is not None
    attendance_record(actor=TESTS, meeting=meeting, person=outsider, status="apologies")
    form.update(add_person=str(outsider.pk), add_status="present", add_capacity="observer")
    response = client.post(url, form)
    assert response.status_code == 409
    assert "was recorded by someone else since this page was shown" in response.content.decode()
    assert Attendance.objects.get(meeting=meeting, person=outsider).status == "apologies"
