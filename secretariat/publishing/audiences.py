"""The audiences a meeting's documents are written for.

An audience is a `Viewer` (it answers `admits(label, scope)`), so the one projection in
`labels.document` decides what each document keeps. An audience is a group, not a person: the
Minutes are the same document for every member who reads them. Whether a signed-in reader belongs
to the audience is asked of the one door (`includes`), with the audience's own ceiling.

Public             WHITE only.
BodyMembers        the Minutes: for the body's members (chair, alternates included), the
                   secretariat, and those of the community recorded at the meeting. WHITE and GREEN; of AMBER, only the furniture of the meeting as a
                   whole (the attendance list, action owners' names), never an item's record:
                   AMBER and RED items get the stock sentence, as the seed's Minutes do.
ConfidentialReaders  the Confidential Minutes: the body's members and the secretariat, and
                   whoever heard any part of the meeting. The audience holds the whole AMBER and
                   RED record of this meeting (AMBER of the body); each reader receives it
                   projected for them (`per_reader`): an absent member reads the AMBER record
                   and no RED, a part attendee the RED of the items they heard.
MeetingAttendees   the Confidential Minutes' audience before readers were projected one by one:
                   kept so that versions published for it keep their audience.

RED fragments of earlier meetings (an outstanding action raised at RED) were heard by other
people, so every audience of a meeting leaves them out.
"""

from __future__ import annotations

from secretariat.labels.access import Reader, Scope
from secretariat.labels.models import Label
from secretariat.meetings.access import meeting_scope


class Audience:
    """Who a document is for. `name` is what the ledger records and the CLI accepts."""

    name: str = ""
    ceiling: Label = Label.WHITE
    description: str = ""
    # A group document is the same for every reader of the audience; a per-reader one is frozen
    # once as the audience's whole record and projected for each reader when read.
    per_reader: bool = False

    def __init__(self, meeting=None) -> None:
        pass

    def admits(self, label: Label | int, scope: Scope) -> bool:
        raise NotImplementedError

    def includes(self, reader: Reader) -> bool:
        raise NotImplementedError

    def may_approve(self, reader: Reader) -> bool:
        """Whether the reader holds everything this audience receives, as whoever approves or
        publishes a document must."""
        return self.includes(reader)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.description}>"


class Public(Audience):
    name = "public"
    ceiling = Label.WHITE
    description = "the public"

    def admits(self, label: Label | int, scope: Scope) -> bool:
        return Label(label) == Label.WHITE

    def includes(self, reader: Reader) -> bool:
        return True


class _OfMeeting(Audience):
    def __init__(self, meeting=None) -> None:
        if meeting is None:
            raise TypeError(f"{type(self).__name__} is the audience of one meeting: give it.")
        self.body_id = meeting.body_id
        self.meeting_id = meeting.pk
        self.meeting_scope = meeting_scope(meeting)

    def _of_body(self, scope: Scope) -> bool:
        return (scope.body_id is not None and scope.body_id == self.body_id) or (
            scope.meeting_id is not None and scope.meeting_id == self.meeting_id
        )

    def admits(self, label: Label | int, scope: Scope) -> bool:
        label = Label(label)
        if label > self.ceiling:
            return False
        if label <= Label.GREEN:
            return True
        if label == Label.AMBER:
            return self._of_body(scope)
        return scope.meeting_id is not None and scope.meeting_id == self.meeting_id

    def includes(self, reader: Reader) -> bool:
        """Whether the reader may read what this audience reads: the one door, asked with the
        audience's ceiling in the meeting's scope."""
        return reader.admits(self.ceiling, self.meeting_scope)


def _member_or_secretariat(reader: Reader, scope: Scope) -> bool:
    return reader.is_authenticated and (
        reader.is_secretariat or reader.is_member(scope.body_id, scope.date)
    )


class BodyMembers(_OfMeeting):
    name = "members"
    ceiling = Label.AMBER

    def __init__(self, meeting=None) -> None:
        super().__init__(meeting)
        self.description = f"members of the {meeting.body.display_code} and the secretariat"

    def admits(self, label: Label | int, scope: Scope) -> bool:
        label = Label(label)
        if label <= Label.GREEN:
            return True
        # The attendance list and action owners' names (fragments of this meeting as a whole),
        # never an item's AMBER record nor a paper's.
        return (
            label == Label.AMBER
            and scope.meeting_id == self.meeting_id
            and scope.item_id is None
            and not scope.organisation_id
        )

    def includes(self, reader: Reader) -> bool:
        # Those recorded at the meeting open it too (docs/access.md), if they are of the
        # community the Minutes' GREEN is written for.
        return _member_or_secretariat(reader, self.meeting_scope) or (
            reader.is_community and reader.admits(Label.RED, self.meeting_scope)
        )


class ConfidentialReaders(_OfMeeting):
    name = "confidential"
    ceiling = Label.RED
    per_reader = True

    def __init__(self, meeting=None) -> None:
        super().__init__(meeting)
        self.description = (
            f"members of the {meeting.body.display_code}, the secretariat and those present at "
            f"{meeting.reference}, each as far as they may read"
        )

    def includes(self, reader: Reader) -> bool:
        return _member_or_secretariat(reader, self.meeting_scope) or reader.admits(
            Label.RED, self.meeting_scope
        )

    def admits(self, label: Label | int, scope: Scope) -> bool:
        if scope.organisation_id is not None and scope.meeting_id is None:
            # A party's real name, in the party's own scope (builders._party_line): the
            # document carries it, and each reader gets it only where the door gives it them.
            return Label(label) <= self.ceiling
        return super().admits(label, scope)

    def may_approve(self, reader: Reader) -> bool:
        # The whole record goes out: only someone who heard the meeting may vouch for it.
        return reader.admits(Label.RED, self.meeting_scope)


class ForReader:
    """An audience narrowed to one of its readers: what a per-reader document delivers."""

    def __init__(self, audience: Audience, reader: Reader) -> None:
        self.audience = audience
        self.reader = reader

    def admits(self, label: Label | int, scope: Scope) -> bool:
        return self.audience.admits(label, scope) and self.reader.admits(label, scope)


class MeetingAttendees(_OfMeeting):
    name = "attendees"
    ceiling = Label.RED

    def __init__(self, meeting=None) -> None:
        super().__init__(meeting)
        self.description = f"those present at {meeting.reference}"


# The names the CLI and the ledger use.
AUDIENCES: dict[str, type[Audience]] = {
    "public": Public,
    "members": BodyMembers,
    "confidential": ConfidentialReaders,
    "attendees": MeetingAttendees,
}


def audience_named(name: str, meeting) -> Audience:
    """The audience called `name` for `meeting`; a clear refusal for any other name."""
    try:
        return AUDIENCES[name](meeting)
    except KeyError:
        raise ValueError(f"Unknown audience {name!r}: use {', '.join(AUDIENCES)}.") from None
