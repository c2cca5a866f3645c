"""The defaults that spare the officer clicks (the end-to-end test counts them), each still
overridable and each written through the same services: attendance proposes every seat holder
present and takes the items a part attendee missed; the add-item form takes the paper's file;
outcomes, actions and the circulation start from the usual words and dates; one step marks the
meeting held and drafts its minutes; and the headlines published first leave the minutes to
approve."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from secretariat.core import clock
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Attendance
from secretariat.meetings.services import item_add
from secretariat.workspace import life
from secretariat.workspace.models import StandingItem
from secretariat.workspace.services import meeting_plan


@pytest.fixture
def meeting(db):
    officer = Person.objects.get(user__username="officer").user
    return meeting_plan(
        actor=officer,
        body=Body.objects.get(code="SSC"),
        number=540,
        date=dt.date(2031, 7, 2),
        standing=list(StandingItem.objects.filter(body__isnull=True)),
    )


def _url(meeting, rest=""):
    return f"/workspace/meetings/{meeting.reference}/{rest}"


def _version(meeting) -> str:
    meeting.refresh_from_db()
    return str(meeting.version)


def _pk(username):
    return Person.objects.get(user__username=username).pk


def test_it_proposes_every_seat_holder_present_until_someone_is_recorded(client_as, meeting):
    officer = client_as("officer")
    page = officer.get(_url(meeting, "attendance/")).content.decode()
    assert "every seat holder is proposed present" in page
    # Proposed is not recorded: only the planning officer is, and the quorum counts records.
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    assert "Not quorate: 0 members present" in page
    chair, present = _pk("chair"), _pk("present")
    response = officer.post(
        _url(meeting, "attendance/"),
        {
            f"status-{chair}": "present",
            f"capacity-{chair}": "chair",
            f"status-{present}": "part",
            f"capacity-{present}": "member",
            f"missed-{present}": "2, 4",
        },
    )
    assert response.status_code == 303
    row = Attendance.objects.get(meeting=meeting, person_id=present)
    assert sorted(row.items_heard.values_list("number", flat=True)) == [1, 3]
    page = officer.get(_url(meeting, "attendance/")).content.decode()
    assert "proposed present" not in page and 'value="2, 4"' in page


@pytest.mark.parametrize(("missed", "message"), [("two", "List item numbers"), ("9", "no item 9")])
def test_it_names_the_bad_items_missed_and_records_nothing(client_as, meeting, missed, message):
    present = _pk("present")
    response = client_as("officer").post(
        _url(meeting, "attendance/"), {f"status-{present}": "part", f"missed-{present}": missed}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting, person_id=present).exists()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_it_takes_the_papers_file_in_the_add_item_form(client_as, meeting):
    response = client_as("officer").post(
        _url(meeting, "items/"),
        {
            "title": "Forward plan",
            "label": "1",
            "paper_file": SimpleUploadedFile("forward_plan-2031.pdf", _pdf()),
        },
    )
    assert response.status_code == 303
    item = AgendaItem.objects.get(meeting=meeting, title="Forward plan")
    paper = item.papers.get()
    # The meeting's numbering, the file's name, the item's label.
    assert paper.reference == f"SSC_540_{item.number:02d}"
    assert paper.title == "Forward plan 2031" and paper.label == Label.GREEN
    assert paper.files.get().name == "forward_plan-2031.pdf"


def test_it_refuses_a_file_that_is_not_what_it_says(client_as, meeting):
    response = client_as("officer").post(
        _url(meeting, "items/"),
        {"title": "Odd", "paper_file": SimpleUploadedFile("odd.pdf", b"not a pdf")},
    )
    assert response.status_code == 400
    assert "does not hold what a .pdf file holds" in response.content.decode()
    assert not AgendaItem.objects.filter(meeting=meeting, title="Odd").exists()


def test_it_starts_outcomes_actions_and_circulation_from_the_usual(client_as, meeting):
    officer = client_as("officer")
    item = item_add(actor=TESTS, meeting=meeting, title="Update")
    page = officer.get(_url(meeting, "minutes/")).content.decode()
    assert f'id="new-outcome-{item.pk}" name="text" value="the update"' in page
    assert '<option value="NOTED" selected>' in page
    # Actions fall due by the next meeting: the SSC meets twice a month.
    due = meeting.date + dt.timedelta(days=14)
    assert f'value="{due.isoformat()}"' in page
    response = officer.post(
        _url(meeting, "publish/"), {"step": "held-draft", "version": _version(meeting)}
    )
    assert response.status_code == 303
    meeting.refresh_from_db()
    assert life.stage_of(meeting).name == "drafted"
    page = officer.get(_url(meeting, "publish/")).content.decode()
    assert f'value="{(clock.today() + dt.timedelta(days=14)).isoformat()}"' in page
    assert "Plan the next SSC meeting" in page


def test_it_leaves_the_minutes_to_approve_once_the_headlines_are_out(client_as, meeting):
    officer = client_as("officer")
    step = {"step": "held-draft", "version": _version(meeting)}
    assert officer.post(_url(meeting, "publish/"), step).status_code == 303
    assert officer.post(_url(meeting, "publish/"), {"step": "publish-headlines"}).status_code == 303
    later = meeting_plan(
        actor=TESTS, body=meeting.body, number=541, date=meeting.date + dt.timedelta(days=14)
    )
    assert meeting in life.approvable_before(later)
