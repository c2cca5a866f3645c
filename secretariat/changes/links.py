"""The change register's answer to the meeting page (secretariat/meetings/links.py): the Draft
and Modification Proposals each agenda item considered, for a reader who may read the change
through the register's door. The hook keeps only items the reader may read as well."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from secretariat.changes.access import visible_changes
from secretariat.changes.models import Change, ChangeLink
from secretariat.labels.access import Reader
from secretariat.meetings.links import RecordLink
from secretariat.meetings.models import Meeting


def record_links(reader: Reader, meeting: Meeting) -> Iterator[RecordLink]:
    # One query whatever the meeting: the item (and its parent, for a sub-point) comes loaded.
    links = (
        ChangeLink.objects.filter(item__meeting=meeting, change__in=visible_changes(reader))
        .select_related("item__parent", "change")
        .order_by("item__number", "change__reference")
    )
    for link in links:
        yield RecordLink(
            item=link.item,
            kind=Change.Kind(link.change.kind).label,
            reference=link.change.reference,
            url=reverse("changes:detail", args=[link.change.reference]),
            register="changes",
        )
