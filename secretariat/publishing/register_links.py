"""The hook through which registers above publishing put their records on a meeting's page: an
agenda item that considered a Draft Proposal links to it, an incident review to the incident.

Publishing cannot import the registers (they sit above it), so each register announces a provider
when its app is ready. A provider answers, for a reader and a meeting, the links that reader may
follow: both the item (its title) and the record must be visible to them, which the provider asks
of its own door."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from secretariat.labels.access import Reader


@dataclass(frozen=True)
class RegisterLink:
    item_number: int
    item_title: str
    register: str  # 'Change register'
    text: str  # 'DP075 ‘third party metering service providers’'
    url: str


Provider = Callable[[Reader, object], list[RegisterLink]]
_PROVIDERS: list[Provider] = []


def provide(provider: Provider) -> None:
    """Register a provider once (apps may be made ready more than once in tests)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def links_for(reader: Reader, meeting) -> list[RegisterLink]:
    """Every register's links for the meeting, in item order."""
    found = [link for provider in _PROVIDERS for link in provider(reader, meeting)]
    return sorted(found, key=lambda link: (link.item_number, link.register, link.text))
