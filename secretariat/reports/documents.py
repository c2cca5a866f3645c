"""A compiled report's documents as their audiences (or one reader) receive them: projected, then
classified for the label actually kept, as publishing prepares a meeting's documents."""

from __future__ import annotations

from secretariat.documents.labelled import Projected, project
from secretariat.labels.access import Viewer
from secretariat.labels.models import StockSentence, stock_sentences
from secretariat.publishing.builders import DRAFT_STATUS, classified
from secretariat.reports.audiences import audience_for
from secretariat.reports.compiler import Compiled


def prepare(
    compiled: Compiled,
    part: str,
    *,
    viewer: Viewer | None = None,
    audience_name: str = "",
    status: str = DRAFT_STATUS,
    statements=None,
) -> Projected:
    """One part of the report projected for its audience, or for `viewer` when given (the
    officer's compile page), with its classification statement and status line."""
    if viewer is None:
        viewer = audience_for(part, compiled.report.meeting, compiled.report)
        audience_name = viewer.name
    projected = project(compiled.document(part), viewer, audience=audience_name or "reader")
    if statements is None:
        statements = stock_sentences(StockSentence.Kind.CLASSIFICATION)
    return classified(projected, statements, status=status)
