"""Turning a parsed document into records, through the services, in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError, actor_name
from secretariat.directory.models import Body, Organisation, PartyCategory, Person
from secretariat.directory.services import body_create, organisation_create
from secretariat.imports.headlines import ParsedHeadlines, ParsedItem, parse_headlines
from secretariat.imports.models import ImportedFile
from secretariat.imports.sources import read_source
from secretariat.imports.text import ImportProblem
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Attendance, Meeting, OutcomeVerb
from secretariat.meetings.services import (
    attendance_record,
    ensure_default_verbs,
    item_add,
    item_update,
    meeting_create,
    outcome_record,
)


@dataclass
class ImportReport:
    name: str
    reference: str = ""
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: bool = False
    dry_run: bool = False


class _DryRun(Exception):
    pass


def _problem(name: str, error: ImportProblem) -> ServiceError:
    return ServiceError({"file": f"{name}: {error}"}, code="import_problem")


def parse_file(name: str, data: bytes) -> ParsedHeadlines:
    """Read and parse a Meeting Headlines file, or a ServiceError naming the file and line."""
    ensure_default_verbs()
    verbs = set(OutcomeVerb.objects.filter(active=True).values_list("word", flat=True))
    try:
        source = read_source(name, data)
        parsed = parse_headlines(source.text, verbs=verbs, markup=source.markup)
    except ImportProblem as error:
        raise _problem(name, error) from None
    parsed.warnings[:0] = source.warnings
    return parsed


def headlines_import(
    *,
    actor,
    name: str,
    data: bytes,
    minuted_by: Person | None = None,
    dry_run: bool = False,
    update: bool = False,
) -> ImportReport:
    """Import one Meeting Headlines file: the body, parties and meeting it names, its items with
    their labels, sub-points and outcomes. Nothing the document does not show is invented: the
    restricted record stays empty for an officer to complete.

    The same file again changes nothing; a different file for a meeting that exists is refused
    with the differences unless `update`; `dry_run` reports and writes nothing."""
    actor_name(actor)
    if minuted_by is not None and not isinstance(minuted_by, Person):
        raise ServiceError(
            {"minuted_by": "The minuting officer must be a person of the directory."}
        )
    sha256 = hashlib.sha256(data).hexdigest()
    parsed = parse_file(name, data)
    report = ImportReport(name=name, reference=parsed.reference, warnings=parsed.warnings)
    report.dry_run = dry_run
    if ImportedFile.objects.filter(sha256=sha256).exists():
        report.unchanged = True
        return report
    try:
        with transaction.atomic():
            _write(actor, parsed, report, sha256=sha256, minuted_by=minuted_by, update=update)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except ServiceError as error:
        # A service refused a value the file gave: say which file, and which field.
        if getattr(error, "code", None) in ("import_problem", "import_differs"):
            raise
        details = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in _messages(error).items()
        )
        raise ServiceError({"file": f"{name}: {details}"}) from None
    return report


def _messages(error: ServiceError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {"file": error.messages}


def _write(actor, parsed, report, *, sha256, minuted_by, update) -> None:
    body = _body(actor, parsed, report)
    meeting = Meeting.objects.filter(reference=parsed.reference).first()
    if meeting is not None:
        differences = _differences(meeting, parsed)
        if differences and not update:
            raise ServiceError(
                {
                    "file": f"{report.name}: {parsed.reference} already exists and differs from "
                    "this file (import with --update to apply the file):\n  "
                    + "\n  ".join(differences)
                },
                code="import_differs",
            )
        _update(actor, meeting, parsed, report)
    else:
        meeting = _create(actor, body, parsed, report)
    if minuted_by is not None:
        attendance_record(
            actor=actor,
            meeting=meeting,
            person=minuted_by,
            status=Attendance.Status.PRESENT,
            capacity=Attendance.Capacity.SECRETARIAT,
        )
        report.created.append(f"attendance: {minuted_by.full_name} (secretariat, minuted it)")
    imported = ImportedFile.objects.create(
        sha256=sha256,
        kind=ImportedFile.Kind.HEADLINES,
        name=report.name[:300],
        reference=parsed.reference,
        actor_name=actor_name(actor),
    )
    audit_record(
        actor=actor,
        verb="import.headlines",
        obj=imported,
        summary=f"Imported {report.name} as {parsed.reference}",
        changes={"sha256": sha256, "file": report.name, "meeting": parsed.reference},
    )


def _body(actor, parsed: ParsedHeadlines, report: ImportReport) -> Body:
    body = Body.objects.filter(code__iexact=parsed.body_code).first()
    if body is None:
        body = body_create(
            actor=actor,
            code=parsed.body_code,
            name=parsed.body_name or parsed.body_code,
            short_name=parsed.body_code,
        )
        report.created.append(f"body: {body.code} ({body.name})")
    return body


def _party(actor, key: tuple[str, str], report: ImportReport) -> Organisation:
    category, pseudonym = key
    party = Organisation.objects.filter(category=category, pseudonym=pseudonym).first()
    if party is None:
        # The document shows only the pseudonym: the real name stays empty, labelled RED.
        party = organisation_create(
            actor=actor, name="", category=category, pseudonym=pseudonym, name_label=Label.RED
        )
        report.created.append(
            f"party: {PartyCategory(category).label} '{pseudonym}' (no real name; RED)"
        )
    return party


def _create(actor, body: Body, parsed: ParsedHeadlines, report: ImportReport) -> Meeting:
    assert parsed.date is not None and parsed.number is not None
    meeting = meeting_create(
        actor=actor,
        body=body,
        number=parsed.number,
        date=parsed.date,
        start_time=parsed.start_time,
        end_time=parsed.end_time,
        location=parsed.location,
        status=Meeting.Status.CLOSED,
        next_meeting_date=parsed.next_meeting,
    )
    if meeting.reference != parsed.reference:
        raise ServiceError(
            {
                "file": f"{report.name}: the record's reference would be {meeting.reference}, "
                f"not {parsed.reference}."
            }
        )
    report.created.append(f"meeting: {meeting.reference}")
    points = outcomes = 0
    for spec in parsed.items:
        _add_item(actor, meeting, spec, report)
        outcomes += len(spec.outcomes)
        points += len(spec.points)
        outcomes += sum(len(point.outcomes) for point in spec.points)
    report.created.append(f"{len(parsed.items)} items, {points} sub-points, {outcomes} outcomes")
    return meeting


def _add_item(actor, meeting: Meeting, spec: ParsedItem, report: ImportReport) -> AgendaItem:
    fields: dict[str, Any] = {
        "kind": spec.kind,
        "label": spec.label,
        "summary": "\n\n".join(spec.summary),
        "withheld_notice": spec.withheld_notice,
    }
    if spec.party is not None:
        fields["party"] = _party(actor, spec.party, report)
    item = item_add(actor=actor, meeting=meeting, number=spec.number, title=spec.title, **fields)
    for outcome in spec.outcomes:
        outcome_record(
            actor=actor,
            meeting=meeting,
            item=item,
            verb=outcome.verb,
            text=outcome.text,
            joins_paragraph=outcome.joins,
        )
    for point in spec.points:
        sub = item_add(
            actor=actor,
            meeting=meeting,
            parent=item,
            label=point.label,
            title=point.title,
            summary=point.summary,
            withheld_notice=False,
        )
        for outcome in point.outcomes:
            outcome_record(
                actor=actor, meeting=meeting, item=sub, verb=outcome.verb, text=outcome.text
            )
    return item


def _public(item: AgendaItem) -> dict:
    return {
        "title": item.title,
        "label": Label(item.label).name,
        "summary": item.summary,
        "withheld_notice": item.withheld_notice,
    }


def _wanted(spec: ParsedItem) -> dict:
    return {
        "title": spec.title,
        "label": spec.label.name,
        "summary": "\n\n".join(spec.summary),
        "withheld_notice": spec.withheld_notice,
    }


def _outcomes(item: AgendaItem) -> list[tuple[str, str]]:
    return [
        (o.verb.word, o.text) for o in item.outcomes.select_related("verb").order_by("position")
    ]


def _differences(meeting: Meeting, parsed: ParsedHeadlines) -> list[str]:
    items = {i.number: i for i in meeting.items.filter(parent__isnull=True)}
    found = []
    for spec in parsed.items:
        item = items.get(spec.number)
        if item is None:
            found.append(f"item {spec.number}: in the file, not in the record")
            continue
        have, want = _public(item), _wanted(spec)
        for key in have:
            if have[key] != want[key]:
                found.append(
                    f"item {spec.number} {key}: record {_short(have[key])}, file {_short(want[key])}"
                )
        wanted_outcomes = [(o.verb, o.text.rstrip(".")) for o in spec.outcomes]
        if _outcomes(item) != wanted_outcomes:
            found.append(
                f"item {spec.number} outcomes: record {_outcomes(item)}, file {wanted_outcomes}"
            )
    for number in sorted(set(items) - {spec.number for spec in parsed.items}):
        found.append(f"item {number}: in the record, not in the file (kept)")
    return found


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 70 else text[:67] + "…'"


def _update(actor, meeting: Meeting, parsed: ParsedHeadlines, report: ImportReport) -> None:
    """Apply the file's public record to a meeting that exists; restricted text is kept and
    nothing is deleted."""
    items = {i.number: i for i in meeting.items.filter(parent__isnull=True)}
    for spec in parsed.items:
        item = items.get(spec.number)
        if item is None:
            _add_item(actor, meeting, spec, report)
            report.updated.append(f"item {spec.number}: added")
            continue
        have, want = _public(item), _wanted(spec)
        changes = {key: want[key] for key in have if have[key] != want[key]}
        if changes:
            # The version read just now: the import is the writer, in its own transaction.
            item_update(actor=actor, item=item, version=item.version, **changes)
            report.updated.append(f"item {spec.number}: {', '.join(sorted(changes))}")
        existing = _outcomes(item)
        for outcome in spec.outcomes:
            if (outcome.verb, outcome.text.rstrip(".")) not in existing:
                outcome_record(
                    actor=actor, meeting=meeting, item=item, verb=outcome.verb, text=outcome.text
                )
                report.updated.append(f"item {spec.number}: outcome {outcome.verb} added")
