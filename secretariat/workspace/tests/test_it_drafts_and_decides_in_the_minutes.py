"""Minute-taking completed: typing autosaves to the officer's own draft, never the record; a
save writes the record once, versioned and audited, and drops the draft; a draft typed before
someone else's change saves as stale (409). Register decisions in the same form: an outcome on
an assessment item sets its status through the register's service, or nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.assurance.models import Assessment, StatusDecision, StatusName
from secretariat.assurance.services import agenda_place
from secretariat.audit.models import AuditEvent
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.models import AgendaItem, Outcome
from secretariat.meetings.services import attendance_record, item_add, item_update
from secretariat.workspace.models import MinuteDraft
from secretariat.workspace.services import meeting_plan

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def meeting(db):
    meeting = meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=710, date=dt.date(2031, 7, 2)
    )
    attendance_record(
        actor=TESTS,
        meeting=meeting,
        person=Person.objects.get(user__username="officer"),
        status="present",
        capacity="secretariat",
    )
    return meeting


@pytest.fixture
def item(meeting):
    return item_add(actor=TESTS, meeting=meeting, title="Risk register", label="AMBER")


def _url(item, rest=""):
    return f"/workspace/meetings/{item.meeting.reference}/minutes/{item.pk}/{rest}"


def _form(item, **values):
    data = {
        "version": item.version,
        "summary": item.summary,
        "summary_label": "0",
        "restricted_text": item.restricted_text,
        "label": int(item.label),
    }
    data.update(values)
    return data


def test_it_keeps_typing_as_the_officers_own_draft_and_not_the_record(client_as, item, officer):
    client = client_as("officer")
    typed = _form(item, summary="The SSC reviewed its risk")
    response = client.post(_url(item, "draft/"), {**typed, "field": "summary"}, **HX)
    assert response.status_code == 200 and "Draft kept at" in response.content.decode()
    draft = MinuteDraft.objects.get(item=item)
    assert (draft.user, draft.field, draft.text, draft.version) == (
        officer,
        "summary",
        "The SSC reviewed its risk",
        item.version,
    )
    row = AgendaItem.objects.get(pk=item.pk)
    assert (row.summary, row.version) == ("", item.version)
    assert not AuditEvent.objects.filter(verb="item.update", object_id=str(item.pk)).exists()
    # Back on the page (a closed tab, a dropped line): the typing is there, for saving.
    page = client.get(f"/workspace/meetings/{item.meeting.reference}/minutes/").content.decode()
    assert "The SSC reviewed its risk</textarea>" in page
    assert "Your unsaved typing is shown" in page and "Discard my draft" in page


def test_it_writes_the_record_once_on_save_and_drops_the_draft(client_as, item):
    client = client_as("officer")
    for text in ("The SSC", "The SSC reviewed", "The SSC reviewed its risk register."):
        client.post(_url(item, "draft/"), {**_form(item, summary=text), "field": "summary"}, **HX)
    assert MinuteDraft.objects.filter(item=item).count() == 1
    saved = client.post(
        _url(item), _form(item, summary="The SSC reviewed its risk register."), **HX
    )
    assert saved.status_code == 200
    row = AgendaItem.objects.get(pk=item.pk)
    assert (row.summary, row.version) == ("The SSC reviewed its risk register.", item.version + 1)
    assert AuditEvent.objects.filter(verb="item.update", object_id=str(item.pk)).count() == 1
    assert not MinuteDraft.objects.filter(item=item).exists()
    # An autosave that arrives after the save, with the text now in the record, keeps nothing.
    late = _form(row, summary="The SSC reviewed its risk register.")
    client.post(_url(item, "draft/"), {**late, "field": "summary"}, **HX)
    assert not MinuteDraft.objects.filter(item=item).exists()


def test_it_saves_a_draft_typed_before_anothers_change_as_stale(client_as, item):
    client = client_as("officer")
    client.post(_url(item, "draft/"), {**_form(item, summary="Mine"), "field": "summary"}, **HX)
    item_update(actor=TESTS, item=item, version=item.version, summary="Theirs")
    page = client.get(f"/workspace/meetings/{item.meeting.reference}/minutes/").content.decode()
    # The form carries the version the draft was typed on, not the record's new one.
    assert f'id="version-{item.pk}" value="{item.version - 1}"' in page
    refused = client.post(_url(item), _form(item, version=item.version - 1, summary="Mine"), **HX)
    assert refused.status_code == 409
    text = refused.content.decode()
    assert "Theirs" in text and "Mine" in text
    # The answer carries the current version: saving again puts the officer's text in place.
    assert f'id="version-{item.pk}" value="{item.version}"' in text
    assert AgendaItem.objects.get(pk=item.pk).summary == "Theirs"


def test_it_discards_the_draft_and_refuses_a_field_that_is_not_drafted(client_as, item):
    client = client_as("officer")
    client.post(_url(item, "draft/"), {**_form(item, summary="Mine"), "field": "summary"}, **HX)
    assert client.post(_url(item, "draft/"), {"discard": "1"}).status_code == 303
    assert not MinuteDraft.objects.filter(item=item).exists()
    refused = client.post(_url(item, "draft/"), {"field": "title", "version": "1"}, **HX)
    assert refused.status_code == 400 and "are drafted" in refused.content.decode()
    # Nobody but the body's officers reaches the draft route.
    assert client_as("present").post(_url(item, "draft/"), {"field": "summary"}).status_code == 404


@pytest.fixture
def assessment_item(meeting):
    assessment = Assessment.objects.filter(kind="fusa").select_related("organisation").first()
    return assessment, agenda_place(actor=TESTS, meeting=meeting, record=assessment)


def _status_key(kind: str, day: dt.date, name: str) -> str:
    for row in StatusName.objects.filter(status__kind=kind, name=name).select_related("status"):
        if row.valid_on(day):
            return row.status.key
    raise AssertionError(name)


def test_it_sets_the_assessments_status_from_the_outcome_form(client_as, meeting, assessment_item):
    assessment, item = assessment_item
    client = client_as("officer")
    page = client.get(f"/workspace/meetings/{meeting.reference}/minutes/").content.decode()
    assert f"sets {assessment.reference}'s Assurance Status" in page
    key = _status_key(assessment.status_kind, meeting.date, "Approved")
    response = client.post(
        _url(item, "outcomes/"),
        {"verb": "AGREED", "text": "the Assurance Status", "outcome_label": "0", "status": key},
    )
    assert response.status_code == 303
    decision = StatusDecision.objects.get(assessment=assessment, outcome__item=item)
    assert (decision.status.key, decision.effective_from) == (key, meeting.date)
    page = client.get(f"/workspace/meetings/{meeting.reference}/minutes/").content.decode()
    assert "Sets the register: Approved" in page


def test_it_writes_no_outcome_when_the_status_is_refused(client_as, meeting, assessment_item):
    _assessment, item = assessment_item
    plain = item_add(actor=TESTS, meeting=meeting, title="Updates")
    client = client_as("officer")
    wrong = client.post(
        _url(item, "outcomes/"),
        {"verb": "AGREED", "text": "it", "outcome_label": "0", "status": "no-such-status"},
        **HX,
    )
    assert (
        wrong.status_code == 400 and "not a status this assessment takes" in wrong.content.decode()
    )
    elsewhere = client.post(
        _url(plain, "outcomes/"),
        {"verb": "AGREED", "text": "it", "outcome_label": "0", "status": "approved"},
        **HX,
    )
    assert elsewhere.status_code == 400 and "considers no assessment" in elsewhere.content.decode()
    assert not Outcome.objects.filter(item__in=[item, plain]).exists()
