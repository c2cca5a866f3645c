"""Canaries: a unique marker in every restricted field of a meeting, then every public output is
searched for them (and every AMBER output for the RED ones). Each output is read back the way a
reader could: PDF text, info, XMP and every decompressed stream; every XML part of the .docx; the
Atom feed; file names. Positive controls show the markers do reach the readers cleared for them,
so a search that finds nothing means something."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command

from secretariat.actions.models import Action
from secretariat.actions.services import action_update_record
from secretariat.core.testing import TESTS
from secretariat.documents.renderers import FORMATS, render
from secretariat.publishing.audiences import Public
from secretariat.publishing.builders import meeting_kinds, prepare
from secretariat.publishing.services import publication_issue
from secretariat.publishing.tests.support import build_meeting, found, texts_of

RED = {
    "title": "QQRedTitleQQ",
    "summary": "QQRedSummaryQQ",
    "restricted": "QQRedRestrictedQQ",
    "outcome": "QQRedOutcomeQQ",
    "outcome2": "QQRedOutcomeTwoQQ",
    "action": "QQRedActionQQ",
    "party": "QQRedPartyNameQQ",
    "sub_title": "QQRedSubTitleQQ",
    "sub_summary": "QQRedSubSummaryQQ",
    "sub_restricted": "QQRedSubPointQQ",
}
# RED, but never for a meeting's audience: a paper's named distribution, an earlier meeting's.
RED_ELSEWHERE = {
    "paper": "QQRedPaperTitleQQ",
    "earlier_action": "QQRedEarlierActionQQ",
    "update": "QQRedUpdateQQ",
}
AMBER = {
    "restricted": "QQAmberRestrictedQQ",
    "outcome": "QQAmberOutcomeQQ",
    "action": "QQAmberActionQQ",
    "party": "QQAmberPartyNameQQ",
    "paper": "QQAmberPaperTitleQQ",
    "sub_summary": "QQAmberSubSummaryQQ",
    "sub_restricted": "QQAmberSubPointQQ",
    "earlier_action": "QQAmberEarlierActionQQ",
    "update": "QQAmberUpdateQQ",
}
GREEN = {"summary": "QQGreenSummaryQQ"}

EVERY_MARKER = {*RED.values(), *RED_ELSEWHERE.values(), *AMBER.values(), *GREEN.values()}
RED_MARKERS = {*RED.values(), *RED_ELSEWHERE.values()}


@pytest.fixture
def canary_meeting(db, user_of):
    earlier, _ = build_meeting(
        {
            "items": [
                {
                    "title": "Earlier business",
                    "label": "AMBER",
                    "actions": [
                        (AMBER["earlier_action"], "AMBER"),
                        (RED_ELSEWHERE["earlier_action"], "RED"),
                    ],
                }
            ]
        },
        number=899,
        date=dt.date(2019, 4, 24),
    )
    meeting, _ = build_meeting(
        {
            "items": [
                {
                    "title": "Open business",
                    "summary": "Openly minuted words",
                    "outcomes": [
                        ("NOTED", "the open update", "WHITE"),
                        ("AGREED", AMBER["outcome"], "AMBER"),
                        ("AGREED", RED["outcome"], "RED"),
                    ],
                    "sub_points": [
                        {
                            "label": "RED",
                            "title": RED["sub_title"],
                            "title_label": "RED",
                            "summary": RED["sub_summary"],
                            "summary_label": "RED",
                            "restricted": RED["sub_restricted"],
                        },
                        {
                            "label": "AMBER",
                            "title": "Amber sub-point",
                            "summary": AMBER["sub_summary"],
                            "summary_label": "AMBER",
                            "restricted": AMBER["sub_restricted"],
                        },
                    ],
                    "papers": [
                        (RED_ELSEWHERE["paper"], "RED", "RED"),
                        (AMBER["paper"], "AMBER", "AMBER"),
                        ("Public paper", "WHITE", "WHITE"),
                    ],
                },
                {
                    "title": RED["title"],
                    "title_label": "RED",
                    "label": "RED",
                    "summary": RED["summary"],
                    "summary_label": "RED",
                    "restricted": RED["restricted"],
                    "party": (f"{RED['party']} Ltd", "RED"),
                    "outcomes": [("NOTED", RED["outcome2"], "RED")],
                    "actions": [(RED["action"], "RED")],
                },
                {
                    "title": "Amber item",
                    "label": "AMBER",
                    "summary": GREEN["summary"],
                    "summary_label": "GREEN",
                    "restricted": AMBER["restricted"],
                    "party": (f"{AMBER['party']} Ltd", "AMBER"),
                    "outcomes": [("NOTED", "the amber update", "AMBER")],
                    "actions": [(AMBER["action"], "AMBER")],
                },
            ]
        },
        number=900,
        date=dt.date(2019, 5, 8),
    )
    for action, text, label in (
        (Action.objects.get(meeting=earlier, label=2), AMBER["update"], "AMBER"),
        (Action.objects.get(meeting=earlier, label=3), RED_ELSEWHERE["update"], "RED"),
    ):
        action_update_record(
            actor=TESTS, action=action, meeting=meeting, text=text, status="on_target", label=label
        )
    for kind in (kind.slug for kind in meeting_kinds()):
        publication_issue(
            actor=user_of("officer"), approver=user_of("chair"), meeting=meeting, kind=kind
        )
    return meeting


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def _http_outputs(client, base: str) -> dict[str, list[str]]:
    outputs = {}
    response = _get(client, base)
    outputs[base] = [response.content.decode()]
    for fmt in ("md", "pdf", "docx"):
        response = _get(client, f"{base}.{fmt}")
        outputs[f"{base}.{fmt}"] = [
            *texts_of(fmt, response.content),
            response["Content-Disposition"],
        ]
    return outputs


def _leaks(outputs: dict[str, list[str]], markers) -> dict[str, set[str]]:
    return {name: hits for name, texts in outputs.items() if (hits := found(markers, texts))}


def test_it_keeps_every_restricted_marker_out_of_every_public_output(
    canary_meeting, client_as, tmp_path
):
    anonymous = client_as("anonymous")
    reference = canary_meeting.reference
    outputs = _http_outputs(anonymous, f"/meetings/{reference}/headlines")
    feeds = (
        "/publications/feed.atom",
        f"/bodies/{canary_meeting.body.code}/feed.atom",
        "/publications/headlines/feed.atom",
        "/publications/minutes/feed.atom",
    )
    for url in ("/publications/", *feeds):
        outputs[url] = [_get(anonymous, url).content.decode()]
    for fmt in FORMATS:
        target = tmp_path / f"cli.{fmt}"
        call_command(
            "render", reference, "headlines", format=fmt, audience="public", output=str(target)
        )
        outputs[f"cli {fmt}"] = texts_of(fmt, target.read_bytes())
    # Every document, projected for the public: the projection alone keeps them out.
    for kind in (kind.slug for kind in meeting_kinds()):
        projected = prepare(kind, canary_meeting, audience=Public())
        for fmt in FORMATS:
            outputs[f"{kind} for the public, {fmt}"] = texts_of(fmt, render(projected, fmt))

    assert _leaks(outputs, EVERY_MARKER) == {}
    # The public outputs are not empty: the document is listed, the WHITE words are there.
    assert reference in outputs["/publications/"][0]
    for url in feeds[:3]:
        assert reference in outputs[url][0], url
    assert reference not in outputs["/publications/minutes/feed.atom"][0]
    assert found({"Openlyminutedwords"}, outputs[f"/meetings/{reference}/headlines.pdf"])
    assert found({"Openlyminutedwords"}, outputs[f"/meetings/{reference}/headlines.docx"])


@pytest.mark.parametrize("second_factor", [True, False], ids=["second factor", "password only"])
def test_it_keeps_amber_and_red_markers_out_of_the_minutes(
    canary_meeting, client_as, second_factor
):
    outputs = _http_outputs(
        client_as("absent", second_factor=second_factor),
        f"/meetings/{canary_meeting.reference}/minutes",
    )
    # The Minutes hold the WHITE and GREEN record: AMBER and RED are the Confidential Minutes'.
    assert _leaks(outputs, {*RED_MARKERS, *AMBER.values()}) == {}
    for name in outputs:
        if name.endswith(("pdf", "docx", "md")):
            assert found(GREEN.values(), outputs[name]) == set(GREEN.values()), name


def test_it_gives_an_absent_member_the_amber_record_and_no_red(canary_meeting, client_as):
    outputs = _http_outputs(
        client_as("absent"), f"/meetings/{canary_meeting.reference}/confidential-minutes"
    )
    assert _leaks(outputs, RED_MARKERS) == {}
    # A party's real name is the party's and the secretariat's, whatever the reader heard
    # (docs/access.md, A party's real name).
    assert _leaks(outputs, [AMBER["party"]]) == {}
    for name in outputs:
        if name.endswith(("pdf", "docx", "md")):
            wanted = {*AMBER.values(), *GREEN.values()} - {AMBER["party"]}
            assert found(wanted, outputs[name]) == wanted, name


def test_it_hides_every_red_marker_from_a_session_without_a_second_factor(
    canary_meeting, client_as
):
    # Present at the meeting, but signed in with the password alone: RED is as if not there,
    # so the Confidential Minutes read as an absent member's (AMBER and GREEN).
    present = client_as("present", second_factor=False)
    reference = canary_meeting.reference
    outputs = _http_outputs(present, f"/meetings/{reference}/confidential-minutes")
    outputs.update(_http_outputs(present, f"/meetings/{reference}/minutes"))
    page = _get(present, f"/meetings/{reference}/")
    outputs[f"/meetings/{reference}/"] = [page.content.decode()]
    assert _leaks(outputs, [*RED.values(), *RED_ELSEWHERE.values()]) == {}
    # The AMBER the session may read is still there: only RED needs the second factor.
    markdown = outputs[f"/meetings/{reference}/confidential-minutes.md"]
    wanted = set(AMBER.values()) - {AMBER["party"]}
    assert found(wanted, markdown) == wanted


def test_it_gives_the_confidential_minutes_only_this_meetings_red(canary_meeting, client_as):
    outputs = _http_outputs(
        client_as("present"), f"/meetings/{canary_meeting.reference}/confidential-minutes"
    )
    markdown = outputs[f"/meetings/{canary_meeting.reference}/confidential-minutes.md"]
    # Every RED fragment of this meeting reaches those who were there, a sub-point's title too;
    # a party's real name does not (it is the party's and the secretariat's).
    wanted = set(RED.values()) - {RED["party"]}
    assert found(wanted, markdown) == wanted
    assert _leaks(outputs, [RED["party"], AMBER["party"]]) == {}
    # Another meeting's RED and a paper's named distribution are not this audience's.
    assert _leaks(outputs, RED_ELSEWHERE.values()) == {}
    officer = _http_outputs(
        client_as("officer"), f"/meetings/{canary_meeting.reference}/confidential-minutes"
    )
    names = {RED["party"], AMBER["party"]}
    assert found(
        names, officer[f"/meetings/{canary_meeting.reference}/confidential-minutes.md"]
    ) == (names)


def test_it_names_files_from_public_facts_only(canary_meeting, client_as):
    response = _get(client_as("anonymous"), f"/meetings/{canary_meeting.reference}/headlines.pdf")
    name = re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)
    assert name == f"{canary_meeting.reference}-headlines.pdf"
