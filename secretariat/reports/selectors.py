"""Reads for the Panel report: the Panel meeting and report behind a month's address, and what has
been published of it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Subquery
from django.http import Http404

from secretariat.core.listed import listed
from secretariat.directory.models import Body
from secretariat.labels.access import Reader
from secretariat.meetings.access import visible_meetings
from secretariat.meetings.models import Meeting
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.reports.appendix import distribution_read_with
from secretariat.reports.counts import last_met_read_with
from secretariat.reports.models import PanelReport


def _panel_meetings(reader: Reader, month: dt.date):
    """The Panel's meetings in `month` the reader may know of, first first. The Panel is the root
    of the body tree."""
    return visible_meetings(
        reader,
        Meeting.objects.filter(
            body__parent__isnull=True, date__year=month.year, date__month=month.month
        ).select_related("body"),
    ).order_by("date", "id")


def panel_meeting(reader: Reader, month: dt.date) -> Meeting:
    """The Panel's meeting in `month`, if the reader may know of it (404 otherwise)."""
    meeting = _panel_meetings(reader, month).first()
    if meeting is None:
        raise Http404("No Panel meeting that month.")
    return meeting


def _reports():
    """Reports with what their pages ask of them besides, in the same query: Appendix A's
    distribution, the day the SSC last met in the period (for a quiet month's sentence) and the
    bodies' codes (the layout's check)."""
    return PanelReport.objects.select_related("template", "meeting__body", "opened_by").annotate(
        **distribution_read_with(),
        ssc_last_met=last_met_read_with(),
        body_codes=listed(Body.objects.all(), "code"),
    )


def report_of(meeting: Meeting) -> PanelReport | None:
    return _reports().filter(meeting=meeting).first()


def panel_meeting_and_report(reader: Reader, month: dt.date) -> tuple[Meeting, PanelReport | None]:
    """`panel_meeting` and `report_of` it, in one query when the report is saved (a month's
    address is mostly asked of a saved report) and two when it is not."""
    first = _panel_meetings(reader, month).values("pk")[:1]
    report = _reports().filter(meeting=Subquery(first)).first()
    if report is not None:
        return report.meeting, report
    return panel_meeting(reader, month), None


def _kind(part: str) -> str:
    from secretariat.reports.documents import KIND_OF_PART

    return KIND_OF_PART[part].slug


def published(report: PanelReport | None, part: str) -> list[PublicationRecord]:
    """Every published version of a part, oldest first (without their frozen documents)."""
    if report is None or report.pk is None:
        return []
    return list(
        PublicationRecord.objects.filter(meeting_id=report.meeting_id, kind=_kind(part))
        .select_related("withdrawal")
        .defer("snapshot")
        .order_by("number")
    )


def published_parts(report: PanelReport | None, parts) -> dict[str, list[PublicationRecord]]:
    """`published` for several parts in one query: {part: its versions, oldest first}."""
    found: dict[str, list[PublicationRecord]] = {part: [] for part in parts}
    if report is None or report.pk is None:
        return found
    kinds = {_kind(part): part for part in found}
    for record in (
        PublicationRecord.objects.filter(meeting_id=report.meeting_id, kind__in=kinds)
        .select_related("withdrawal")
        .defer("snapshot")
        .order_by("number")
    ):
        found[kinds[record.kind]].append(record)
    return found


def published_version(
    report: PanelReport | None, part: str, number: int | None
) -> PublicationRecord | None:
    """Version `number` of a part (withdrawn or not), or its latest still standing when None."""
    if report is None or report.pk is None:
        return None
    records = PublicationRecord.objects.filter(
        meeting_id=report.meeting_id, kind=_kind(part)
    ).select_related("withdrawal")
    if number is not None:
        return records.filter(number=number).first()
    # The latest still standing: a withdrawn version is never the document's current one.
    return records.filter(withdrawal__isnull=True).order_by("-number").first()


def pending_version(report: PanelReport, part: str) -> PublicationVersion | None:
    """The part's version not yet published, if one is open."""
    return (
        PublicationVersion.objects.filter(meeting_id=report.meeting_id, kind=_kind(part))
        .exclude(status=PublicationVersion.Status.PUBLISHED)
        .first()
    )
