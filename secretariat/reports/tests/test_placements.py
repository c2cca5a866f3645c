"""Where each marked item goes, and why: several items may feed one heading; above the report's
label an item goes to Appendix A under the same heading; an item with no report text, or from a
body no section covers, is left out; the compile says which for every item."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.reports.compiler import compile_report
from secretariat.reports.documents import prepare
from secretariat.reports.services import draft_report
from secretariat.reports.tests.world import World


@pytest.fixture
def world(db):
    return World(year=2032)


def _compile(world):
    return compile_report(draft_report(world.panel_meeting))


def _highlights(projected, heading_prefix: str) -> dict[str, list[str]]:
    for top in projected.sections:
        for sub in (top, *top.sections):
            if sub.heading.text.startswith(heading_prefix):
                return {s.heading.text: [b.parts[0].text for b in s.blocks] for s in sub.sections}
    raise AssertionError(f"No section {heading_prefix!r}")


def test_it_gathers_several_items_under_one_heading(world):
    early = world.meeting("OPSG", dt.date(2032, 4, 9))
    world.highlight(early, "Major Incidents", "April's incidents.")
    world.highlight(world.opsg, "major  incidents", "May's incidents.")
    compiled = _compile(world)
    body = _highlights(prepare(compiled, "report"), "2.1")
    assert body == {"Major Incidents": ["April's incidents.", "May's incidents."]}
    assert [p.destination for p in compiled.placements] == ["body", "body"]


def test_it_splits_a_heading_by_label_between_body_and_appendix(world):
    world.highlight(world.ssc[5], "Post Commissioning", "What may be said.")
    world.highlight(world.ssc[5], "Post Commissioning", "What may not.", report_label="AMBER")
    compiled = _compile(world)
    assert _highlights(prepare(compiled, "report"), "3.5") == {
        "Post Commissioning": ["What may be said."]
    }
    appendix = prepare(compiled, "appendix-a")
    (a3,) = [s for s in appendix.sections if s.heading.text.startswith("A.3")]
    (ssc,) = a3.sections
    assert ssc.heading.text == "SSC Highlights"
    assert [(s.heading.text, [b.parts[0].text for b in s.blocks]) for s in ssc.sections] == [
        ("Post Commissioning", ["What may not."])
    ]
    destinations = {(p.label.name, p.destination, p.where) for p in compiled.placements}
    assert destinations == {
        ("WHITE", "body", "3.5 SSC Highlights"),
        ("AMBER", "Appendix A", "A.3 SSC Highlights"),
    }


def test_it_leaves_out_what_it_cannot_place_and_says_why(world):
    world.highlight(world.meeting("CSC", dt.date(2032, 5, 3)), "Change news", "Changes.")
    world.highlight(world.opsg, "Empty", "")
    compiled = _compile(world)
    reasons = {p.heading: (p.destination, p.reason) for p in compiled.placements}
    assert reasons["Change news"] == (
        "left out",
        "no section of the layout covers the Change Sub-Committee",
    )
    assert reasons["Empty"] == ("left out", "the item has no report text")
    texts = compiled.texts
    assert any(
        t == "No highlights were brought to the Panel’s attention in March to May 2032."
        for t in texts.values()
    )


def test_it_lists_a_referral_without_a_status_in_the_period(world):
    assessment = world.assessment(world.party(), "vusa")
    world.refer(assessment, world.ssc[4], "Logging retention too short.")
    appendix = prepare(_compile(world), "appendix-a")
    (a1,) = [s for s in appendix.sections if s.heading.text.startswith("A.1")]
    (row,) = a1.blocks[0].rows
    cells = [cell.text for cell in row.cells]
    assert cells[0] == assessment.organisation.public_name
    assert "none set (in effect)" in cells[2]
    assert "Logging retention too short." in cells[3]


def test_it_leaves_out_a_restricted_highlight_its_meeting_did_not_decide_to_report(world):
    world.highlight(
        world.ssc[5], "Post Commissioning", "Marked only.", report_label="AMBER", decided=False
    )
    compiled = _compile(world)
    (placement,) = compiled.placements
    assert placement.destination == "left out"
    assert "recorded no decision to report it to the Panel" in placement.reason
    appendix = prepare(compiled, "appendix-a")
    assert "Marked only." not in str(appendix)
