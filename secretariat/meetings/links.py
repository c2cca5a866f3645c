"""Links from a meeting's agenda items to the register records they consider.

The meeting page lives in publishing, below the registers in the layers, so it cannot ask a
register itself. Instead each register registers a provider here (in its AppConfig.ready()),
and the page asks `item_links(reader, meeting)`: every provider answers, for one reader, the
records of the meeting's items that the reader may read through the register's own door, each
with its item as loaded with the record; this module keeps only the links of items the reader
may read too (`Reader.admits` on the item's label in the meeting's scope, as
`meetings.access.visible_items` asks of the database). A reader sees a link only where they may
see both ends.

A provider is `provider(reader, meeting) -> iterable of RecordLink`, registered by name:

    from secretariat.meetings import links
    links.register("assurance", assurance_links)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from secretariat.labels.access import Reader
from secretariat.meetings.access import meeting_scope
from secretariat.meetings.models import AgendaItem, Meeting


@dataclass(frozen=True)
class RecordLink:
    """One register record an item considers, as the reader may see it."""

    # The item, as the provider loaded it with its record (and its parent, for a sub-point).
    item: AgendaItem
    # What the record is and which one: "Full User Security Assessment", "USA-0003".
    kind: str
    reference: str
    url: str
    # Which register, for the page's styling and for tests: "assurance", "changes", ...
    register: str = ""

    @property
    def text(self) -> str:
        return f"{self.kind} {self.reference}"

    @property
    def number(self) -> int:
        """The number of the item on the agenda the link shows under."""
        parent = self.item.parent
        return parent.number if parent is not None else self.item.number


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
    No query here: only what each provider needs (a fixed number, whatever the meeting)."""
    scope = meeting_scope(meeting)
    by_number: dict[int, list[RecordLink]] = {}
    for name, provider in _providers.items():
        for link in provider(reader, meeting):
            if link.item.meeting_id != meeting.pk or not reader.admits(link.item.label, scope):
                continue
            by_number.setdefault(link.number, []).append(
                link if link.register else _with_register(link, name)
            )
    return by_number


def _with_register(link: RecordLink, name: str) -> RecordLink:
    return replace(link, register=name)


__all__ = ["Provider", "RecordLink", "item_links", "providers", "register"]
