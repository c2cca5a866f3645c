"""Writing a legacy Panel report as a historic published version of its Panel meeting.

The document is what the Panel received: each section of the report's layout takes the text
the file gives it as the officer's text (a section override), so the version published is the
file's words, not a compile of today's records. Only the public report is written; its
confidential Appendix A was never in the file and stays for officers to compile. The version is
published on the paper's date by the officer who answers for the import (the ledger names a
publisher), in one transaction; the same file again changes nothing, a different file for a
report already published is refused with its differences unless `update`, which publishes a
corrected version. Nothing the document does not name is invented: a Panel meeting is found
by the report's date, or created from it (and said so) when `panel_meeting` is not given."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction

from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError, actor_name
from secretariat.directory.bodies import BODIES
from secretariat.directory.models import Body
from secretariat.directory.services import body_create
from secretariat.imports.models import ImportedFile
from secretariat.imports.panel_report import ParsedReport
from secretariat.imports.reports import ReportReading, describe, read_report
from secretariat.imports.text import ImportProblem
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import meeting_create
from secretariat.reports.compiler.pieces import normal_heading
from secretariat.reports.models import PanelReport, Part, ReportSection, SectionOverride
from secretariat.reports.selectors import published
from secretariat.reports.services import (
    default_template,
    report_open,
    report_update,
    report_version_approve,
    report_version_draft,
    report_version_publish,
    section_override,
)

PUBLISHED_HOUR = 12  # a legacy paper went out on its date; the hour is the ledger's convention
LONDON = ZoneInfo("Europe/London")
# A Panel meeting is looked for this many days after the paper's date.
FIND_WINDOW_DAYS = 31


@dataclass
class ReportImport:
    name: str
    reading: ReportReading
    reference: str = ""
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: bool = False
    dry_run: bool = False

    def lines(self) -> list[str]:
        return describe(self.reading)


class _DryRun(Exception):
    pass


def _file_error(name: str, message: str, code: str = "import_problem") -> ServiceError:
    return ServiceError({"file": f"{name}: {message}"}, code=code)


def section_texts(parsed: ParsedReport, leaves: list[ReportSection]) -> dict[int, str]:
    """The officer text for each leaf section of the layout, from the file: top sections by
    their title (Purpose, Recommendations), sub-sections by theirs ("2.1 Operations Group
    Meeting Highlights"). A section of the file that the layout lacks, or a section of the
    layout that the file lacks, is refused by name: guessing would put words where the Panel
    never read them."""
    parts = {}
    tops = {}
    for section in parsed.sections:
        tops[normal_heading(section.title)] = section
        for part in section.parts:
            parts[normal_heading(part.title)] = part
    texts: dict[int, str] = {}
    missing: list[str] = []
    used_tops: set[str] = set()
    used_parts: set[str] = set()
    for leaf in leaves:
        key = normal_heading(leaf.title)
        if leaf.parent_id is None:
            top = tops.get(key)
            if top is None:
                missing.append(leaf.title)
                continue
            used_tops.add(key)
            if key.startswith("recommendation"):
                chunks = list(parsed.recommendations) or list(top.paragraphs)
            else:
                chunks = list(top.paragraphs)
        else:
            sub = parts.get(key)
            if sub is None:
                missing.append(leaf.title)
                continue
            used_parts.add(key)
            chunks = []
            for highlight in sub.highlights:
                if highlight.heading:
                    chunks.append(f"### {highlight.heading}")
                chunks.extend(highlight.paragraphs)
        texts[leaf.pk] = "\n\n".join(chunk for chunk in chunks if chunk.strip())
    extra = [
        part.title
        for section in parsed.sections
        for part in section.parts
        if normal_heading(part.title) not in used_parts
    ] + [
        section.title
        for section in parsed.sections
        if not section.parts and normal_heading(section.title) not in used_tops
    ]
    problems = []
    if missing:
        problems.append(
            "the report's layout has "
            + ", ".join(f"“{t}”" for t in missing)
            + ", which the file does not"
        )
    if extra:
        problems.append(
            "the file has " + ", ".join(f"“{t}”" for t in extra) + ", which the layout does not"
        )
    if problems:
        raise ImportProblem(
            "; ".join(problems)
            + ". Change the report's layout to the file's sections, or the file, and import again."
        )
    return texts


def _leaves(template) -> list[ReportSection]:
    sections = list(
        ReportSection.objects.filter(template=template).order_by("parent_id", "position")
    )
    parents = {section.parent_id for section in sections if section.parent_id}
    return [
        section
        for section in sections
        if section.pk not in parents and section.content != ReportSection.Content.GROUP
    ]


def _panel_body(actor, report: ReportImport) -> Body:
    body = Body.objects.filter(parent__isnull=True).order_by("id").first()
    if body is not None:
        return body
    code, name, short, _parent, _cadence = BODIES[0]
    body = body_create(actor=actor, code=code, name=name, short_name=short)
    report.created.append(f"body: {body.code} ({body.name})")
    return body


def _panel_meeting(actor, parsed: ParsedReport, reference: str | None, report: ReportImport):
    if reference:
        meeting = Meeting.objects.select_related("body").filter(reference=reference).first()
        if meeting is None:
            raise ServiceError({"panel_meeting": f"There is no meeting {reference}."})
        if meeting.body.parent_id is not None:
            raise ServiceError({"panel_meeting": f"{reference} is not a meeting of the Panel."})
        return meeting
    assert parsed.date is not None
    body = _panel_body(actor, report)
    meeting = (
        Meeting.objects.select_related("body")
        .filter(
            body=body,
            date__gte=parsed.date,
            date__lte=parsed.date + dt.timedelta(days=FIND_WINDOW_DAYS),
        )
        .order_by("date")
        .first()
    )
    if meeting is not None:
        return meeting
    template = default_template()
    latest = (
        Meeting.objects.filter(body=body)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    meeting = meeting_create(
        actor=actor,
        body=body,
        number=(latest or 0) + 1,
        date=parsed.date + dt.timedelta(days=template.paper_days_before),
        status=Meeting.Status.CLOSED,
    )
    report.created.append(
        f"meeting: {meeting.reference} (the file names no Panel meeting: dated "
        f"{template.paper_days_before} days after the paper, numbered after the latest; name the "
        "meeting with --panel-meeting to choose it)"
    )
    return meeting


def _wanted(parsed: ParsedReport) -> dict:
    action = (
        PanelReport.Action.DECISION
        if "decision" in parsed.action.lower()
        else PanelReport.Action.INFORMATION
    )
    wanted = {"author": parsed.author, "report_date": parsed.date, "action": action}
    if parsed.team:
        wanted["team"] = parsed.team
    return wanted


def _current_texts(report: PanelReport) -> dict[int, str]:
    latest: dict[int, str] = {}
    for override in SectionOverride.objects.filter(report=report).order_by("id"):
        latest[override.section_id] = override.text
    return latest


def _differences(report: PanelReport, wanted: dict, texts: dict[int, str], leaves) -> list[str]:
    differences = [
        f"{name}: {getattr(report, name)!s} → {value!s}"
        for name, value in wanted.items()
        if getattr(report, name) != value
    ]
    current = _current_texts(report)
    for leaf in leaves:
        if current.get(leaf.pk, "") != texts.get(leaf.pk, ""):
            differences.append(f"section “{leaf.title}” differs")
    return differences


def report_import(
    *,
    actor,
    name: str,
    data: bytes,
    panel_meeting: str | None = None,
    dry_run: bool = False,
    update: bool = False,
) -> ReportImport:
    """Import one Panel report file as the published report of its Panel meeting."""
    actor_name(actor)
    if not getattr(actor, "is_authenticated", False):
        raise ServiceError(
            {
                "actor": "A published report names the officer who published it: import it as "
                "a secretariat officer of the Panel (--as USER)."
            }
        )
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        reading = read_report(name, data)
    except ImportProblem as error:
        raise _file_error(name, str(error)) from None
    parsed = reading.parsed
    result = ReportImport(name=name, reading=reading, warnings=list(parsed.warnings))
    result.dry_run = dry_run
    if ImportedFile.objects.filter(sha256=sha256).exists():
        result.unchanged = True
        result.reference = (
            ImportedFile.objects.filter(sha256=sha256).values_list("reference", flat=True).first()
            or ""
        )
        return result
    if parsed.date is None:
        raise _file_error(name, "the report's date was not found after its recommendations.")
    if not parsed.author:
        raise _file_error(name, "the report's author was not found after its recommendations.")
    for check in reading.checks:
        if not check.agrees:
            result.warnings.append(
                f"the report says {check.document} where the register holds {check.register}: "
                f"{check.sentence!r} (imported as the Panel read it)"
            )
    try:
        with transaction.atomic():
            _write(actor, parsed, result, sha256=sha256, panel_meeting=panel_meeting, update=update)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except ImportProblem as error:
        raise _file_error(name, str(error)) from None
    except ServiceError as error:
        if getattr(error, "code", None) in ("import_problem", "import_differs"):
            raise
        messages = error.message_dict if hasattr(error, "error_dict") else {"file": error.messages}
        if "panel_meeting" in messages or "actor" in messages:
            raise
        details = "; ".join(f"{key}: {' '.join(text)}" for key, text in messages.items())
        raise _file_error(name, details) from None
    return result


def _write(actor, parsed: ParsedReport, result: ReportImport, *, sha256, panel_meeting, update):
    meeting = _panel_meeting(actor, parsed, panel_meeting, result)
    result.reference = meeting.reference
    template = default_template()
    leaves = _leaves(template)
    texts = section_texts(parsed, leaves)
    wanted = _wanted(parsed)
    report = PanelReport.objects.filter(meeting=meeting).first()
    reason = ""
    if report is None:
        report = report_open(actor=actor, meeting=meeting, template=template, **wanted)
        result.created.append(f"report: {report} for {meeting.reference}")
    else:
        differences = _differences(report, wanted, texts, leaves)
        if published(report, Part.BODY) and differences and not update:
            raise ServiceError(
                {
                    "file": f"{result.name}: the {report} is already published and differs from "
                    "this file (import with --update to publish the file as a corrected "
                    "version):\n  " + "\n  ".join(differences)
                },
                code="import_differs",
            )
        if not differences and published(report, Part.BODY):
            result.updated.append(f"nothing: {report} already reads as this file")
        else:
            changes = {k: v for k, v in wanted.items() if getattr(report, k) != v}
            if changes:
                report_update(actor=actor, report=report, **changes)
            result.updated.extend(differences)
            reason = f"Re-imported from {result.name}."
    current = _current_texts(report)
    for leaf in leaves:
        if current.get(leaf.pk) != texts[leaf.pk]:
            section_override(
                actor=actor,
                report=report,
                section=leaf,
                text=texts[leaf.pk],
                reason=f"Imported from {result.name}",
            )
    if not published(report, Part.BODY) or reason:
        version = report_version_draft(actor=actor, report=report, part=Part.BODY, reason=reason)
        version = report_version_approve(actor=actor, version=version)
        assert parsed.date is not None
        when = dt.datetime.combine(parsed.date, dt.time(PUBLISHED_HOUR), tzinfo=LONDON)
        record = report_version_publish(actor=actor, version=version, when=when)
        result.created.append(
            f"published version {record.number} of the {report}, dated {parsed.date:%d %B %Y}"
        )
    imported = ImportedFile.objects.create(
        sha256=sha256,
        kind=ImportedFile.Kind.PANEL_REPORT,
        name=result.name[:300],
        reference=meeting.reference,
        actor_name=actor_name(actor),
    )
    audit_record(
        actor=actor,
        verb="import.panel_report",
        obj=imported,
        summary=f"Imported {result.name} as the {report}",
        changes={"sha256": sha256, "file": result.name, "meeting": meeting.reference},
    )
