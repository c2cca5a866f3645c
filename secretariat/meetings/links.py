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

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial

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


# -- references written in the text ------------------------------------------------------------
#
# A minute-taker writes "SECMP0037 'Pairing Local PPMIDS'" in an item's text, as the seeds do; a
# register that keeps such records links the words to its page. Each register gives a pattern of
# its references (group "reference") and a lookup answering, for the references found, the
# address of each record anyone may read (WHITE): a link to a restricted record would tell a
# reader of a public document that the record exists. The builder asks once per document.

ReferenceLookup = Callable[[set[str]], dict[str, str]]

_references: dict[str, tuple[re.Pattern[str], ReferenceLookup]] = {}


def register_references(name: str, pattern: re.Pattern[str], lookup: ReferenceLookup) -> None:
    _references[name] = (pattern, lookup)


def reference_linker(texts: Iterable[str]) -> Callable[[str], str]:
    """A function that writes each public record's reference in `text` as a link,
    `[SECMP0037 'Pairing Local PPMIDS'](/changes/SECMP0037/)`; one query per register whose
    references occur in `texts`, none otherwise."""
    texts = [text for text in texts if text]
    found: list[tuple[re.Pattern[str], dict[str, str]]] = []
    for pattern, lookup in _references.values():
        candidates = {m["reference"] for text in texts for m in pattern.finditer(text)}
        if candidates:
            addresses = lookup(candidates)
            if addresses:
                found.append((pattern, addresses))
    if not found:
        return lambda text: text

    def one(addresses: dict[str, str], match: re.Match[str]) -> str:
        address = addresses.get(match["reference"])
        words = match.group(0)
        # Markup the renderers read: no brackets inside the words, or leave them be.
        if address is None or "[" in words or "]" in words:
            return words
        return f"[{words}]({address})"

    def link(text: str) -> str:
        for pattern, addresses in found:
            text = pattern.sub(partial(one, addresses), text)
        return text

    return link


__all__ = [
    "Provider",
    "RecordLink",
    "item_links",
    "providers",
    "reference_linker",
    "register",
    "register_references",
]
