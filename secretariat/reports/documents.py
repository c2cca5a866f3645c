"""The report's two documents as kinds of their Panel meeting: the SEC Panel Sub-Committee Report
(public) and its Appendix A (the secretariat and those present). Registered with the document
kinds, so their versions and ledger rows are publishing's own (one ledger), `verify_publications`,
the portal and the feed cover them, and their pages stay at `/reports/panel/<YYYY-MM>/`.

A compiled report's documents as their audiences (or one reader) receive them: projected, then
classified for the label actually kept, as publishing prepares a meeting's documents."""

from __future__ import annotations

from django.urls import reverse

from secretariat.core.services import ServiceError
from secretariat.documents import kinds
from secretariat.documents.labelled import Projected, project
from secretariat.labels.access import Viewer
from secretariat.labels.models import Label, StockSentence, stock_sentences
from secretariat.publishing.builders import DRAFT_STATUS, classified
from secretariat.reports.audiences import audience_for
from secretariat.reports.compiler import Compiled, compile_report
from secretariat.reports.models import PanelReport, Part
from secretariat.reports.periods import month_start


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
        viewer = audience_for(part, compiled.report.meeting)
        audience_name = viewer.name
    projected = project(compiled.document(part), viewer, audience=audience_name or "reader")
    if statements is None:
        statements = stock_sentences(StockSentence.Kind.CLASSIFICATION)
    return classified(projected, statements, status=status)


def report_of(meeting) -> PanelReport | None:
    return (
        PanelReport.objects.select_related("template", "meeting__body")
        .filter(meeting=meeting)
        .first()
    )


class ReportKind(kinds.DocumentKind):
    """One part of the Panel report. Only officers draft it (an edit of the report is theirs);
    the Panel's chair or an officer approves; an officer publishes."""

    drafters = ("officer",)
    verb = "report"

    def __init__(self, slug: str, part: str, title: str, route: str):
        self.slug = slug
        self.part = part
        self.title = title
        self.route = route

    def audience_for(self, meeting):
        return audience_for(self.part, meeting)

    def unavailable_reason(self, meeting) -> str | None:
        if meeting.body.parent_id is not None:
            return (
                f"{meeting.reference} is a meeting of the {meeting.body.display_code}; "
                "a Panel report goes to a meeting of the Panel."
            )
        audience = self.audience_for(meeting)
        if Label(meeting.label) > audience.ceiling:
            return (
                f"{meeting.reference} is labelled {Label(meeting.label).name}: its "
                f"{self.title} would reveal it to {audience.description}."
            )
        if report_of(meeting) is None:
            return f"No Panel report is open for {meeting.reference}: open it first."
        return None

    def compiled(self, meeting) -> Compiled:
        report = report_of(meeting)
        if report is None:
            raise ServiceError({"meeting": f"No Panel report is open for {meeting.reference}."})
        return compile_report(report)

    def prepare(self, meeting, *, status: str = DRAFT_STATUS) -> Projected:
        return prepare(self.compiled(meeting), self.part, status=status)

    def approved(self, meeting) -> Projected:
        compiled = self.compiled(meeting)
        stale = [edit for edit in compiled.edits if edit.records_changed]
        if stale and self.part == Part.BODY:
            names = ", ".join(f"{edit.number} {edit.title}" for edit in stale)
            raise ServiceError(
                {
                    "version": f"The records behind the edited section {names} changed after "
                    "the edit: review the differences and save the section again (or restore "
                    "it) before approving."
                }
            )
        return prepare(compiled, self.part, status="")

    def ledger_title(self, projected: Projected) -> str:
        return projected.title

    def page_url(self, meeting) -> str:
        return reverse(self.route, args=[month_start(meeting.date)])

    def file_url(self, meeting, fmt: str) -> str:
        return reverse(f"{self.route}-file", args=[month_start(meeting.date), fmt])


PANEL_REPORT = kinds.register(
    ReportKind("panel-report", Part.BODY, "SEC Panel Sub-Committee Report", "reports:panel-report")
)
APPENDIX_A = kinds.register(
    ReportKind("appendix-a", Part.APPENDIX_A, "Appendix A", "reports:appendix")
)
KIND_OF_PART = {Part.BODY.value: PANEL_REPORT, Part.APPENDIX_A.value: APPENDIX_A}
