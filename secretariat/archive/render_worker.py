"""The work of a rendering process for `generator/publications.py`, kept apart so that a freshly spawned
process can import it before Django is set up (nothing here imports Django at module level)."""

from __future__ import annotations


def start() -> None:
    import django

    django.setup()


def hashes(frozen: dict) -> dict[str, str]:
    """The format hashes of a frozen document given as its snapshot."""
    from secretariat.documents import snapshot
    from secretariat.documents.hashing import format_hashes

    return format_hashes(snapshot.load(frozen))
