"""Officers write through the API with a token (or a session and its CSRF token) through the
workspace's services; members cannot; a stale version answers 409; and a RED canary the officer
writes reaches no token's answer."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from secretariat.access_matrix import PERSONAS
from secretariat.audit.models import AuditEvent
from secretariat.core.testing import sign_in
from secretariat.directory.models import Person
from secretariat.meetings.models import AgendaItem, Attendance, Meeting
from secretariat.workspace.tokens import token_create

CANARY = "Canary kestrel-RED-4471 in the confidential record"
MEETING = {"body": "SSC", "number": 990, "date": "2031-01-08", "start_time": "10:00"}


class Api:
    """A client of the API with one person's token."""

    def __init__(self, persona: str):
        user = get_user_model().objects.get(username=persona)
        _, token = token_create(actor=user, name="tests")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def get(self, path: str):
        return self.client.get(f"/api{path}")

    def send(self, method: str, path: str, body: dict):
        return getattr(self.client, method)(
            f"/api{path}", json.dumps(body), content_type="application/json"
        )


@pytest.fixture
def officer_api(db):
    return Api("officer")


def _plan(api: Api) -> str:
    answer = api.send("post", "/meetings", MEETING)
    assert answer.status_code == 201, answer.content
    return answer.json()["reference"]


@pytest.mark.django_db
def test_it_creates_a_meeting_with_an_item_by_token_and_reads_them_back(officer_api):
    reference = _plan(officer_api)
    assert reference == "SSC_990_0801"
    item = officer_api.send(
        "post",
        f"/meetings/{reference}/items",
        {"title": "Quarterly review of the register", "label": "AMBER", "restricted_text": "x"},
    )
    assert item.status_code == 201, item.content
    assert item.json()["title"] == "Quarterly review of the register"
    # The officer was recorded as the meeting's secretariat, as the workspace's planner does.
    meeting = Meeting.objects.get(reference=reference)
    assert Attendance.objects.get(meeting=meeting).capacity == "secretariat"
    record = officer_api.get(f"/meetings/{reference}").content.decode()
    assert "Quarterly review of the register" in record
    listed = officer_api.get("/meetings?body=SSC&year=2031").json()
    assert [m["reference"] for m in listed] == [reference]
    assert AuditEvent.objects.filter(verb="item.add", actor__username="officer").exists()


@pytest.mark.django_db
def test_it_refuses_a_stale_version_with_409_naming_the_record(officer_api):
    reference = _plan(officer_api)
    item = officer_api.send("post", f"/meetings/{reference}/items", {"title": "First"}).json()
    path = f"/meetings/{reference}/items/{item['id']}"
    changed = officer_api.send("patch", path, {"version": item["version"], "title": "Second"})
    assert changed.status_code == 200 and changed.json()["version"] == item["version"] + 1
    stale = officer_api.send("patch", path, {"version": item["version"], "title": "Third"})
    assert stale.status_code == 409
    assert stale.json()["record"] == f"item {item['id']} of {reference}"
    assert stale.json()["version"] == item["version"] + 1
    assert AgendaItem.objects.get(pk=item["id"]).title == "Second"
    meeting = officer_api.send("patch", f"/meetings/{reference}", {"version": 9, "location": "X"})
    assert meeting.status_code == 409 and meeting.json()["record"] == f"meeting {reference}"


@pytest.mark.django_db
def test_it_answers_bad_input_with_422_naming_the_field(officer_api):
    taken = officer_api.send("post", "/meetings", {**MEETING, "number": 72})
    assert taken.status_code == 422 and taken.json()["errors"][0]["field"] == "number"
    unknown = officer_api.send("post", "/meetings", {**MEETING, "body": "NOPE"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "body"
    zoned = officer_api.send("post", "/meetings", {**MEETING, "start_time": "10:00:00Z"})
    assert zoned.status_code == 422 and zoned.json()["errors"][0]["field"] == "start_time"
    reference = _plan(officer_api)
    red = officer_api.send("post", f"/meetings/{reference}/items", {"title": "t", "label": "RED"})
    # A token reads at most AMBER: it may not write what it could not read back.
    assert red.status_code == 422 and red.json()["errors"][0]["field"] == "label"
    bad = officer_api.send("post", f"/meetings/{reference}/items", {"title": "\x01"})
    assert bad.status_code == 422 and "title" in bad.json()["detail"]


@pytest.mark.django_db
def test_it_records_attendance_outcomes_and_actions(officer_api):
    reference = _plan(officer_api)
    base = f"/meetings/{reference}"
    item = officer_api.send("post", f"{base}/items", {"title": "Risk"}).json()
    officer_api.send("post", f"{base}/items", {"title": "AOB", "kind": "aob"})
    present = Person.objects.get(user__username="present")
    attended = officer_api.send(
        "put", f"{base}/attendance/{present.pk}", {"status": "part", "items_missed": [2]}
    )
    assert attended.status_code == 200 and attended.json()["items_heard"] == [1]
    missing = officer_api.send("put", f"{base}/attendance/{present.pk}", {"status": "nope"})
    assert missing.status_code == 422
    outcome = officer_api.send(
        "post", f"{base}/items/{item['id']}/outcomes", {"verb": "NOTED", "text": "the risk"}
    )
    assert outcome.status_code == 201, outcome.content
    changed = officer_api.send(
        "patch",
        f"{base}/items/{item['id']}/outcomes/{outcome.json()['id']}",
        {"version": outcome.json()["version"], "verb": "AGREED"},
    )
    assert changed.status_code == 200 and changed.json()["verb"] == "AGREED"
    action = officer_api.send(
        "post",
        f"{base}/items/{item['id']}/actions",
        {"text": "Write to the parties", "owner": present.pk, "due_date": "2031-02-01"},
    )
    assert action.status_code == 201, action.content
    done = officer_api.send(
        "patch",
        f"{base}/items/{item['id']}/actions/{action.json()['id']}",
        {"version": action.json()["version"], "status": "complete"},
    )
    assert done.status_code == 200 and done.json()["status"] == "complete"


@pytest.mark.django_db
def test_it_lets_no_member_write(db):
    member = Api("present")
    assert member.send("post", "/meetings", MEETING).status_code == 403
    # The member knows SSC_72 exists: refused, not hidden.
    item = member.send("post", "/meetings/SSC_72_2702/items", {"title": "Mine"})
    assert item.status_code == 403
    assert Api("outsider").send(
        "post", "/meetings/SSC_72_2702/items", {"title": "x"}
    ).status_code in (403, 404)
    anonymous = Client().post("/api/meetings", json.dumps(MEETING), content_type="application/json")
    assert anonymous.status_code == 401
    assert not Meeting.objects.filter(number=990).exists()


@pytest.mark.django_db
def test_it_keeps_the_csrf_check_for_a_session_write(officer):
    client = sign_in(Client(enforce_csrf_checks=True), officer)
    body = json.dumps(MEETING)
    refused = client.post("/api/meetings", body, content_type="application/json")
    assert refused.status_code == 403
    client.get("/my/tokens/")
    token = client.cookies["csrftoken"].value
    made = client.post(
        "/api/meetings", body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert made.status_code == 201


@pytest.mark.django_db
def test_it_lets_no_token_read_a_red_canary_the_officer_wrote(officer):
    # The officer, in a session with a second factor, may write RED; the tokens may not read it.
    session = sign_in(Client(), officer)
    made = session.post("/api/meetings", json.dumps(MEETING), content_type="application/json")
    reference = made.json()["reference"]
    item = session.post(
        f"/api/meetings/{reference}/items",
        json.dumps({"title": "Canary item", "label": "RED", "restricted_text": CANARY}),
        content_type="application/json",
    ).json()
    assert item["restricted_text"] == CANARY
    assert CANARY in session.get(f"/api/meetings/{reference}").content.decode()
    officer_api = Api("officer")
    # The token's own write answers with its projection: the RED record stays out.
    patched = officer_api.send(
        "patch",
        f"/meetings/{reference}/items/{item['id']}",
        {"version": item["version"], "title": "Canary item, renamed"},
    )
    # The token cannot read the RED item, so it may not edit it: 404, as for no item at all.
    assert patched.status_code == 404
    answers = [patched.content]
    for persona in PERSONAS:
        if persona == "anonymous":
            continue
        api = officer_api if persona == "officer" else Api(persona)
        for path in ("/meetings", f"/meetings/{reference}", "/meetings/SSC_72_2702", "/changes"):
            answers.append(api.get(path).content)
    assert all(CANARY.encode() not in answer for answer in answers)


@pytest.mark.django_db
def test_it_refuses_an_attendance_write_from_a_stale_version(officer_api):
    reference = _plan(officer_api)
    base = f"/meetings/{reference}/attendance"
    present = Person.objects.get(user__username="present")
    first = officer_api.send(
        "put", f"{base}/{present.pk}", {"status": "present", "version": "none"}
    )
    assert first.status_code == 200, first.content
    seen = first.json()["version"]
    # Another writer corrects the row; a change sent from the version first read is refused.
    other = officer_api.send(
        "put", f"{base}/{present.pk}", {"status": "apologies", "version": seen}
    )
    assert other.status_code == 200 and other.json()["version"] != seen
    stale = officer_api.send("put", f"{base}/{present.pk}", {"status": "part", "version": seen})
    assert stale.status_code == 409
    answer = stale.json()
    assert answer["version"] == other.json()["version"]
    assert answer["current"]["status"] == "apologies"
    assert "Nothing was written" in answer["detail"]
    assert Attendance.objects.get(meeting__reference=reference, person=present).status == (
        "apologies"
    )
    # Recording a row someone else recorded first is refused the same way.
    again = officer_api.send(
        "put", f"{base}/{present.pk}", {"status": "present", "version": "none"}
    )
    assert again.status_code == 409
    # Without a version the last write stands, as before.
    assert officer_api.send("put", f"{base}/{present.pk}", {"status": "present"}).status_code == 200


@pytest.mark.django_db
def test_it_refuses_a_body_that_is_not_an_object_and_writes_nothing(officer_api):
    reference = _plan(officer_api)
    before = AgendaItem.objects.filter(meeting__reference=reference).count()
    # A bare string once made an item titled "B": the schema read `title` off the str.
    for body in ('"b"', '"title"', "[1]", "7"):
        answer = officer_api.client.post(
            f"/api/meetings/{reference}/items",
            data=body,
            content_type="application/json",
        )
        assert answer.status_code == 400, (body, answer.content)
    assert AgendaItem.objects.filter(meeting__reference=reference).count() == before
    control = officer_api.send("post", "/meetings", {**MEETING, "body": "SS\x00C", "number": 991})
    assert control.status_code == 422 and "body" in control.json()["detail"]
