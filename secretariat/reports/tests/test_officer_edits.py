"""An officer can put their own text in place of a compiled section before publication: the edit is
recorded (its own row, the compiled text of the moment, an audit event), the compile shows the
difference between the compiled and the edited text, and when the records change after the edit
the compile shows that too and approval waits until the officer has looked again."""

from __future__ import annotations

import pytest

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.meetings.models import Meeting
from secretariat.reports.compiler import compile_report
from secretariat.reports.documents import prepare
from secretariat.reports.models import PanelReport, ReportSection, SectionOverride
from secretariat.reports.services import (
    report_version_approve,
    report_version_draft,
    section_override,
)
from secretariat.reports.tests.world import World

EDITED = (
    "During May 2019 the SSC reviewed five VUSAs and set their Compliance Status. "
    "Details are in confidential Appendix A."
)


@pytest.fixture
def june(db):
    return PanelReport.objects.select_related("meeting__body", "template").get(month="2019-06-01")


def _section(report, title="Verification Assessments") -> ReportSection:
    return ReportSection.objects.get(template=report.template, title=title)


def _writes():
    return SectionOverride.objects.count(), AuditEvent.objects.count()


def test_it_records_the_edit_and_shows_the_difference(june, officer):
    section = _section(june)
    override = section_override(
        actor=officer, report=june, section=section, text=EDITED, reason="Plainer."
    )
    assert override.written_by == officer and override.reason == "Plainer."
    assert "reviewed five Verification User Security Assessments" in override.compiled_text
    event = AuditEvent.objects.get(verb="report.section_override", object_id=str(override.pk))
    assert event.actor == officer and event.raw_changes()["section"] == "Verification Assessments"

    compiled = compile_report(june)
    (edit,) = compiled.edits
    assert edit.number == "3.2" and not edit.records_changed
    diff = "\n".join(edit.diff)
    assert "-During May 2019, the SSC reviewed five Verification User Security" in diff
    assert f"+{EDITED}" in diff
    body = prepare(compiled, "report")
    texts = [
        part.text
        for top in body.sections
        for sub in top.sections
        for block in sub.blocks
        for part in getattr(block, "parts", ())
    ]
    assert EDITED in texts
    assert not any("reviewed five Verification User Security" in text for text in texts)


def test_it_shows_when_the_records_changed_after_the_edit_and_holds_approval(june, officer):
    section = _section(june)
    section_override(actor=officer, report=june, section=section, text=EDITED)
    world = World(year=2035)
    world.decide(
        world.assessment(world.party(), "vusa"), Meeting.objects.get(reference="SSC_78_2205")
    )

    (edit,) = compile_report(june).edits
    assert edit.records_changed
    records = "\n".join(edit.records_diff)
    assert "-During May 2019, the SSC reviewed five" in records
    assert "+During May 2019, the SSC reviewed six" in records

    version = report_version_draft(
        actor=officer, report=june, part="report", reason="Six VUSAs, not five."
    )
    with pytest.raises(ServiceError) as refusal:
        report_version_approve(actor=officer, version=version)
    assert "3.2 Verification Assessments" in str(refusal.value)

    # Looking again and saving the section clears it.
    section_override(
        actor=officer, report=june, section=section, text=EDITED.replace("five", "six")
    )
    assert report_version_approve(actor=officer, version=version).status == "approved"


def test_it_goes_back_to_the_compiled_text_when_the_edit_is_emptied(june, officer):
    section = _section(june)
    section_override(actor=officer, report=june, section=section, text=EDITED)
    restored = section_override(actor=officer, report=june, section=section, text="")
    assert AuditEvent.objects.filter(
        verb="report.section_restore", object_id=str(restored.pk)
    ).exists()
    compiled = compile_report(june)
    assert compiled.edits == []
    assert SectionOverride.objects.filter(report=june, section=section).count() == 2


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"label": "AMBER"}, "label", "cannot be AMBER"),
        ({"title": "Security Sub-Committee and SMKI PMA"}, "section", "holds sub-sections only"),
        ({"text": "### \n\nA heading with nothing"}, "text", "needs its heading"),
        ({"actor": "panel"}, "actor", "secretariat officer"),
    ],
)
def test_it_refuses_a_bad_edit_and_writes_nothing(june, officer, user_of, change, field, words):
    before = _writes()
    arguments = {
        "actor": user_of(change["actor"]) if "actor" in change else officer,
        "report": june,
        "section": _section(june, change.get("title", "Verification Assessments")),
        "text": change.get("text", EDITED),
        "label": change.get("label", "WHITE"),
    }
    with pytest.raises(ServiceError) as refusal:
        section_override(**arguments)
    assert field in refusal.value.message_dict
    assert words in " ".join(refusal.value.message_dict[field])
    assert _writes() == before


def test_it_edits_through_the_page_and_shows_the_diff_there(june, client_as):
    officer = client_as("officer")
    url = f"/reports/panel/{june.slug}/sections/3.2"
    form = officer.get(url)
    assert form.status_code == 200
    assert "reviewed five Verification User Security Assessments" in form.content.decode()
    response = officer.post(url, {"text": EDITED, "reason": "Plainer."})
    assert response.status_code == 302
    page = officer.get(f"/reports/panel/{june.slug}/compile").content.decode()
    assert "+During May 2019 the SSC reviewed five VUSAs" in page
    draft = officer.get(f"/reports/panel/{june.slug}/?draft").content.decode()
    assert "During May 2019 the SSC reviewed five VUSAs" in draft
    # The public still reads the published version until a new one is published.
    public = client_as("anonymous").get(f"/reports/panel/{june.slug}/").content.decode()
    assert "During May 2019 the SSC reviewed five VUSAs" not in public


def test_it_shows_a_refused_edit_on_the_page_and_saves_nothing(june, client_as):
    before = _writes()
    response = client_as("officer").post(
        f"/reports/panel/{june.slug}/sections/3.2", {"text": "### \n\nNo heading"}
    )
    assert response.status_code == 400
    assert "needs its heading" in response.content.decode()
    assert _writes() == before
