"""The change register through its pages: the seeds' changes at their addresses, a Draft
Proposal's address leading to its Modification Proposal, the officers' forms, and the agenda
items that link to changes on the meeting page."""

from __future__ import annotations

import datetime as dt

from secretariat.audit.models import AuditEvent
from secretariat.changes.models import Change, Stage
from secretariat.changes.services import change_convert, change_raise, stage_enter
from secretariat.changes.views import PER_PAGE
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


def test_it_shows_each_change_at_the_latest_stage_the_reader_may_see(client_as):
    change = change_raise(
        actor=TESTS, reference="DP901", title="Staged in the open", raised_on=dt.date(2030, 1, 2)
    )
    stages = {stage.key: stage for stage in Stage.objects.all()}
    stage_enter(
        actor=TESTS, change=change, stage=stages["development"], entered_on=dt.date(2030, 1, 2)
    )
    # A later stage whose entry is AMBER: the public still sees the change where it last saw it.
    stage_enter(
        actor=TESTS,
        change=change,
        stage=stages["refinement"],
        entered_on=dt.date(2030, 2, 3),
        label="AMBER",
    )

    def row(persona) -> str:
        page = client_as(persona).get("/changes/").content.decode()
        return page[page.index('href="/changes/DP901/"') :].split("</tr>")[0]

    assert "Development Stage" in row("anonymous") and "Refinement" not in row("anonymous")
    assert "Refinement Process" in row("officer")


def test_it_lists_the_register_a_page_at_a_time_newest_first(client_as):
    for number in range(PER_PAGE + 1):
        change_raise(
            actor=TESTS,
            reference=f"DP{700 + number}",
            title=f"Bulk {number}",
            raised_on=dt.date(2030, 1, 1) + dt.timedelta(days=number),
        )
    anonymous = client_as("anonymous")
    first = anonymous.get("/changes/").content.decode()
    assert "/changes/DP750/" in first and "/changes/DP700/" not in first
    assert 'href="?page=2" rel="next"' in first
    second = anonymous.get("/changes/?page=2").content.decode()
    assert "/changes/DP700/" in second and "/changes/DP750/" not in second
    assert 'href="?page=1" rel="prev"' in second
    # A page past the end shows the last one; a page that is no number, the first.
    assert "/changes/DP700/" not in anonymous.get("/changes/?page=x").content.decode()
    assert anonymous.get("/changes/?page=999").status_code == 200
