"""Members follow up through the site: the owner reports an action's status with a note, the
officer confirms (the action changes, versioned and audited) or declines; members follow bodies
and the dashboard shows it. Pages in a flat number of queries from 5 to 100 records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.actions.models import Action
from secretariat.actions.services import action_raise
from secretariat.audit.models import AuditEvent
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.services import item_add, meeting_create
from secretariat.workspace.follow_up import action_report_make
from secretariat.workspace.office_models import ActionReport

BUDGET = 30


def _chair_action() -> Action:
    return Action.objects.get(meeting__reference="SSC_72_2702", owner__user__username="chair")


def test_it_lets_the_owner_report_and_the_officer_confirm(client_as):
    action = _chair_action()
    chair = client_as("chair")
    page = chair.get("/my/actions/").content.decode()
    assert action.reference in page and "Report on" in page
    response = chair.post(
        f"/my/actions/{action.pk}/report/", {"status": "complete", "note": "Circulated on 4 March."}
    )
    assert response.status_code == 303
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN, "a report changes nothing until confirmed"
    report = ActionReport.objects.get(action=action, state=ActionReport.State.PENDING)
    assert report.label >= action.label
    assert "waiting for the secretariat" in chair.get("/my/actions/").content.decode()

    officer = client_as("officer")
    assert "Circulated on 4 March." in officer.get("/workspace/action-reports/").content.decode()
    assert action.reference in officer.get("/").content.decode()
    response = officer.post(
        f"/workspace/action-reports/{report.pk}/",
        {"decision": "confirm", "version": str(action.version)},
    )
    assert response.status_code == 303
    action.refresh_from_db()
    report.refresh_from_db()
    assert action.status == Action.Status.COMPLETE and action.completed_on is not None
    assert report.state == ActionReport.State.CONFIRMED
    assert report.decided_by.user.username == "officer"
    verbs = set(AuditEvent.objects.filter(actor__username="officer").values_list("verb", flat=True))
    assert {"action.edit", "action_report.confirm"} <= verbs


def test_it_refuses_a_confirmation_from_a_stale_version_and_changes_nothing(client_as):
    action = _chair_action()
    client_as("chair").post(
        f"/my/actions/{action.pk}/report/", {"status": "on_target", "note": "Drafting."}
    )
    report = ActionReport.objects.get(action=action)
    response = client_as("officer").post(
        f"/workspace/action-reports/{report.pk}/",
        {"decision": "confirm", "version": str(action.version + 1)},
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    action.refresh_from_db()
    report.refresh_from_db()
    assert action.status == Action.Status.OPEN and report.state == ActionReport.State.PENDING


def test_it_asks_why_a_report_is_declined(client_as):
    action = _chair_action()
    client_as("chair").post(f"/my/actions/{action.pk}/report/", {"status": "complete", "note": "x"})
    report = ActionReport.objects.get(action=action)
    officer = client_as("officer")
    url = f"/workspace/action-reports/{report.pk}/"
    refused = officer.post(url, {"decision": "decline", "version": str(action.version)})
    assert refused.status_code == 400 and "Say why" in refused.content.decode()
    done = officer.post(
        url,
        {"decision": "decline", "version": str(action.version), "decision_note": "Not yet sent."},
    )
    assert done.status_code == 303
    report.refresh_from_db()
    assert report.state == ActionReport.State.DECLINED
    assert "Not yet sent." in client_as("chair").get("/my/actions/").content.decode()


def test_it_answers_404_to_anyone_but_the_owner_and_refuses_an_empty_note(client_as):
    action = _chair_action()
    for persona in ("present", "officer", "party"):
        response = client_as(persona).post(
            f"/my/actions/{action.pk}/report/", {"status": "complete", "note": "Mine now."}
        )
        assert response.status_code == 404, persona
    empty = client_as("chair").post(f"/my/actions/{action.pk}/report/", {"status": "complete"})
    assert empty.status_code == 400 and "note" in empty.content.decode()
    bad = client_as("chair").post(
        f"/my/actions/{action.pk}/report/", {"status": "finished", "note": "x"}
    )
    assert bad.status_code == 400 and "not an action status" in bad.content.decode()
    assert not ActionReport.objects.filter(action=action).exists()


def test_it_refuses_a_report_from_anyone_but_the_owner_in_the_service(user_of):
    from secretariat.core.services import ServiceError

    with pytest.raises(ServiceError, match="Only the owner"):
        action_report_make(
            actor=user_of("present"), action=_chair_action(), status="complete", note="x"
        )


def test_it_shows_the_next_meetings_of_a_followed_body_on_the_dashboard(client_as):
    meeting = meeting_create(
        actor=TESTS, body=Body.objects.get(code="TAG"), number=4242, date=dt.date(2033, 5, 5)
    )
    party = client_as("party")
    assert meeting.reference not in party.get("/").content.decode()
    assert party.post("/my/bodies/", {"body": "TAG", "follow": "1"}).status_code == 303
    assert meeting.reference in party.get("/").content.decode()
    assert party.post("/my/bodies/", {"body": "TAG", "follow": "0"}).status_code == 303
    assert meeting.reference not in party.get("/").content.decode()
    assert party.post("/my/bodies/", {"body": "NOPE", "follow": "1"}).status_code == 400


def _actions_and_reports(count: int, start: int) -> None:
    body = Body.objects.get(code="TAG")
    chair = Person.objects.get(user__username="chair")
    meeting = meeting_create(actor=TESTS, body=body, number=start, date=dt.date(2031, 1, 1))
    item = item_add(actor=TESTS, meeting=meeting, title="Follow-up")
    for n in range(count):
        action = action_raise(
            actor=TESTS, item=item, text=f"Action {n}", owner=chair, label="WHITE"
        )
        action_report_make(actor=chair.user, action=action, status="on_target", note="Going.")


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("persona", "url"),
    [("chair", "/my/actions/"), ("officer", "/workspace/action-reports/"), ("chair", "/")],
)
def test_it_builds_its_pages_in_the_same_queries_for_5_and_100(client_as, persona, url):
    client = client_as(persona)
    client.get(url)
    _actions_and_reports(5, 7000)
    few = _count(client, url)
    _actions_and_reports(95, 7001)
    many = _count(client, url)
    assert few == many, f"{url}: {few} queries with 5, {many} with 100"
    assert many <= BUDGET
