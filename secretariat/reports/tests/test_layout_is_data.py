"""The report's layout is data: an officer changes a section's place, title, bodies or wording
through the service (or the back office, which calls it), and the next compile follows; bad
changes are refused with a message naming the field, and nothing is written."""

from __future__ import annotations

import pytest

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.reports.compiler import compile_report
from secretariat.reports.models import PanelReport, ReportSection
from secretariat.reports.services import section_update


@pytest.fixture
def june(db):
    return PanelReport.objects.select_related("meeting__body", "template").get(month="2019-06-01")


def _section(title: str) -> ReportSection:
    return ReportSection.objects.get(title=title)


def _numbers(report) -> list[tuple[str, str]]:
    return [
        (entry.number, entry.section.title)
        for top in compile_report(report).layout
        for entry in (top, *top.children)
    ]


def test_it_follows_the_layout_when_sections_move_and_bodies_change(june, officer):
    tabasc, tag = _section("TABASC Highlights"), _section("TAG Highlights")
    section_update(actor=officer, section=tag, position=9)
    section_update(actor=officer, section=tabasc, position=2)
    section_update(actor=officer, section=tag, position=1, title="Testing Advisory Group")
    assert ("4.1", "Testing Advisory Group") in _numbers(june)
    assert ("4.2", "TABASC Highlights") in _numbers(june)
    # The TAG's meetings now feed the Operations Group section instead.
    section_update(actor=officer, section=tag, body_codes=[])
    section_update(
        actor=officer,
        section=_section("Operations Group Meeting Highlights"),
        body_codes=["OPSG", "DQSG", "TAG"],
    )
    where = {p.heading: p.where for p in compile_report(june).placements}
    assert where["Release 2.0"] == "2.1 Operations Group Meeting Highlights"


def test_it_uses_the_officers_wording_for_a_count(june, officer):
    section_update(
        actor=officer,
        section=_section("Security Self-Assessments"),
        sentence_none="The SSC set no Compliance Status after a Self-Assessment in {month}.",
    )
    texts = compile_report(june).texts
    assert texts[_section("Security Self-Assessments").pk] == (
        "The SSC set no Compliance Status after a Self-Assessment in May 2019."
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"body_codes": ["OPSG", "NOPE"]}, "body_codes", "No body has the code NOPE"),
        ({"sentence_many": "{count} in {month}"}, "sentence_many", "cannot be filled in"),
        ({"title": " "}, "title", "needs a title"),
        ({"content": "text"}, "content", "cannot be changed here"),
    ],
)
def test_it_refuses_a_bad_layout_change_and_writes_nothing(june, officer, changes, field, words):
    before = AuditEvent.objects.count()
    section = _section("Operations Group Meeting Highlights")
    with pytest.raises(ServiceError) as refusal:
        section_update(actor=officer, section=section, **changes)
    assert words in " ".join(refusal.value.message_dict[field])
    assert AuditEvent.objects.count() == before


def test_it_lets_only_the_secretariat_change_the_layout(june, user_of):
    with pytest.raises(ServiceError):
        section_update(actor=user_of("panel"), section=_section("TAG Highlights"), title="X")


def test_it_changes_the_layout_through_the_back_office(june, client_as, back_office_officer):
    section = _section("TAG Highlights")
    url = f"/back-office/reports/reportsection/{section.pk}/change/"
    officer = client_as("officer")
    form = {
        "title": "TAG Highlights",
        "position": section.position,
        "text": "",
        "body_codes": '["TAG", "NOPE"]',
        "count_kind": "",
        "sentence_none": section.sentence_none,
        "sentence_one": "",
        "sentence_many": "",
    }
    refused = officer.post(url, form)
    assert refused.status_code == 200 and "No body has the code NOPE" in refused.content.decode()
    form["body_codes"] = '["TAG"]'
    form["title"] = "Testing Advisory Group Highlights"
    assert officer.post(url, form).status_code == 302
    assert ReportSection.objects.get(pk=section.pk).title == "Testing Advisory Group Highlights"
