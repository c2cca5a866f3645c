"""A canary in every restricted text of the change register reaches only those cleared for it, on
every page and in the API; a record above the reader answers 404."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from secretariat.changes.models import Change, Release, Stage
from secretariat.changes.services import (
    change_link,
    change_raise,
    change_update,
    input_give,
    input_request,
    stage_enter,
    vote_record,
)
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Organisation
from secretariat.meetings.models import AgendaItem

PERSONAS = ("officer", "chair", "present", "absent", "party", "panel", "outsider", "anonymous")
D = dt.date(2019, 5, 30)


@pytest.fixture
def canaries(db):
    proposer = Organisation.objects.get(name="Lanyard Data Ltd")
    release = Release.objects.get(name="june-2019")
    change = change_raise(
        actor=TESTS,
        reference="MP901",
        title="CANARY-TITLE",
        title_label="AMBER",
        summary="CANARY-SUMMARY",
        summary_label="RED",
        proposer=proposer,
        proposer_label="AMBER",
        raised_on=D,
    )
    change_update(actor=TESTS, change=change, release=release, decision_label="AMBER")
    change.decision = Change.Decision.REJECTED  # the decision's text is the canary here
    change.save()
    stage_enter(
        actor=TESTS,
        change=change,
        stage=Stage.objects.get(key="development"),
        entered_on=D,
        note="CANARY-NOTE",
        label="AMBER",
    )
    vote_record(
        actor=TESTS,
        change=change,
        solution="proposed",
        category="other_user",
        approve=91,
        reject=0,
        abstain=0,
        voted_on=D,
        label="AMBER",
    )
    asked = input_request(
        actor=TESTS, change=change, body=Body.objects.get(code="TABASC"), requested_on=D
    )
    input_give(
        actor=TESTS, request=asked, given_on=D, response="CANARY-RESPONSE", response_label="RED"
    )
    item = AgendaItem.objects.get(meeting__reference="TABASC_45_0205", number=2)
    change_link(actor=TESTS, change=change, item=item)
    hidden = change_raise(
        actor=TESTS, reference="DP901", title="CANARY-HIDDEN", raised_on=D, label="RED"
    )
    change_link(actor=TESTS, change=hidden, item=item)
    return change


CANARIES = ["CANARY-TITLE", "CANARY-SUMMARY", "CANARY-NOTE", "CANARY-RESPONSE", "Lanyard", "DP901"]
URLS = [
    "/changes/",
    "/changes/MP901/",
    "/changes/releases/june-2019/",
    "/api/changes",
    "/api/changes/MP901",
    "/api/changes/releases/june-2019",
    "/meetings/TABASC_45_0205/",
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_keeps_every_canary_from_readers_not_cleared(canaries, client_as, persona):
    client = client_as(persona)
    seen = set()
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        seen |= {canary for canary in CANARIES if canary in text}
        if persona != "officer":
            assert "Rejected" not in text and "rejected" not in text, url
            # The AMBER vote: neither its table nor its JSON.
            assert "Change Board votes" not in text and not re.search(r'"approve":\s*91', text)
    assert seen == (set(CANARIES) if persona == "officer" else set()), persona


@pytest.mark.parametrize("persona", ["present", "anonymous"])
def test_it_answers_404_for_a_change_above_the_reader(canaries, client_as, persona):
    assert client_as(persona).get("/changes/DP901/").status_code == 404
    assert client_as(persona).get("/api/changes/DP901").status_code == 404
    assert client_as("officer").get("/changes/DP901/").status_code == 200
