"""The registry of document kinds: every labelled document the workspace drafts, approves,
publishes and keeps in the one ledger (a meeting's Headlines, Minutes and Confidential Minutes;
the Panel report and its Appendix A; whatever later registers).

A kind belongs to a meeting, knows its audience and how to build itself for one, and where its
pages are. Everything else (versions, the ledger, `verify_publications`, the portal, the feed,
the meeting page's links) is written once against this interface, so a new kind is one
`register(...)` in the app that owns its records and nothing more. This layer sits below the
meetings, so the meeting and the audience are only passed through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secretariat.documents.labelled import Projected


class DocumentKind:
    """What the publishing services, the ledger and the portal ask of a document kind."""

    slug: str
    title: str
    # Who may draft a version: a correction of the Panel report is an officer's work only.
    drafters: tuple[str, ...] = ("officer", "chair")
    # The audit verbs' prefix (`publication.publish`, `report.publish`): what the log has said.
    verb: str = "publication"

    def audience_for(self, meeting) -> Any:
        """The audience (publishing's `Audience`): its name, ceiling, description and door."""
        raise NotImplementedError

    def unavailable_reason(self, meeting) -> str | None:
        """Why this document cannot exist for the meeting, if it cannot."""
        return None

    def prepare(self, meeting, *, status: str) -> Projected:
        """The document as its audience receives it now, with this status line."""
        raise NotImplementedError

    def approved(self, meeting) -> Projected:
        """What approval freezes; a kind may refuse here (a ServiceError naming the field)."""
        return self.prepare(meeting, status="")

    def ledger_title(self, projected: Projected) -> str:
        return projected.meta.get("subtitle") or projected.title

    def page_url(self, meeting) -> str:
        raise NotImplementedError

    def file_url(self, meeting, fmt: str) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.title


_REGISTRY: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    """Add a kind; its slug is its name in the ledger, so it must stay the same forever."""
    existing = _REGISTRY.get(kind.slug)
    if existing is not None and existing is not kind:
        raise ValueError(f"A document kind {kind.slug!r} is already registered ({existing}).")
    _REGISTRY[kind.slug] = kind
    return kind


def unregister(slug: str) -> None:
    """For tests that register a throwaway kind."""
    _REGISTRY.pop(slug, None)


def kinds() -> list[DocumentKind]:
    """Every registered kind, in the order registered (a meeting's documents first)."""
    return list(_REGISTRY.values())


def kind_named(slug: str) -> DocumentKind:
    try:
        return _REGISTRY[slug]
    except KeyError:
        raise ValueError(f"Unknown document {slug!r}: use {', '.join(_REGISTRY)}.") from None


def kind_title(slug: str) -> str:
    """A ledger row's kind as a title, even for a kind no longer registered."""
    kind = _REGISTRY.get(slug)
    return kind.title if kind is not None else slug
