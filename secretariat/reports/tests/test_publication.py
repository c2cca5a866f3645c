"""The report's two documents go through publishing's workflow: draft, approval by the Panel's
chair or an officer who may read them, publication by an officer into an append-only ledger with
publishing's hashes; a correction is a new version with a reason and earlier versions stay
readable. Pages read a fixed number of queries however many highlights there are."""

from __future__ import annotations

import hashlib

import pytest

from secretariat.core.models import AppendOnlyError
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.meetings.models import Meeting
from secretariat.publishing.models import PublicationRecord
from secretariat.reports.models import PanelReport
from secretariat.reports.services import (
    report_version_approve,
    report_version_draft,
    report_version_publish,
    verify_publication,
)
from secretariat.reports.tests.world import World


@pytest.fixture
def june(db):
    return PanelReport.objects.select_related("meeting__body").get(month="2019-06-01")


def test_it_published_both_parts_of_the_demo_report_for_their_audiences(june):
    records = {r.kind: r for r in PublicationRecord.objects.filter(meeting=june.meeting)}
    assert (records["panel-report"].label.name, records["panel-report"].audience) == (
        "WHITE",
        "public",
    )
    assert (records["appendix-a"].label.name, records["appendix-a"].audience) == (
        "RED",
        "appendix-distribution",
    )
    for record in records.values():
        assert verify_publication(record) == []


def test_it_serves_exactly_the_published_bytes(june, client_as):
    record = PublicationRecord.objects.get(meeting=june.meeting, kind="panel-report")
    for fmt in ("md", "pdf", "docx"):
        served = client_as("anonymous").get(f"/reports/panel/2019-06.{fmt}").content
        assert hashlib.sha256(served).hexdigest() == record.hashes[fmt], fmt


def test_it_keeps_the_ledger_append_only(june):
    record = PublicationRecord.objects.filter(meeting=june.meeting).first()
    record.title = "Something else"
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        PublicationRecord.objects.filter(meeting=june.meeting).delete()


def test_it_publishes_a_correction_with_its_reason_and_keeps_the_first(june, officer, client_as):
    with pytest.raises(ServiceError) as refusal:
        report_version_draft(actor=officer, report=june, part="report")
    assert "needs a reason" in str(refusal.value)
    version = report_version_draft(
        actor=officer, report=june, part="report", reason="Author's name corrected."
    )
    report_version_approve(actor=officer, version=version)
    record = report_version_publish(actor=officer, version=version)
    assert record.number == 2 and verify_publication(record) == []
    anonymous = client_as("anonymous")
    latest = anonymous.get("/reports/panel/2019-06/").content.decode()
    assert "Corrects version 1: Author&#x27;s name corrected." in latest
    first = anonymous.get("/reports/panel/2019-06/?version=1").content.decode()
    assert "Version 1, published 7 June 2019." in first and "Corrects" not in first


def test_it_lets_only_editors_who_may_read_it_approve_and_only_officers_publish(
    june, officer, user_of
):
    version = report_version_draft(actor=officer, report=june, part="appendix-a", reason="Fix.")
    for persona in ("panel", "chair", "present"):
        with pytest.raises(ServiceError):
            report_version_approve(actor=user_of(persona), version=version)
    approved = report_version_approve(actor=officer, version=version)
    with pytest.raises(ServiceError) as refusal:
        report_version_publish(actor=user_of("panel"), version=approved)
    assert "secretariat officer" in str(refusal.value)


def test_it_refuses_to_publish_a_report_that_would_reveal_a_restricted_panel_meeting(db, officer):
    from secretariat.meetings.services import meeting_update
    from secretariat.reports.services import report_open

    world = World(year=2036)
    report = report_open(actor=officer, meeting=world.panel_meeting, author="A. Officer")
    meeting_update(
        actor=TESTS, meeting=world.panel_meeting, version=world.panel_meeting.version, label="AMBER"
    )
    report.meeting = Meeting.objects.get(pk=world.panel_meeting.pk)
    # Refused as soon as a version would be drafted (before the one ledger, at approval).
    with pytest.raises(ServiceError) as refusal:
        report_version_draft(actor=officer, report=report, part="report")
    assert "labelled AMBER" in str(refusal.value)


@pytest.mark.parametrize(
    ("persona", "url", "budget"),
    [
        ("anonymous", "/reports/panel/2019-06/", 3),
        ("anonymous", "/reports/panel/2019-06.md", 2),
        # A signed-in reader's second factor is one query of each (the session's device). The
        # report is read with its distribution, the SSC's last meeting and the bodies' codes.
        ("panel", "/reports/panel/2019-06/appendix-a", 7),
        # A compile reads the layout with the officer's orders and edits, the marked items with
        # their meetings' decisions and streak rules, the incident reviews and Draft Proposals'
        # links in one union, the measures with their values, a picture's incidents, and the
        # assurance register's decisions and letters (with the referrals for Appendix A, which
        # a page of the body alone does not build).
        ("officer", "/reports/panel/2019-06/?draft", 14),
        ("officer", "/reports/panel/2019-06.pdf?draft", 13),
        ("officer", "/reports/panel/2019-06/appendix-a.pdf?draft", 14),
        ("officer", "/reports/panel/2019-06/compile", 15),
    ],
)
def test_it_reads_a_fixed_number_of_queries_however_many_highlights(
    client_as, django_assert_max_num_queries, persona, url, budget
):
    client = client_as(persona)
    client.get(url)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
    world = World(year=2037)
    ssc = Meeting.objects.get(reference="SSC_78_2205")
    opsg = Meeting.objects.get(reference="OPSG_32_1405")
    for number in range(25):
        world.highlight(ssc, f"Extra highlight {number}", "More to report.", report_label="GREEN")
        world.highlight(opsg, f"Open highlight {number}", "More to report.")
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
