"""Canaries: a unique marker in every restricted highlight and every field of Appendix A, then
every output meant for a lower audience is searched for them, read back as a reader could (PDF
text, metadata and every stream; every XML part of the .docx; Markdown; HTML; file names).
Positive controls show the markers reach the readers cleared for them, so finding nothing means
something."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.core.testing import TESTS
from secretariat.documents.renderers import FORMATS, render
from secretariat.meetings.services import item_update
from secretariat.publishing.tests.support import found, texts_of
from secretariat.reports.compiler import compile_report
from secretariat.reports.documents import prepare
from secretariat.reports.services import report_issue, report_open
from secretariat.reports.tests.world import World

HIGHLIGHTS = {
    "RED": "QQRedHighlightQQ",
    "AMBER": "QQAmberHighlightQQ",
    "GREEN": "QQGreenHighlightQQ",
}
RED_HEADING = "QQRedHeadingQQ"
AMBER_MEETING = "QQAmberMeetingQQ"
APPENDIX = {
    "non_compliance": "QQRedNonComplianceQQ",
    "letter": "QQRedLetterSubjectQQ",
    "assessment_party": "QQRedPartyNameQQ",
    "letter_party": "QQRedLetterPartyQQ",
}
REAL_NAMES = {APPENDIX["assessment_party"], APPENDIX["letter_party"]}
RESTRICTED = {*HIGHLIGHTS.values(), RED_HEADING, AMBER_MEETING}
EVERY_MARKER = RESTRICTED | set(APPENDIX.values())
WHITE_CONTROL = "Openlyreportedwords"


def build(world: World) -> dict:
    may_ssc, opsg = world.ssc[5], world.opsg
    items = {}
    items["white"] = world.highlight(opsg, "Open news", f"The OPSG {WHITE_CONTROL} today.")
    for label, marker in HIGHLIGHTS.items():
        items[label] = world.highlight(
            may_ssc, f"{label.title()} news", f"The SSC heard {marker}.", report_label=label
        )
    items["red_heading"] = world.highlight(
        opsg, f"Heading {RED_HEADING}", "Text under a restricted heading.", report_label="RED"
    )
    secret = world.meeting("TAG", may_ssc.date, label="AMBER")
    items["amber_meeting"] = world.highlight(
        secret, "Testing news", f"The TAG saw {AMBER_MEETING}."
    )
    party = world.party(f"{APPENDIX['assessment_party']} Ltd")
    assessment = world.assessment(party)
    world.decide(assessment, may_ssc)
    world.refer(assessment, may_ssc, f"Controls missing: {APPENDIX['non_compliance']}.")
    world.letter(world.party(f"{APPENDIX['letter_party']} Ltd"), world.ssc[4], APPENDIX["letter"])
    return items


@pytest.fixture
def canary(db):
    world = World()
    items = build(world)
    report = report_open(actor=world.officer, meeting=world.panel_meeting, author="A. Officer")
    report_issue(actor=world.officer, report=report)
    return world, report, items


def _http(client, month: str, *, appendix: bool = False, query: str = "") -> dict[str, list[str]]:
    """The page and its three files, read back as text."""
    page = f"/reports/panel/{month}/appendix-a" if appendix else f"/reports/panel/{month}/"
    stem = page if appendix else page.rstrip("/")
    outputs = {}
    response = client.get(page + query)
    assert response.status_code == 200, page
    outputs[page] = [response.content.decode()]
    for fmt in ("md", "pdf", "docx"):
        url = f"{stem}.{fmt}"
        response = client.get(url + query)
        assert response.status_code == 200, url
        outputs[url] = [*texts_of(fmt, response.content), response["Content-Disposition"]]
    return outputs


def _cli(tmp_path, month: str, *, appendix: bool) -> dict[str, list[str]]:
    outputs = {}
    for fmt in FORMATS:
        target = tmp_path / f"{'appendix' if appendix else 'report'}.{fmt}"
        call_command("panel_report", month, fmt=fmt, output=str(target), appendix=appendix)
        outputs[f"cli {fmt}"] = texts_of(fmt, target.read_bytes())
    return outputs


def _leaks(outputs, markers) -> dict[str, set[str]]:
    return {name: hits for name, texts in outputs.items() if (hits := found(markers, texts))}


def test_it_keeps_every_restricted_marker_out_of_the_public_report(canary, client_as, tmp_path):
    world, _, _ = canary
    outputs = {}
    for persona in ("anonymous", "party", "panel"):
        outputs.update(
            {f"{persona} {k}": v for k, v in _http(client_as(persona), world.month).items()}
        )
    outputs.update(_cli(tmp_path, world.month, appendix=False))
    # The officer's draft preview of the body is the same public projection.
    outputs.update(_http(client_as("officer"), world.month, query="?draft"))
    assert _leaks(outputs, EVERY_MARKER) == {}
    assert found({WHITE_CONTROL}, outputs[f"anonymous /reports/panel/{world.month}.pdf"])
    assert found({WHITE_CONTROL}, outputs[f"anonymous /reports/panel/{world.month}.docx"])


def test_it_puts_the_restricted_highlights_in_the_appendix_and_says_so(canary, client_as):
    world, report, _ = canary
    compiled = compile_report(report)
    where = {p.heading: p.destination for p in compiled.placements}
    assert where["Open news"] == "body"
    for heading in (
        "Red news",
        "Amber news",
        "Green news",
        f"Heading {RED_HEADING}",
        "Testing news",
    ):
        assert where[heading] == "Appendix A", heading
    appendix = _http(client_as("panel"), world.month, appendix=True)
    # Positive control: the panel member present reads every restricted highlight and field...
    assert found(
        RESTRICTED | {APPENDIX["non_compliance"], APPENDIX["letter"]},
        [text for texts in appendix.values() for text in texts],
    ) == RESTRICTED | {APPENDIX["non_compliance"], APPENDIX["letter"]}


def test_it_names_parties_in_the_appendix_only_for_readers_cleared_for_the_name(
    canary, client_as, tmp_path
):
    world, _, _ = canary
    outputs = {}
    for persona in ("panel", "officer"):
        outputs.update(
            {
                f"{persona} {k}": v
                for k, v in _http(client_as(persona), world.month, appendix=True).items()
            }
        )
    outputs.update(_cli(tmp_path, world.month, appendix=True))
    # The appendix goes to a group that is not cleared for real names: pseudonyms only.
    assert _leaks(outputs, REAL_NAMES) == {}
    page = client_as("officer").get(f"/reports/panel/{world.month}/compile").content.decode()
    assert found(REAL_NAMES, [page]) == REAL_NAMES, "the officer's compile page names them"


@pytest.mark.parametrize("second_factor", [True, False], ids=["second factor", "password only"])
def test_it_answers_404_for_the_appendix_to_anyone_not_there(canary, client_as, second_factor):
    world, _, _ = canary
    absent = ("absent", "present", "chair", "party", "outsider", "anonymous")
    # Without a second factor even those who were there meet the RED appendix as if not there.
    for persona in absent if second_factor else (*absent, "panel"):
        for suffix in ("", ".md", ".pdf", ".docx"):
            url = f"/reports/panel/{world.month}/appendix-a{suffix}"
            client = client_as(persona, second_factor=second_factor)
            assert client.get(url).status_code == 404, (persona, url)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    red=st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=40),
    amber=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ .", min_size=1, max_size=40),
)
def test_it_renders_the_same_public_report_whatever_the_restricted_texts_say(canary, red, amber):
    _, report, items = canary

    def public_bytes():
        projected = prepare(compile_report(report), "report")
        return {fmt: render(projected, fmt) for fmt in ("md", "html", "docx", "pdf")}

    before = public_bytes()
    item_update(
        actor=TESTS, item=items["RED"], version=items["RED"].version, report_text=f"Changed {red}"
    )
    item_update(
        actor=TESTS,
        item=items["AMBER"],
        version=items["AMBER"].version,
        report_text=f"Changed {amber}",
    )
    item_update(
        actor=TESTS,
        item=items["red_heading"],
        version=items["red_heading"].version,
        report_heading=f"Heading {amber}",
    )
    assert public_bytes() == before
