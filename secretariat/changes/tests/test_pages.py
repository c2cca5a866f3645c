"""The change register through its pages: the seeds' changes at their addresses, a Draft
Proposal's address leading to its Modification Proposal, the officers' forms, and the agenda
items that link to changes on the meeting page."""

from __future__ import annotations

import datetime as dt

from secretariat.audit.models import AuditEvent
from secretariat.changes.models import Change, Stage
from secretariat.changes.services import change_convert
from secretariat.core.testing import TESTS


def test_it_serves_dp075_from_its_record(client_as):
    response = client_as("anonymous").get("/changes/DP075/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "third party metering service providers" in text
    assert "SMKIPMA_53_2105" in text and "TABASC_45_0205" in text
    assert "confirmed its involvement is not required at this point" in text


def test_it_marks_the_titles_the_demo_invented(client_as):
    text = client_as("anonymous").get("/changes/DP071/").content.decode()
    assert "the title is the demo's own" in text


def test_it_leads_a_converted_draft_proposals_address_to_its_modification_proposal(client_as):
    draft = Change.objects.get(reference="DP075")
    change_convert(actor=TESTS, draft=draft, reference="MP123", converted_on=dt.date(2019, 6, 20))
    response = client_as("anonymous").get("/changes/DP075/")
    assert response.status_code == 302 and response["Location"] == "/changes/MP123/"
    page = client_as("anonymous").get("/changes/MP123/").content.decode()
    assert "third party metering service providers" in page and "Raised as" in page


def test_it_lets_an_officer_raise_a_change_through_the_form(client_as):
    officer = client_as("officer")
    response = officer.post(
        "/changes/new/",
        {
            "reference": "DP077",
            "title": "A proposal raised by a test",
            "title_label": "WHITE",
            "raised_on": "2019-06-03",
            "proposer_label": "WHITE",
            "summary_label": "WHITE",
            "decision_label": "WHITE",
            "label": "WHITE",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/changes/DP077/"
    assert AuditEvent.objects.filter(verb="change.raise", summary__contains="DP077").exists()
    assert "DP077" in client_as("anonymous").get("/changes/").content.decode()


def test_it_refuses_a_bad_reference_naming_the_field(client_as):
    response = client_as("officer").post(
        "/changes/new/",
        {
            "reference": "XY1",
            "title": "x",
            "raised_on": "2019-06-03",
            "title_label": "WHITE",
            "proposer_label": "WHITE",
            "summary_label": "WHITE",
            "decision_label": "WHITE",
            "label": "WHITE",
        },
    )
    assert response.status_code == 400
    assert "reference: &#x27;XY1&#x27; is not a change reference" in response.content.decode()


def test_it_shows_the_officers_forms_to_no_one_else(client_as):
    assert client_as("officer").get("/changes/DP075/stage/").status_code == 200
    assert client_as("present").get("/changes/DP075/stage/").status_code == 404


def test_it_links_the_meeting_item_to_its_changes_on_the_meeting_page(client_as):
    text = client_as("anonymous").get("/meetings/SMKIPMA_53_2105/").content.decode()
    assert "On the register:" in text
    assert 'href="/changes/DP071/"' in text and 'href="/changes/DP076/"' in text


def test_it_records_a_stage_through_the_form(client_as):
    response = client_as("officer").post(
        "/changes/DP073/stage/",
        {
            "stage": Stage.objects.get(key="refinement").pk,
            "entered_on": "2019-06-05",
            "note": "",
            "label": "WHITE",
        },
    )
    assert response.status_code == 302
    assert Change.objects.get(reference="DP073").stages.latest("entered_on").stage.key == (
        "refinement"
    )
