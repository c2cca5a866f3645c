"""What is hashed when a document is published.

A published version's content hash is the sha256 of the lines `docx:<sha256 of the Word bytes>`,
`md:<sha256 of the Markdown bytes>` and `pdf:<sha256 of the PDF bytes>`, each rendered from the
frozen snapshot. All three renderers are deterministic for the same snapshot (typst with embedded
fonts only and the document's own timestamp; the Word zip rewritten with fixed dates), so
`verify_publications` can re-render every published version and compare. HTML is not hashed: the
page around the document is the site's.
"""

from __future__ import annotations

import hashlib

from secretariat.documents.labelled import Projected
from secretariat.documents.renderers import current_versions, render

HASHED_FORMATS = ("docx", "md", "pdf")


def renderer_versions() -> dict[str, int]:
    """The output version of each hashed format a publication made now is rendered with: what
    its ledger row records, so that it can be rendered the same way later."""
    return current_versions(HASHED_FORMATS)


def format_hashes(projected: Projected, versions: dict[str, int] | None = None) -> dict[str, str]:
    """sha256 of each hashed format, rendered with `versions` (the current ones by default)."""
    versions = versions or renderer_versions()
    return {
        fmt: hashlib.sha256(render(projected, fmt, versions[fmt])).hexdigest()
        for fmt in HASHED_FORMATS
    }


def content_hash(hashes: dict[str, str]) -> str:
    lines = "".join(f"{fmt}:{hashes[fmt]}\n" for fmt in HASHED_FORMATS)
    return hashlib.sha256(lines.encode()).hexdigest()
