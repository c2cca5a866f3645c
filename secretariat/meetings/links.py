"""Links from a meeting's agenda items to the register records they consider.

The meeting page lives in publishing, below the registers in the layers, so it cannot ask a
register itself. Instead each register registers a provider here (in its AppConfig.ready()),
and the page asks `item_links(reader, meeting)`: every provider answers, for one reader, the
records of the meeting's items that the reader may read through the register's own door; this
module keeps only the links of items the reader may read too. A reader sees a link only where
they may see both ends.

A provider is `provider(reader, meeting) -> iterable of RecordLink`, registered by name:

    from secretariat.meetings import links
    links.register("assurance", assurance_links)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from secretariat.labels.access import Reader
from secretariat.meetings.access import visible_items
from secretariat.meetings.models import AgendaItem, Meeting


@dataclass(frozen=True)
class RecordLink:
    """One register record an item considers, as the reader may see it."""

    item_id: int
    # What the record is and which one: "Full User Security Assessment", "FUSA-0003".
    kind: str
    reference: str
    url: str
    # Which register, for the page's styling and for tests: "assurance", "changes", ...
    register: str = ""

    @property
    def text(self) -> str:
        return f"{self.kind} {self.reference}"


Provider = Callable[[Reader, Meeting], Iterable[RecordLink]]

_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Register (or replace: ready() may run more than once) the provider called `name`."""
    _providers[name] = provider


def providers() -> dict[str, Provider]:
    return dict(_providers)


def item_links(reader: Reader, meeting: Meeting) -> dict[int, list[RecordLink]]:
    """The links of each of the meeting's items, by the item's number on the agenda (a
    sub-point's links go under its item), for items and records the reader may both read.
    One query here, and what each provider needs (a fixed number, whatever the meeting)."""
    found: dict[int, list[RecordLink]] = {}
    for name, provider in _providers.items():
        for link in provider(reader, meeting):
            found.setdefault(link.item_id, []).append(
                link if link.register else _with_register(link, name)
            )
    if not found:
        return {}
    readable = visible_items(reader, AgendaItem.objects.filter(meeting=meeting, pk__in=found))
    numbers = {
        pk: parent_number or number
        for pk, number, parent_number in readable.values_list("pk", "number", "parent__number")
    }
    by_number: dict[int, list[RecordLink]] = {}
    # In the providers' order, which each keeps stable (the register's is by item number).
    for pk, links in found.items():
        if pk in numbers:
            by_number.setdefault(numbers[pk], []).extend(links)
    return by_number


def _with_register(link: RecordLink, name: str) -> RecordLink:
    return replace(link, register=name)


__all__ = ["Provider", "RecordLink", "item_links", "providers", "register"]
