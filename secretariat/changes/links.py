"""The change register's answer to the meeting page (secretariat/meetings/links.py): the Draft
and Modification Proposals each agenda item considered, for a reader who may read the change
through the register's door. The hook keeps only items the reader may read as well."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.urls import reverse

from secretariat.changes.access import visible_changes
from secretariat.changes.models import Change, ChangeLink
from secretariat.labels.access import Reader
from secretariat.labels.models import Label
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


# "SECMP0037 'Pairing Local PPMIDS'", "DP075", "MP123 ‘Title’": the reference and, when it
# follows, the title in quotes, as the seeds write them; not inside a longer word or link.
REFERENCE = re.compile(
    r"(?<![\w\[/])(?P<reference>SECMP\d{4}|DP\d{3,4}|MP\d{3,4})\b"
    r"(?:\s+(?:'[^'\n\[\]]{1,150}'|‘[^’\n\[\]]{1,150}’))?(?![^\[]*\]\()"
)


def public_changes(references: set[str]) -> dict[str, str]:
    """The addresses of the changes anyone may read, of those referenced."""
    return {
        reference: reverse("changes:detail", args=[reference])
        for reference in Change.objects.filter(
            reference__in=references, label=Label.WHITE
        ).values_list("reference", flat=True)
    }
