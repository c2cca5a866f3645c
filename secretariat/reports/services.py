"""Every write to the Panel report: opening a report for a Panel meeting, changing its furniture
and period, the officer's edits and ordering of sections, the layout, and the versions of its two
documents from draft to the ledger.

The workflow is publishing's: a version is drafted, approved by the Panel's chair or a secretariat
officer (approval freezes the projected document), and published by an officer, which hashes each
format exactly as publishing does (`format_hashes`, `content_hash`) and writes an append-only
ledger row. Nobody approves or publishes a document they may not read.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from secretariat.audit.services import apply_changes, audit_record
from secretariat.core.services import ServiceError, validated_save
from secretariat.core.validation import checks
from secretariat.directory.models import Body
from secretariat.documents import snapshot
from secretariat.documents.hashing import content_hash, format_hashes
from secretariat.documents.labelled import Projected
from secretariat.documents.text import long_date, paragraphs
from secretariat.labels.models import Label
from secretariat.meetings.access import editor_role
from secretariat.meetings.models import Meeting
from secretariat.meetings.readers import reader_for
from secretariat.reports import counts
from secretariat.reports.appendix import appendix_distribution_fix
from secretariat.reports.audiences import audience_for
from secretariat.reports.compiler import REPORT_LABEL, compile_report, parse_pieces, pieces_text
from secretariat.reports.compiler.pieces import HEADING
from secretariat.reports.documents import prepare
from secretariat.reports.models import (
    HighlightOrder,
    PanelReport,
    Part,
    ReportPublication,
    ReportSection,
    ReportTemplate,
    ReportVersion,
    SectionOverride,
)
from secretariat.reports.periods import default_period, default_report_date, month_start

Status = ReportVersion.Status
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


def draft_report(meeting: Meeting, template: ReportTemplate | None = None) -> PanelReport:
    """The report a Panel meeting would get by default, unsaved: what the officer sees before
    opening it, and what opening it starts from."""
    template = template or default_template()
    period = default_period(meeting, lookback_months=template.first_report_lookback_months)
    return PanelReport(
        meeting=meeting,
        template=template,
        month=month_start(meeting.date),
        period_start=period.start,
        period_end=period.end,
        report_date=default_report_date(meeting, days_before=template.paper_days_before),
        author="",
        team=template.team,
    )


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


def _part(part) -> str:
    if part not in Part.values:
        raise ServiceError(
            {"part": f"{part!r} is not a part of the report: use {' or '.join(Part.values)}."}
        )
    return part


def _check_reader(actor, report: PanelReport, part: str, doing: str) -> None:
    audience = audience_for(part, report.meeting, report)
    if not audience.includes(reader_for(actor)):
        raise ServiceError(
            {
                "actor": f"The {Part(part).label} is for {audience.description}; you are not "
                f"among them, so you may not {doing} it."
            }
        )


@checks(ReportVersion)
@transaction.atomic
def report_version_draft(*, actor, report: PanelReport, part, reason: str = "") -> ReportVersion:
    part = _part(part)
    _require_officer(actor, report.meeting, "draft a Panel report")
    versions = ReportVersion.objects.select_for_update().filter(report=report, part=part)
    pending = versions.exclude(status=Status.PUBLISHED).first()
    if pending is not None:
        raise ServiceError(
            {
                "part": f"{pending} is still {pending.get_status_display().lower()}: approve and "
                "publish it first."
            }
        )
    reason = (reason or "").strip()
    is_correction = versions.filter(status=Status.PUBLISHED).exists()
    if is_correction and not reason:
        raise ServiceError(
            {
                "reason": f"The {Part(part).label} for {report.month:%B %Y} is already "
                "published: a new version is a correction and needs a reason."
            }
        )
    if reason and not is_correction:
        raise ServiceError({"reason": "A first version corrects nothing: leave the reason empty."})
    number = max(versions.values_list("number", flat=True), default=0) + 1
    version = ReportVersion.objects.create(
        report=report,
        part=part,
        number=number,
        reason=reason,
        drafted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        verb="report.draft",
        obj=version,
        changes={"report": report.slug, "part": part, "number": number},
    )
    return version


@transaction.atomic
def report_version_approve(*, actor, version: ReportVersion) -> ReportVersion:
    """Freeze the part as its audience will receive it. Approving again before publication takes
    the records as they are then."""
    version = (
        ReportVersion.objects.select_for_update()
        .select_related("report__meeting__body", "report__template")
        .get(pk=version.pk)
    )
    report = version.report
    if version.status == Status.PUBLISHED:
        raise ServiceError(
            {"version": f"{version} is published: correct it with a new version instead."}
        )
    if editor_role(reader_for(actor), report.meeting) not in ("officer", "chair"):
        raise ServiceError(
            {
                "actor": f"Only the chair of the {report.meeting.body.display_code} or a "
                "secretariat officer may approve a Panel report."
            }
        )
    if version.part == Part.APPENDIX_A:
        # Issuing the appendix fixes who it goes to, the approving officer among them.
        appendix_distribution_fix(actor=actor, report=report)
    _check_reader(actor, report, version.part, "approve")
    audience = audience_for(version.part, report.meeting, report)
    if Label(report.meeting.label) > audience.ceiling:
        raise ServiceError(
            {
                "version": f"{report.meeting.reference} is labelled "
                f"{Label(report.meeting.label).name}: its {Part(version.part).label} would reveal "
                f"it to {audience.description}."
            }
        )
    compiled = compile_report(report)
    stale = [edit for edit in compiled.edits if edit.records_changed]
    if stale and version.part == Part.BODY:
        names = ", ".join(f"{edit.number} {edit.title}" for edit in stale)
        raise ServiceError(
            {
                "version": f"The records behind the edited section {names} changed after the "
                "edit: review the differences and save the section again (or restore it) "
                "before approving."
            }
        )
    projected = prepare(compiled, version.part, status="")
    version.snapshot = snapshot.dump(projected)
    version.status = Status.APPROVED
    version.approved_by = actor
    version.approved_at = timezone.now()
    version.save(update_fields=["snapshot", "status", "approved_by", "approved_at"])
    audit_record(
        actor=actor,
        verb="report.approve",
        obj=version,
        changes={"label": projected.label.name, "audience": projected.audience},
    )
    return version


def _status_line(version: ReportVersion, published_at) -> str:
    line = (
        f"Version {version.number}, published {long_date(timezone.localtime(published_at).date())}."
    )
    if version.reason:
        line += f" Corrects version {version.number - 1}: {version.reason}"
    return line


@transaction.atomic
def report_version_publish(*, actor, version: ReportVersion, when=None) -> ReportPublication:
    version = (
        ReportVersion.objects.select_for_update()
        .select_related("report__meeting__body")
        .get(pk=version.pk)
    )
    report = version.report
    if version.status != Status.APPROVED or version.snapshot is None:
        raise ServiceError(
            {
                "version": f"{version} is {version.get_status_display().lower()}: only an "
                "approved version can be published."
            }
        )
    _require_officer(actor, report.meeting, "publish a Panel report")
    _check_reader(actor, report, version.part, "publish")
    audience = audience_for(version.part, report.meeting, report)
    approved = snapshot.load(version.snapshot)
    if approved.label > audience.ceiling or approved.audience != audience.name:
        raise ServiceError(
            {"version": f"{version} was approved for another audience: approve it again."}
        )
    published_at = when or timezone.now()
    frozen = Projected(
        kind=approved.kind,
        title=approved.title,
        label=approved.label,
        header=approved.header,
        sections=approved.sections,
        footer=approved.footer,
        meta={
            **approved.meta,
            "version": version.number,
            "status": _status_line(version, published_at),
            "issued": published_at.astimezone(dt.UTC).isoformat(),
        },
        audience=approved.audience,
    )
    hashes = format_hashes(frozen)
    if version.approved_by is None:
        raise ServiceError({"version": f"{version} records no approver: approve it again."})
    record = ReportPublication.objects.create(
        version=version,
        report=report,
        part=version.part,
        number=version.number,
        audience=audience.name,
        label=frozen.label,
        title=frozen.title,
        reason=version.reason,
        snapshot=snapshot.dump(frozen),
        hashes=hashes,
        content_hash=content_hash(hashes),
        published_at=published_at,
        published_by=actor,
        approved_by=version.approved_by,
    )
    version.status = Status.PUBLISHED
    version.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb="report.publish",
        obj=record,
        changes={
            "report": report.slug,
            "part": version.part,
            "number": version.number,
            "audience": audience.name,
            "label": frozen.label.name,
            "content_hash": record.content_hash,
        },
    )
    return record


@transaction.atomic
def report_issue(
    *, actor, report: PanelReport, approver=None, reason: str = "", when=None
) -> list[ReportPublication]:
    """Draft, approve and publish both parts in one go (the demo; an officer who approves)."""
    records = []
    for part in Part.values:
        version = report_version_draft(actor=actor, report=report, part=part, reason=reason)
        version = report_version_approve(actor=approver or actor, version=version)
        records.append(report_version_publish(actor=actor, version=version, when=when))
    return records


def verify_publication(record: ReportPublication) -> list[str]:
    """What no longer matches in a published part: empty when it re-renders to its hashes."""
    try:
        projected = snapshot.load(record.snapshot)
    except (KeyError, ValueError, TypeError) as error:
        return [f"its frozen document cannot be read ({error})"]
    hashes = format_hashes(projected)
    problems = [
        f"{fmt} renders to {hashes[fmt][:12]}…, published as {record.hashes.get(fmt, '')[:12]}…"
        for fmt in hashes
        if hashes[fmt] != record.hashes.get(fmt)
    ]
    if content_hash(record.hashes) != record.content_hash:
        problems.append("its content hash does not match its format hashes")
    return problems
