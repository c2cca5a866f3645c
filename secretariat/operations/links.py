"""The operations register's answer to the meeting page (secretariat/meetings/links.py): the
major incidents each agenda item reviewed, for a reader who may read the incident through the
register's door. The hook keeps only items the reader may read as well."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from secretariat.labels.access import Reader
from secretariat.meetings.links import RecordLink
from secretariat.meetings.models import Meeting
from secretariat.operations.access import visible
from secretariat.operations.models import Incident, IncidentReview


def record_links(reader: Reader, meeting: Meeting) -> Iterator[RecordLink]:
    # One query whatever the meeting: the item (and its parent, for a sub-point) comes loaded.
    reviews = (
        IncidentReview.objects.filter(item__meeting=meeting, incident__in=visible(reader, Incident))
        .select_related("item__parent", "incident")
        .order_by("item__number", "incident__reference")
    )
    for review in reviews:
        yield RecordLink(
            item=review.item,
            kind="Major Incident",
            reference=review.incident.reference,
            url=reverse("operations:incident", args=[review.incident.reference]),
            register="operations",
        )
