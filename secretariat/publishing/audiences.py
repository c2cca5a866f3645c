"""The audiences a meeting's documents are written for.

An audience is a `Viewer` (it answers `admits(label, scope)`), so the one projection in
`labels.document` decides what each document keeps. An audience is a group, not a person: the
Minutes are the same document for every member who reads them. Whether a signed-in reader belongs
to the audience is asked of the one door (`includes`), with the audience's own ceiling.

Public             WHITE only.
BodyMembers        WHITE; GREEN (the members of a body are of the community); AMBER for
                   fragments of the meeting's body or of the meeting itself.
MeetingAttendees   as BodyMembers, and RED for fragments of this meeting only. RED fragments of
                   earlier meetings (an outstanding action raised at RED) were heard by other
                   people, so they stay out.
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

    def __init__(self, meeting=None) -> None:
        pass

    def admits(self, label: Label | int, scope: Scope) -> bool:
        raise NotImplementedError

    def includes(self, reader: Reader) -> bool:
        raise NotImplementedError

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


class BodyMembers(_OfMeeting):
    name = "members"
    ceiling = Label.AMBER

    def __init__(self, meeting=None) -> None:
        super().__init__(meeting)
        self.description = f"members of the {meeting.body.display_code}"


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
    "attendees": MeetingAttendees,
}


def audience_named(name: str, meeting) -> Audience:
    """The audience called `name` for `meeting`; a clear refusal for any other name."""
    try:
        return AUDIENCES[name](meeting)
    except KeyError:
        raise ValueError(f"Unknown audience {name!r}: use {', '.join(AUDIENCES)}.") from None
