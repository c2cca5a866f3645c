"""Every write to the Panel report: opening a report for a Panel meeting, changing its furniture
and period, the officer's edits and ordering of sections, the layout, and the versions of its two
documents from draft to the ledger.

The workflow is publishing's own, in publishing's tables: a version is drafted by an officer,
approved by the Panel's chair or a secretariat officer (approval freezes the projected document),
and published by an officer into the one append-only ledger. Nobody approves or publishes a
document they may not read.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.audit.services import apply_changes, audit_record
from secretariat.core.services import ServiceError, validated_save
from secretariat.core.validation import checks
from secretariat.directory.models import Body
from secretariat.documents.text import long_date, paragraphs
from secretariat.labels.models import Label
from secretariat.meetings.access import editor_role
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.publishing.services import (
    publication_issue,
    version_approve,
    version_draft,
    version_issue,
    version_publish,
)
from secretariat.publishing.verification import verify_record
from secretariat.reports import counts, selectors
from secretariat.reports.compiler import REPORT_LABEL, compile_report, parse_pieces, pieces_text
from secretariat.reports.compiler.layout import LAYOUT_READ
from secretariat.reports.compiler.pieces import HEADING
from secretariat.reports.documents import KIND_OF_PART
from secretariat.reports.models import (
    HighlightOrder,
    PanelReport,
    Part,
    ReportSection,
    ReportTemplate,
    SectionOverride,
)
from secretariat.reports.periods import (
    default_period,
    default_report_date,
    month_start,
    period_by_rule,
)

Content = ReportSection.Content


# -- checks ------------------------------------------------------------------------------------


def _require_panel_meeting(meeting) -> Meeting:
    if not isinstance(meeting, Meeting):
        raise ServiceError({"meeting": "A Panel report goes to a meeting of the Panel."})
    if meeting.body.parent_id is not None:
        raise ServiceError(
            {
                "meeting": f"{meeting.reference} is a meeting of the {meeting.body.display_code}; "
                "a Panel report goes to a meeting of the Panel."
            }
        )
    return meeting


def _require_officer(actor, meeting: Meeting, doing: str) -> None:
    if editor_role(reader_for(actor), meeting) != "officer":
        raise ServiceError(
            {"actor": f"Only a secretariat officer of the {meeting.body.display_code} may {doing}."}
        )


def _check_dates(report: PanelReport) -> None:
    meeting = report.meeting
    if report.period_start > report.period_end:
        raise ServiceError(
            {
                "period_start": f"The period starts on {long_date(report.period_start)}, after it "
                f"ends ({long_date(report.period_end)})."
            }
        )
    if report.period_end >= meeting.date:
        raise ServiceError(
            {
                "period_end": f"The period must end before the Panel meeting it reports to "
                f"({long_date(meeting.date)})."
            }
        )
    if report.report_date > meeting.date:
        raise ServiceError(
            {
                "report_date": f"The paper cannot be dated after its Panel meeting "
                f"({long_date(meeting.date)})."
            }
        )
    if not report.author.strip():
        raise ServiceError({"author": "Name the paper's author."})
    if report.action not in PanelReport.Action.values:
        raise ServiceError(
            {
                "action": f"{report.action!r} is not an action: use "
                + " or ".join(PanelReport.Action.values)
                + "."
            }
        )


def default_template() -> ReportTemplate:
    template = ReportTemplate.objects.order_by("id").first()
    if template is None:
        raise ServiceError({"template": "No report layout exists: migrate the reports app."})
    return template


def draft_report(
    meeting: Meeting, template: ReportTemplate | None = None, *, read: bool = False
) -> PanelReport:
    """The report a Panel meeting would get by default, unsaved: what the officer sees before
    opening it, and what opening it starts from. `read`: read what it is built from with the
    default layout's sections, in the one query the compile reads its layout with
    (`selectors.defaults_read`), as a page does within its query budget; opening a report
    always asks afresh."""
    facts = selectors.defaults_read(meeting) if read and template is None else None
    if facts is None:
        template = template or default_template()
        period = default_period(meeting, lookback_months=template.first_report_lookback_months)
    else:
        template = facts.template
        period = period_by_rule(
            meeting.date,
            facts.previous_end,
            facts.first_met,
            lookback_months=template.first_report_lookback_months,
        )
    report = PanelReport(
        meeting=meeting,
        template=template,
        month=month_start(meeting.date),
        period_start=period.start,
        period_end=period.end,
        report_date=default_report_date(meeting, days_before=template.paper_days_before),
        author="",
        team=template.team,
    )
    if facts is not None:
        # What the compile asks of a report read with it: its layout (`numbered_layout`), the
        # SSC's latest meeting in the period (`counts.quiet_month`: the latest up to the
        # period's end, if within it), the bodies' codes (`check_codes`, read with the
        # meeting) and Appendix A's default distribution (`appendix.distribution_of`).
        met = facts.ssc_last_met_by_end
        report.__dict__["ssc_last_met"] = met if met is not None and met >= period.start else None
        report.__dict__[LAYOUT_READ] = facts.sections
        report._default_distribution = facts.members  # type: ignore[attr-defined]
        if "body_codes" in meeting.__dict__:
            report.__dict__["body_codes"] = meeting.__dict__["body_codes"]
    return report


# -- the report ---------------------------------------------------------------------------------


@checks(PanelReport)
@transaction.atomic
def report_open(
    *,
    actor,
    meeting: Meeting,
    author: str,
    template: ReportTemplate | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    report_date: dt.date | None = None,
    action: str = PanelReport.Action.INFORMATION,
    team: str | None = None,
) -> PanelReport:
    """Open the report for a Panel meeting, with the default period and date unless given."""
    _require_panel_meeting(meeting)
    _require_officer(actor, meeting, "open a Panel report")
    report = draft_report(meeting, template)
    if PanelReport.objects.filter(meeting=meeting).exists():
        raise ServiceError({"meeting": f"{meeting.reference} already has its Panel report."})
    if PanelReport.objects.filter(month=report.month).exists():
        raise ServiceError(
            {"meeting": f"The Panel report for {report.month:%B %Y} is already open."}
        )
    report.author = (author or "").strip()
    report.action = action
    report.opened_by = actor if getattr(actor, "is_authenticated", False) else None
    if team is not None:
        report.team = team.strip()
    for name, value in (
        ("period_start", period_start),
        ("period_end", period_end),
        ("report_date", report_date),
    ):
        if value is not None:
            setattr(report, name, value)
    _check_dates(report)
    validated_save(report, exclude=["meeting", "template"])
    report.save()
    audit_record(
        actor=actor,
        verb="report.open",
        obj=report,
        changes={
            "meeting": meeting.reference,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "report_date": report.report_date,
        },
    )
    return report


REPORT_FIELDS = {"period_start", "period_end", "report_date", "action", "author", "team"}


@checks(PanelReport)
@transaction.atomic
def report_update(*, actor, report: PanelReport, **changes) -> PanelReport:
    _require_officer(actor, report.meeting, "change a Panel report")
    unknown = sorted(set(changes) - REPORT_FIELDS)
    if unknown:
        raise ServiceError({unknown[0]: f"'{unknown[0]}' cannot be changed here."})
    probe = PanelReport(
        **{
            name: changes.get(name, getattr(report, name))
            for name in (*REPORT_FIELDS, "meeting", "template", "month")
        }
    )
    _check_dates(probe)
    apply_changes(
        actor=actor,
        instance=report,
        changes=changes,
        verb="report.update",
        allowed=REPORT_FIELDS,
    )
    return report


def _leaf(report: PanelReport, section) -> ReportSection:
    if not isinstance(section, ReportSection) or section.template_id != report.template_id:
        raise ServiceError({"section": "Choose a section of this report's layout."})
    if section.content == Content.GROUP:
        raise ServiceError(
            {"section": f"“{section.title}” holds sub-sections only: edit one of them instead."}
        )
    return section


@checks(SectionOverride)
@transaction.atomic
def section_override(
    *,
    actor,
    report: PanelReport,
    section: ReportSection,
    text: str,
    reason: str = "",
    label=Label.WHITE,
) -> SectionOverride:
    """Put the officer's text in place of a section's compiled text (empty text: back to the
    compiled text). The compiled text of the moment is kept beside it, so that a recompile shows
    what the officer changed and whether the records have changed since."""
    _require_officer(actor, report.meeting, "edit a Panel report")
    section = _leaf(report, section)
    label = Label.parse(label)
    if label > REPORT_LABEL:
        raise ServiceError(
            {
                "label": f"The report is {REPORT_LABEL.name}: an edited section cannot be "
                f"{label.name}. Leave restricted matter to the confidential appendix."
            }
        )
    text = (text or "").replace("\r\n", "\n").strip()
    for paragraph in paragraphs(text):
        first = paragraph.split("\n")[0].strip()
        if first.startswith("#") and not HEADING.match(first):
            raise ServiceError(
                {"text": f"“{first[:40]}”: a heading line (### ...) needs its heading."}
            )
    compiled = compile_report(report)
    override = SectionOverride.objects.create(
        report=report,
        section=section,
        text=pieces_text(parse_pieces(text, label)) if text else "",
        label=label,
        compiled_text=compiled.texts.get(section.pk, ""),
        reason=reason.strip(),
        written_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        verb="report.section_override" if text else "report.section_restore",
        obj=override,
        changes={
            "report": report.slug,
            "section": section.title,
            "label": label.name,
            "characters": len(override.text),
        },
    )
    return override


@checks(HighlightOrder)
@transaction.atomic
def highlights_arrange(
    *, actor, report: PanelReport, section: ReportSection, headings: list[str]
) -> HighlightOrder:
    """Order a highlights section's headings as the officer wants them."""
    _require_officer(actor, report.meeting, "arrange a Panel report")
    section = _leaf(report, section)
    if section.content != Content.HIGHLIGHTS:
        raise ServiceError({"section": f"“{section.title}” has no highlights to arrange."})
    cleaned = [" ".join(str(heading).split()) for heading in headings]
    if any(not heading for heading in cleaned):
        raise ServiceError({"headings": "A heading cannot be empty."})
    if len({heading.casefold() for heading in cleaned}) != len(cleaned):
        raise ServiceError({"headings": "Each heading may be listed once."})
    order, _ = HighlightOrder.objects.update_or_create(
        report=report, section=section, defaults={"headings": cleaned}
    )
    audit_record(
        actor=actor,
        verb="report.arrange",
        obj=order,
        changes={"section": section.title, "headings": " | ".join(cleaned)},
    )
    return order


# -- the layout ---------------------------------------------------------------------------------

SECTION_FIELDS = {
    "title",
    "position",
    "text",
    "body_codes",
    "count_kind",
    "sentence_none",
    "sentence_one",
    "sentence_many",
}


@checks(ReportSection)
@transaction.atomic
def section_update(*, actor, section: ReportSection, **changes) -> ReportSection:
    """Change a section of the layout: its title, place, text, bodies or count wording."""
    if not getattr(actor, "is_authenticated", False) or not reader_for(actor).is_secretariat:
        raise ServiceError({"actor": "Only the secretariat may change the report's layout."})
    if "body_codes" in changes:
        codes = [str(code).strip().upper() for code in changes["body_codes"] if str(code).strip()]
        known = set(Body.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ServiceError({"body_codes": f"No body has the code {', '.join(unknown)}."})
        changes["body_codes"] = codes
    for name in ("sentence_none", "sentence_one", "sentence_many"):
        if name in changes:
            counts.check_template(changes[name], name)
    if "title" in changes and not str(changes["title"]).strip():
        raise ServiceError({"title": "A section needs a title."})
    apply_changes(
        actor=actor,
        instance=section,
        changes=changes,
        verb="report.layout_update",
        allowed=SECTION_FIELDS,
    )
    return section


# -- versions and the ledger ----------------------------------------------------------------------
# The report's two parts are document kinds of their Panel meeting (`reports/documents.py`): their
# versions and ledger rows are publishing's, written by publishing's services. These name the
# part instead of the kind, as the report's pages and the demo do.


def _kind(part):
    if part not in Part.values:
        raise ServiceError(
            {"part": f"{part!r} is not a part of the report: use {' or '.join(Part.values)}."}
        )
    return KIND_OF_PART[part]


@checks(PublicationVersion, report=None, part=None, reason_label=None)
def report_version_draft(
    *, actor, report: PanelReport, part, reason: str = "", reason_label=None
) -> PublicationVersion:
    return version_draft(
        actor=actor,
        meeting=report.meeting,
        kind=_kind(part),
        reason=reason,
        reason_label=reason_label,
    )


def report_version_approve(*, actor, version: PublicationVersion) -> PublicationVersion:
    return version_approve(actor=actor, version=version)


def report_version_publish(*, actor, version: PublicationVersion, when=None) -> PublicationRecord:
    return version_publish(actor=actor, version=version, when=when)


def report_part_issue(
    *, actor, report: PanelReport, part, reason: str = "", reason_label=None
) -> PublicationRecord:
    """Draft, approve and publish one part in one go, rendered before the write transaction."""
    return publication_issue(
        actor=actor,
        meeting=report.meeting,
        kind=_kind(part),
        reason=reason,
        reason_label=reason_label,
    )


def report_version_issue(*, actor, version: PublicationVersion) -> PublicationRecord:
    """Approve and publish a pending version of a part in one go."""
    return version_issue(actor=actor, version=version)


def report_issue(
    *, actor, report: PanelReport, approver=None, reason: str = "", when=None
) -> list[PublicationRecord]:
    """Draft, approve and publish both parts (the demo; an officer who approves). Each part is
    its own publication, rendered before its own short write transaction, so a refused second
    part leaves the first published, as publishing them one after the other would."""
    return [
        publication_issue(
            actor=actor,
            meeting=report.meeting,
            kind=_kind(part),
            approver=approver,
            reason=reason,
            when=when,
        )
        for part in Part.values
    ]


def verify_publication(record: PublicationRecord) -> list[str]:
    """What no longer matches in a published part: publishing's check, labels included."""
    return verify_record(record)
