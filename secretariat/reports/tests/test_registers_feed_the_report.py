"""The June 2019 report's OPSG, SMKI PMA and TABASC sentences come from the change and
operations registers: a changed monthly value changes the streak sentence, a new Draft Proposal
changes the list, the compile page links each value to its records, and a count that disagrees
with the meetings' outcomes blocks publication until an officer resolves it with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.changes.models import Change
from secretariat.changes.services import change_link, change_raise
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.documents.labelled import Paragraph
from secretariat.meetings.models import AgendaItem
from secretariat.operations.models import Incident, Measure
from secretariat.operations.services import incident_review, value_record
from secretariat.publishing.models import PublicationVersion
from secretariat.reports.compiler import compile_report
from secretariat.reports.count_checks import count_resolve
from secretariat.reports.models import PanelReport
from secretariat.reports.services import (
    report_version_approve,
    report_version_draft,
    report_version_publish,
)


@pytest.fixture
def june(db):
    return PanelReport.objects.select_related("meeting__body", "template").get(month="2019-06-01")


def _text(report) -> str:
    def walk(sections):
        for section in sections:
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    yield " ".join(part.text for part in block.parts)
            yield from walk(section.sections)

    return "\n".join(walk(compile_report(report).body.sections))


def test_it_states_the_seeds_facts_from_the_records(june):
    text = _text(june)
    assert "In review of three Major Incidents from April" in text
    assert (
        "a performance metric related to OTA had been at “Amber” status or worse for 5 "
        "consecutive months" in text
    )
    assert "specifically Draft Proposals 071 to 076" in text
    for line in (
        "DP073 ‘alteration of SMKI repository information and documentation’",
        "DP076 ‘pursuing non-payment in events of default’",
    ):
        assert line in text.splitlines()


def test_it_follows_a_changed_monthly_value(june):
    ota = Measure.objects.get(code="ota-firmware")
    value_record(actor=TESTS, measure=ota, month=dt.date(2019, 1, 1), value="99.9")
    text = _text(june)
    assert "for 3 consecutive months" in text and "for 5 consecutive" not in text
    value_record(actor=TESTS, measure=ota, month=dt.date(2019, 3, 1), value="99.9")
    assert "no performance measure had been at “Amber” status or worse for 3" in _text(june)


def test_it_lists_a_new_draft_proposal(june):
    item = AgendaItem.objects.get(
        meeting__reference="SMKIPMA_53_2105", title="New Draft Proposals and Modification Proposals"
    )
    tabasc = AgendaItem.objects.get(
        meeting__reference="TABASC_45_0205", title="New Draft Proposals and Modification Proposals"
    )
    new = change_raise(
        actor=TESTS,
        reference="DP077",
        title="a proposal of the test",
        raised_on=dt.date(2019, 5, 1),
    )
    change_link(actor=TESTS, change=new, item=item)
    change_link(actor=TESTS, change=new, item=tabasc)
    text = _text(june)
    assert "Draft Proposals 071 to 077" in text
    assert "DP077 ‘a proposal of the test’" in text.splitlines()


def test_it_leaves_out_a_draft_proposal_above_the_highlights_label(june):
    item = AgendaItem.objects.get(meeting__reference="TABASC_45_0205", number=2)
    hidden = change_raise(
        actor=TESTS, reference="DP078", title="CANARY", raised_on=dt.date(2019, 5, 1), label="RED"
    )
    change_link(actor=TESTS, change=hidden, item=item)
    compiled = compile_report(june)
    assert "CANARY" not in _text(june) and "DP078" not in _text(june)
    assert any("DP078 is left out" in warning for warning in compiled.warnings)


def test_it_links_each_value_to_its_records_on_the_compile_page(june, client_as):
    page = client_as("officer").get("/reports/panel/2019-06/compile").content.decode()
    assert "Values from the registers" in page
    assert 'href="/operations/incidents/MI-2019-04-01/"' in page
    assert 'href="/changes/DP075/"' in page and 'href="/operations/measures/ota-firmware/"' in page
    assert "Every count agrees with the outcomes" in page


def _publish(june, officer):
    version = report_version_draft(actor=officer, report=june, part="report", reason="Counts.")
    version = report_version_approve(actor=officer, version=version)
    return report_version_publish(actor=officer, version=version)


def test_it_blocks_publication_while_a_count_disagrees_until_an_officer_resolves_it(
    june, officer, client_as
):
    # An incident reviewed at another OPSG_32 item (with an outcome) that no count includes.
    other = AgendaItem.objects.get(
        meeting__reference="OPSG_32_1405", title="Communication Hub Firmware Updates"
    )
    incident_review(
        actor=TESTS, incident=Incident.objects.get(reference="MI-2019-04-02"), item=other
    )
    compiled = compile_report(june)
    [disagreement] = compiled.disagreements
    assert "MI-2019-04-02 was reviewed at OPSG_32_1405" in disagreement.text
    with pytest.raises(ServiceError) as refusal:
        _publish(june, officer)
    assert "counts" in refusal.value.message_dict
    page = client_as("officer").get("/reports/panel/2019-06/compile").content.decode()
    assert "no count in the report includes it" in page and "Why the count stands" in page
    with pytest.raises(ServiceError):
        count_resolve(
            actor=officer,
            report=june,
            key=disagreement.key,
            reason=" ",
            disagreements=[disagreement],
        )
    response = client_as("officer").post(
        "/reports/panel/2019-06/counts",
        {"key": disagreement.key, "reason": "The firmware item only mentioned it in passing."},
    )
    assert response.status_code == 302
    # The approved version the refusal left waits; the officer's one step publishes it now.
    published = client_as("officer").post(
        "/reports/panel/2019-06/publish", {"part": "report", "reason": "Counts."}
    )
    assert published.status_code == 302
    assert (
        PublicationVersion.objects.filter(
            meeting=june.meeting, kind="panel-report", status="published"
        ).count()
        == 2
    )


def test_it_flags_a_counted_incident_whose_item_has_no_outcome(june):
    item = AgendaItem.objects.get(meeting__reference="OPSG_32_1405", title="Major Incidents")
    item.outcomes.all().delete()
    [*found] = compile_report(june).disagreements
    assert len(found) == 3 and all("no outcome of that item records it" in d.text for d in found)
    assert Change.objects.filter(reference="DP075").exists()
