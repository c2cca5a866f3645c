"""What each audited field of a publication is, for the labelled diff: a version names its
meeting, so it is at least as restricted as the meeting; a correction's reason is at the label
the version was drafted for (its document's) until reasons carry their own."""

from __future__ import annotations

from secretariat.audit.labelling import Fragment, register
from secretariat.labels.models import Label, highest
from secretariat.meetings.access import meeting_scope
from secretariat.publishing.models import PublicationRecord, PublicationVersion


def _describe_version(version, name: str) -> Fragment:
    meeting = version.meeting
    labels = [meeting.label]
    if name not in ("__str__", "meeting", "kind", "number"):
        # What the version holds beyond its name: as restricted as the document may be.
        labels.append(Label.RED if version.kind != "headlines" else Label.WHITE)
    return Fragment(highest(labels), (meeting_scope(meeting),))


def _describe_record(record, name: str) -> Fragment:
    return Fragment(highest([record.meeting.label, record.label]), (meeting_scope(record.meeting),))


def register_fragments() -> None:
    register(PublicationVersion, _describe_version)
    register(PublicationRecord, _describe_record)
