"""The demo's publications: SSC_72's three documents, approved by the SSC chair and published by
the officer who minuted the meeting, so that the public portal lists the Meeting Headlines and the
members and attendees have their Minutes. Idempotent: a document already in the ledger is left
alone."""

from __future__ import annotations

import datetime as dt

from secretariat.meetings.models import Meeting
from secretariat.publishing.models import PublicationRecord
from secretariat.publishing.services import publication_issue

REFERENCE = "SSC_72_2702"
KINDS = ("headlines", "minutes", "confidential-minutes")
# The demo's publications carry a fixed date, so every demo workspace has the same hashes.
PUBLISHED_AT = dt.datetime(2019, 3, 1, 12, 0, tzinfo=dt.UTC)


def load(demo) -> None:
    meeting = Meeting.objects.filter(reference=REFERENCE).select_related("body").first()
    if meeting is None:
        return
    officer = demo.people["officer"].user
    chair = demo.people["chair"].user
    for kind in KINDS:
        if PublicationRecord.objects.filter(meeting=meeting, kind=kind).exists():
            continue
        publication_issue(
            actor=officer, approver=chair, meeting=meeting, kind=kind, when=PUBLISHED_AT
        )
