"""Who each document of the report is for.

The report's body goes to the public (publishing's `Public`: WHITE only). Appendix A goes to the
secretariat and the Panel members recorded present at the Panel meeting: publishing's
`MeetingAttendees` for that meeting decides what the appendix keeps (RED fragments of the Panel
meeting's scope; AMBER of the Panel), and whether a reader belongs to the audience is asked of the
one door at RED in the appendix's scope, which also opens it to the secretariat.

Neither audience is cleared for a party's real name (labelled in the party's own scope), so the
published appendix names parties by pseudonym; the officer's compile page shows real names to
readers the one door clears for them.
"""

from __future__ import annotations

from secretariat.labels.access import Reader
from secretariat.labels.models import Label
from secretariat.publishing.audiences import Audience, MeetingAttendees, Public
from secretariat.reports.compiler import panel_scope
from secretariat.reports.models import Part


class AppendixReaders(MeetingAttendees):
    name = "appendix-readers"
    ceiling = Label.RED

    def __init__(self, meeting):
        super().__init__(meeting)
        self.scope = panel_scope(meeting)
        self.description = f"the secretariat and those present at {meeting.reference}"

    def includes(self, reader: Reader) -> bool:
        return reader.admits(Label.RED, self.scope)


def audience_for(part: str, meeting) -> Audience:
    if part == Part.APPENDIX_A:
        return AppendixReaders(meeting)
    return Public(meeting)
