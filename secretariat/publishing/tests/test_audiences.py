"""The audiences as viewers, and who belongs to each, asked of the one door."""

from __future__ import annotations

import pytest

from secretariat.labels.access import PUBLIC_SCOPE, Scope
from secretariat.labels.models import Label
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for
from secretariat.publishing.audiences import (
    BodyMembers,
    ConfidentialReaders,
    MeetingAttendees,
    Public,
    audience_named,
)


@pytest.fixture
def meeting(db) -> Meeting:
    return Meeting.objects.select_related("body").get(reference="SSC_72_2702")


@pytest.fixture
def scopes(meeting):
    other = Meeting.objects.exclude(body=meeting.body).first()
    earlier = Meeting.objects.get(reference="SSC_71_1302")
    return {
        "this meeting": Scope(body_id=meeting.body_id, meeting_id=meeting.pk),
        "an item of it": Scope(body_id=meeting.body_id, meeting_id=meeting.pk, item_id=1),
        "earlier meeting": Scope(body_id=meeting.body_id, meeting_id=earlier.pk),
        "other body": Scope(body_id=other.body_id, meeting_id=other.pk),
        "no scope": PUBLIC_SCOPE,
        "an organisation": Scope(organisation_id=1, secretariat_reads_red=True),
    }


def _admitted(audience, scopes):
    return {
        (label.name, name)
        for label in Label
        for name, scope in scopes.items()
        if audience.admits(label, scope)
    }


def test_it_admits_only_white_to_the_public(scopes):
    assert _admitted(Public(), scopes) == {("WHITE", name) for name in scopes}


def test_it_gives_the_minutes_no_items_amber_record(meeting, scopes):
    admitted = _admitted(BodyMembers(meeting), scopes)
    assert {label for label, _ in admitted} == {"WHITE", "GREEN", "AMBER"}
    # Only the meeting's own furniture (its attendance list) is AMBER in the Minutes.
    assert {name for label, name in admitted if label == "AMBER"} == {"this meeting"}


@pytest.mark.parametrize("audience", [MeetingAttendees, ConfidentialReaders])
def test_it_admits_only_this_meetings_red_to_the_confidential_minutes(meeting, scopes, audience):
    admitted = _admitted(audience(meeting), scopes)
    # The Confidential Minutes carry a party's real name in the party's own scope: each reader's
    # door then gives it only to the party's users and the secretariat (builders._party_line).
    party = {"an organisation"} if audience is ConfidentialReaders else set()
    assert {name for label, name in admitted if label == "RED"} == {
        "this meeting",
        "an item of it",
        *party,
    }
    assert {name for label, name in admitted if label == "AMBER"} == {
        "this meeting",
        "an item of it",
        "earlier meeting",
        *party,
    }


@pytest.mark.parametrize(
    ("persona", "members", "attendees"),
    [
        ("officer", True, True),
        ("chair", True, True),
        ("present", True, True),
        ("absent", True, False),
        ("party", False, False),
        ("panel", False, False),
        ("outsider", False, False),
    ],
)
def test_it_asks_the_one_door_who_belongs(meeting, user_of, persona, members, attendees):
    reader = reader_for(user_of(persona))
    assert Public(meeting).includes(reader)
    assert BodyMembers(meeting).includes(reader) is members
    # The Confidential Minutes reach the members and those who heard the meeting; only those
    # who heard it may approve them.
    assert ConfidentialReaders(meeting).includes(reader) is (members or attendees)
    assert ConfidentialReaders(meeting).may_approve(reader) is attendees
    assert MeetingAttendees(meeting).includes(reader) is attendees


def test_it_refuses_an_unknown_audience_by_name(meeting):
    assert audience_named("members", meeting).name == "members"
    with pytest.raises(
        ValueError, match="Unknown audience 'board': use public, members, confidential, attendees"
    ):
        audience_named("board", meeting)
