"""A correction's reason as a fragment (issue 10, item 9): its label, the document's unless
given, and whether the version's status line, one for every reader of the document, may carry
it."""

from __future__ import annotations

from secretariat.labels.models import Label
from secretariat.meetings.access import meeting_scope


def reason_label_given(value) -> Label | None:
    if value is None or value == "":
        return None
    return Label.parse(value, field="reason_label")


def reason_label_of(version, document_label) -> Label:
    """A correction reason's label: the one given, else the document's."""
    return Label(document_label if version.reason_label is None else version.reason_label)


def reason_shown(audience, label: Label, meeting) -> bool:
    # The status line is one for every reader of the document: the reason goes in only if the
    # audience admits it, and for a per-reader document only up to AMBER, which all its readers
    # hold in the meeting's scope (RED of the meeting is not every reader's).
    if getattr(audience, "per_reader", False) and label > Label.AMBER:
        return False
    return audience.admits(label, meeting_scope(meeting))
