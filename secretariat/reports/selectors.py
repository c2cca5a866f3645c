"""Reads for the Panel report: the Panel meeting and report behind a month's address, and what has
been published of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import DateField, Func, OuterRef, Subquery, Value
from django.http import Http404

from secretariat.core.listed import listed, unlisted
from secretariat.directory.models import MEMBER_ROLES, Body, Membership
from secretariat.labels.access import Reader, covering_q
from secretariat.meetings.access import visible_meetings
from secretariat.meetings.models import Meeting
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.reports.appendix import distribution_read_with
from secretariat.reports.counts import last_met_by, last_met_read_with
from secretariat.reports.models import PanelReport, ReportSection, ReportTemplate
from secretariat.reports.periods import default_period_end


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


@dataclass(frozen=True)
class DefaultsRead:
    """What a month's default report is built from, read with its layout in one query: the
    default template and its sections, the end of the latest earlier report's period, the
    Panel's first meeting day, the SSC's latest meeting up to the default period's end, and
    the Panel's members on the paper's day (Appendix A's default distribution: nobody compiles
    an unopened report)."""

    template: ReportTemplate
    sections: Sequence[ReportSection]
    previous_end: dt.date | None
    first_met: dt.date | None
    ssc_last_met_by_end: dt.date | None
    members: frozenset[int]


class _DaysBefore(Func):
    """A date `days` days before another, in the database (SQLite and PostgreSQL)."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="DATE(%(expressions)s || ' days')",
            arg_joiner=", '-' || ",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context
        )


def _as_date(value) -> dt.date | None:
    # Django converts a date subquery on both engines; should a driver hand back the ISO text
    # instead, it is read as the date it is.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def defaults_read(meeting: Meeting) -> DefaultsRead | None:
    """The default template's sections (the compile's layout), each row carrying what the
    meeting's default report is built from besides, in one query: a month not yet opened then
    reads no more than an opened one, whose layout is one query too. None without a layout."""
    # The paper's day (`periods.default_report_date`), with the template's days before.
    day = _DaysBefore(Value(meeting.date), OuterRef("template__paper_days_before"))
    members = Membership.objects.filter(
        covering_q(day),  # type: ignore[arg-type]  # the paper's day, in the database
        body_id=meeting.body_id,
        role__in=MEMBER_ROLES,
    )
    sections = list(
        ReportSection.objects.filter(
            template=Subquery(ReportTemplate.objects.order_by("id").values("id")[:1])
        )
        .select_related("template")
        .order_by("position", "id")
        .annotate(
            previous_period_end=Subquery(
                PanelReport.objects.filter(meeting__date__lt=meeting.date)
                .order_by("-meeting__date")
                .values("period_end")[:1]
            ),
            panel_first_met=Subquery(
                Meeting.objects.filter(body_id=meeting.body_id).order_by("date").values("date")[:1]
            ),
            ssc_last_met_by_end=last_met_by(default_period_end(meeting.date)),
            panel_members=listed(members, "person_id"),
        )
    )
    if not sections:
        return None
    first = sections[0]
    return DefaultsRead(
        template=first.template,
        sections=sections,
        previous_end=_as_date(first.previous_period_end),
        first_met=_as_date(first.panel_first_met),
        ssc_last_met_by_end=_as_date(first.ssc_last_met_by_end),
        members=frozenset(unlisted(first.panel_members)),
    )


def panel_meeting_and_report(reader: Reader, month: dt.date) -> tuple[Meeting, PanelReport | None]:
    """`panel_meeting` and `report_of` it, in one query whether or not the report is saved: the
    Panel meeting with its report, if any, and what its pages ask of the report (as
    `_reports`). A month not yet opened reads its default report with its layout
    (`defaults_read`). Reads only: a month's pages never open its report."""
    meeting = (
        _panel_meetings(reader, month)
        .select_related("panel_report__template", "panel_report__opened_by")
        .annotate(
            **{
                f"report_{name}": value
                for name, value in {
                    **distribution_read_with(report="panel_report__", body="body_id"),
                    "ssc_last_met": last_met_read_with(report="panel_report__"),
                }.items()
            },
            body_codes=listed(Body.objects.all(), "code"),
        )
        .first()
    )
    if meeting is None:
        raise Http404("No Panel meeting that month.")
    read = meeting.__dict__
    try:
        report = meeting.panel_report
    except PanelReport.DoesNotExist:
        return meeting, None
    for name in ("fixed_people", "default_people", "ssc_last_met"):
        report.__dict__[name] = read[f"report_{name}"]
    report.__dict__["body_codes"] = read["body_codes"]
    return meeting, report


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
