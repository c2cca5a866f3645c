"""The demo's June 2019 SEC Panel Sub-Committee Report for PANEL_70, written by the seed's author,
its Operations Group highlights arranged in the seed's order, approved and published by the
officer so that `/reports/panel/2019-06/` shows it. Idempotent: an open report is reused and a
published part is left alone."""

from __future__ import annotations

import datetime as dt

from secretariat.meetings.models import Meeting
from secretariat.reports.models import (
    HighlightOrder,
    PanelReport,
    Part,
    ReportSection,
)
from secretariat.reports.selectors import pending_version, published
from secretariat.reports.services import (
    highlights_arrange,
    report_open,
    report_version_approve,
    report_version_draft,
    report_version_publish,
)

MONTH = dt.date(2019, 6, 1)
AUTHOR = "Holly Burton"
# The seed's order of the Operations Group highlights: an editorial choice, as an officer makes it.
OPERATIONS_ORDER = [
    "Major Incidents",
    "Communication Hub Firmware Updates",
    "SSI Enhancements and Transition",
    "Data Quality Issues Sub-Group",
    "Live Services Criteria SMETS1 Enrolment",
]
# Published on the paper's date, so every demo workspace has the same hashes.
PUBLISHED_AT = dt.datetime(2019, 6, 7, 12, 0, tzinfo=dt.UTC)


def load(demo) -> None:
    meeting = (
        Meeting.objects.filter(body__code="PANEL", date__year=2019, date__month=6)
        .select_related("body")
        .first()
    )
    officer = demo.people.get("officer")
    if meeting is None or officer is None:
        return
    actor = officer.user
    report = PanelReport.objects.filter(meeting=meeting).first() or report_open(
        actor=actor, meeting=meeting, author=AUTHOR
    )
    section = ReportSection.objects.filter(
        template=report.template, title="Operations Group Meeting Highlights"
    ).first()
    if (
        section is not None
        and not HighlightOrder.objects.filter(report=report, section=section).exists()
    ):
        highlights_arrange(actor=actor, report=report, section=section, headings=OPERATIONS_ORDER)
    for part in Part.values:
        if published(report, part):
            continue
        version = pending_version(report, part)
        if version is None:
            version = report_version_draft(actor=actor, report=report, part=part)
        version = report_version_approve(actor=actor, version=version)
        report_version_publish(actor=actor, version=version, when=PUBLISHED_AT)
