"""Planning a meeting from its body's page: the next number, the cadence's date, the template's
standing items, the actions it carries; written through the services."""

from __future__ import annotations

import datetime as dt

from secretariat.audit.models import AuditEvent
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body
from secretariat.meetings.models import Meeting
from secretariat.workspace.selectors import plan_defaults
from secretariat.workspace.services import standing_item_create


def test_it_offers_the_latest_number_plus_one_and_a_date_after_today(client_as):
    ssc = Body.objects.get(code="SSC")
    latest = Meeting.objects.filter(body=ssc).order_by("-number").first()
    page = client_as("officer").get("/workspace/bodies/SSC/plan/").content.decode()
    assert f'inputmode="numeric" value="{latest.number + 1}"' in page
    defaults = plan_defaults(ssc)
    assert defaults.date > dt.date(2026, 1, 1) or defaults.date > latest.date
    assert f'value="{defaults.date.isoformat()}"' in page
    assert "Minutes and Actions Outstanding" in page


def test_it_links_the_planner_from_the_body_page_for_officers_only(client_as):
    assert (
        "/workspace/bodies/SSC/plan/" in client_as("officer").get("/bodies/SSC/").content.decode()
    )
    assert (
        "/workspace/bodies/SSC/plan/" not in client_as("chair").get("/bodies/SSC/").content.decode()
    )


def test_it_lists_the_outstanding_actions_to_carry(client_as):
    page = client_as("officer").get("/workspace/bodies/SSC/plan/").content.decode()
    assert "Outstanding actions to carry" in page
    assert "SSC72/" in page


def test_it_plans_the_meeting_with_the_chosen_standing_items(client_as):
    ssc = Body.objects.get(code="SSC")
    own = standing_item_create(actor=TESTS, body=ssc, title="Security incidents", label="AMBER")
    standing_item_create(actor=TESTS, body=ssc, title="Not this time")
    response = client_as("officer").post(
        "/workspace/bodies/SSC/plan/",
        {
            "number": "400",
            "date": "2031-03-05",
            "start_time": "10:00",
            "end_time": "13:00",
            "location": "Room 1",
            "standing": [str(own.pk)],
        },
    )
    meeting = Meeting.objects.get(body=ssc, number=400)
    assert response.status_code == 303
    assert response["Location"] == f"/workspace/meetings/{meeting.reference}/agenda/"
    assert [(i.title, i.label.name) for i in meeting.items.all()] == [
        ("Security incidents", "AMBER")
    ]
    # The planning officer is recorded as the meeting's secretariat, so RED items they add stay
    # readable to them through the door.
    assert meeting.attendance.get().capacity == "secretariat"
    assert AuditEvent.objects.filter(verb="meeting.create", object_id=str(meeting.pk)).exists()


def test_it_names_the_field_when_the_number_is_taken(client_as):
    response = client_as("officer").post(
        "/workspace/bodies/SSC/plan/", {"number": "72", "date": "2031-03-05"}
    )
    assert response.status_code == 400
    assert "SSC already has a meeting number 72" in response.content.decode()


def test_it_answers_404_to_a_chair(client_as):
    assert client_as("chair").get("/workspace/bodies/SSC/plan/").status_code == 404
