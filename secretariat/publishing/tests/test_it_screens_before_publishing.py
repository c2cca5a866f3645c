"""The pre-publication check: below RED, nothing is published that names a party by its
restricted real name, quotes six or more words of a restricted fragment, or carries a term
officers registered as sensitive, unless an officer overrides it with a recorded reason."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Organisation
from secretariat.labels.models import Label
from secretariat.meetings.services import item_add, meeting_create
from secretariat.publishing.models import PublicationRecord, ScreeningOverride
from secretariat.publishing.screening import (
    Override,
    ScreeningRefused,
    sensitive_term_add,
    words,
)
from secretariat.publishing.services import publication_issue

RED_RECORD = (
    "Party representatives admitted that the head end system was left without patches for "
    "nine months. The SSC will write to the CIO."
)


@pytest.fixture
def meeting(db):
    return meeting_create(
        actor=TESTS,
        body=Body.objects.get(code="SSC"),
        number=880,
        date=dt.date(2030, 5, 8),
        status="held",
    )


@pytest.fixture
def party(db):
    return Organisation.objects.filter(name_label=Label.RED).exclude(name="").first()


def _publish(officer, meeting, **kwargs):
    return publication_issue(actor=officer, meeting=meeting, kind="headlines", **kwargs)


def test_it_refuses_a_white_summary_naming_a_partys_real_name(officer, meeting, party):
    item_add(
        actor=TESTS,
        meeting=meeting,
        title="Full User Security Assessment",
        summary=f"The SSC considered the assessment of {party.name}.",
        restricted_text="The findings.",
        label="RED",
        party=party,
    )
    with pytest.raises(ScreeningRefused) as refused:
        _publish(officer, meeting)
    [match] = refused.value.matches
    assert (match.kind, match.found) == ("name", " ".join(words(party.name)))
    assert match.where == "item 1 (Full User Security Assessment)"
    assert party.public_name in match.source
    message = str(refused.value)
    assert "item 1 (Full User Security Assessment)" in message and "restricted name" in message
    assert not PublicationRecord.objects.filter(meeting=meeting).exists()


def test_it_refuses_a_white_summary_quoting_a_sentence_of_the_items_red_record(officer, meeting):
    item_add(
        actor=TESTS,
        meeting=meeting,
        title="Security incident",
        summary="The SSC heard that the head end system was left without patches for months.",
        restricted_text=RED_RECORD,
        label="RED",
    )
    with pytest.raises(ScreeningRefused) as refused:
        _publish(officer, meeting)
    [match] = refused.value.matches
    assert match.kind == "quote"
    assert match.found == "that the head end system was left without patches for"
    assert match.where == "item 1 (Security incident)"
    assert match.source == "item 1 (Security incident), RED"
    assert not PublicationRecord.objects.filter(meeting=meeting).exists()


def test_it_lets_the_record_repeat_its_public_title_and_a_short_phrase(officer, meeting):
    item_add(
        actor=TESTS,
        meeting=meeting,
        title="Verification User Security Assessment of a Small Supplier",
        summary="The SSC considered the head end system.",
        restricted_text="On the Verification User Security Assessment of a Small Supplier: "
        + RED_RECORD,
        label="RED",
    )
    record = _publish(officer, meeting)
    assert record.label == Label.WHITE
    assert not ScreeningOverride.objects.exists()


def test_it_refuses_a_registered_sensitive_term_only_below_its_label(officer, meeting):
    sensitive_term_add(actor=TESTS, term="Project Nightjar", label="GREEN", note="A code name.")
    item_add(
        actor=TESTS,
        meeting=meeting,
        title="Updates",
        summary="Work on project nightjar continues.",
        label="WHITE",
    )
    with pytest.raises(ScreeningRefused) as refused:
        _publish(officer, meeting)
    assert [(m.kind, m.found) for m in refused.value.matches] == [("term", "project nightjar")]
    with pytest.raises(ServiceError, match="already registered"):
        sensitive_term_add(actor=TESTS, term="project  NIGHTJAR")


def test_it_publishes_over_the_matches_with_a_labelled_reason_and_records_it(officer, meeting):
    item_add(
        actor=TESTS,
        meeting=meeting,
        title="Security incident",
        summary="The SSC heard that the head end system was left without patches for months.",
        restricted_text=RED_RECORD,
        label="RED",
    )
    with pytest.raises(ServiceError, match="needs a reason"):
        _publish(officer, meeting, override=Override("  ", "AMBER"))
    record = _publish(
        officer, meeting, override=Override("The party published this itself.", "AMBER")
    )
    override = ScreeningOverride.objects.get(meeting=meeting)
    assert (override.kind, override.number, override.reason, override.reason_label) == (
        "headlines",
        record.number,
        "The party published this itself.",
        Label.AMBER,
    )
    assert override.overridden_by == officer
    assert override.matches[0]["found"] == "that the head end system was left without patches for"
    event = AuditEvent.objects.get(verb="publication.screening.override")
    assert event.actor == officer and event.object_id == str(override.pk)


def test_it_does_not_check_what_is_published_at_red(officer, user_of):
    from secretariat.meetings.models import Meeting

    meeting = Meeting.objects.get(reference="SSC_72_2702")
    from secretariat.publishing.builders import prepare
    from secretariat.publishing.screening import screen_meeting

    confidential = prepare("confidential-minutes", meeting)
    assert confidential.label == Label.RED
    assert screen_meeting(confidential, meeting) == []
