"""The register's answer to the meeting page (secretariat/meetings/links.py): the assessment,
Director's Letter or notification each SSC agenda item considers, for a reader who may read it
through the register's door (`selectors.meeting_links`)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from secretariat.assurance import selectors
from secretariat.assurance.models import AssessmentKind
from secretariat.labels.access import Reader
from secretariat.meetings.links import RecordLink
from secretariat.meetings.models import Meeting


def record_links(reader: Reader, meeting: Meeting) -> Iterator[RecordLink]:
    for link in selectors.meeting_links(reader, meeting):
        if link.assessment is not None:
            assessment = link.assessment
            yield RecordLink(
                item=link.item,
                kind=AssessmentKind(assessment.kind).label,
                reference=assessment.reference,
                url=reverse("assurance:assessment", args=[assessment.pk]),
            )
        elif link.letter is not None:
            yield RecordLink(
                item=link.item,
                kind="Director's Letter",
                reference=link.letter.reference,
                url=reverse("assurance:letter", args=[link.letter.pk]),
            )
        elif link.notification is not None:
            yield RecordLink(
                item=link.item,
                kind="Notification of a Second or Subsequent User System",
                reference=link.notification.reference,
                url=reverse("assurance:notification", args=[link.notification.pk]),
            )
