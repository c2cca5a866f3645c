"""Reads for the Panel report: the Panel meeting and report behind a month's address, and what has
been published of it."""

from __future__ import annotations

import datetime as dt

from django.http import Http404

from secretariat.labels.access import Reader
from secretariat.meetings.access import visible_meetings
from secretariat.meetings.models import Meeting
from secretariat.reports.models import PanelReport, ReportPublication


def panel_meeting(reader: Reader, month: dt.date) -> Meeting:
    """The Panel's meeting in `month`, if the reader may know of it (404 otherwise). The Panel is
    the root of the body tree."""
    meeting = (
        visible_meetings(
            reader,
            Meeting.objects.filter(
                body__parent__isnull=True, date__year=month.year, date__month=month.month
            ).select_related("body"),
        )
        .order_by("date", "id")
        .first()
    )
    if meeting is None:
        raise Http404("No Panel meeting that month.")
    return meeting


def report_of(meeting: Meeting) -> PanelReport | None:
    return (
        PanelReport.objects.select_related("template", "meeting__body", "opened_by")
        .filter(meeting=meeting)
        .first()
    )


def published(report: PanelReport | None, part: str) -> list[ReportPublication]:
    """Every published version of a part, oldest first (without their frozen documents)."""
    if report is None or report.pk is None:
        return []
    return list(
        ReportPublication.objects.filter(report=report, part=part)
        .defer("snapshot")
        .order_by("number")
    )


def published_version(
    report: PanelReport | None, part: str, number: int | None
) -> ReportPublication | None:
    """Version `number` of a part, or its latest when None."""
    if report is None or report.pk is None:
        return None
    records = ReportPublication.objects.filter(report=report, part=part)
    if number is not None:
        return records.filter(number=number).first()
    return records.order_by("-number").first()
