"""Reading a legacy Panel report and checking its count sentences against the register.

What is read here is written as a historic published version by `report_writer`; a dry run
(`secretariat import panel-report FILE --dry-run`) reads, corrects and checks, and writes
nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from secretariat.assurance.models import Assessment
from secretariat.imports.models import OcrCorrection
from secretariat.imports.panel_report import ParsedReport, parse_report
from secretariat.imports.sources import read_source
from secretariat.imports.text import ImportProblem
from secretariat.reports.counts import monthly_counts
from secretariat.reports.periods import Period, month_end, month_name


@dataclass
class CountCheck:
    sentence: str
    document: int
    register: int | None  # None: the register holds nothing to check against

    @property
    def agrees(self) -> bool:
        return self.register is None or self.register == self.document


@dataclass
class ReportReading:
    name: str
    parsed: ParsedReport
    checks: list[CountCheck] = field(default_factory=list)


def read_report(name: str, data: bytes) -> ReportReading:
    """The report's structure, the OCR corrections applied and its counts checked, or an
    ImportProblem naming the file's line or part."""
    table = list(OcrCorrection.objects.values_list("wrong", "right"))
    source = read_source(name, data)
    parsed = parse_report(source.text, corrections=table)
    parsed.warnings[:0] = source.warnings
    reading = ReportReading(name, parsed)
    register_holds = Assessment.objects.exists()
    for count in parsed.counts:
        number = None
        if register_holds:
            period = Period(count.month, month_end(count.month))
            number = monthly_counts(count.kind, period)[0].number
        reading.checks.append(CountCheck(count.sentence, count.number, number))
    return reading


def describe(reading: ReportReading) -> list[str]:
    parsed = reading.parsed
    when = f"{parsed.date.day} {parsed.date:%B %Y}" if parsed.date else "no date"
    lines = [
        f"{parsed.title or 'a report'} ({parsed.action or 'no action line'}), by "
        f"{parsed.author or 'no author'}, {parsed.team or 'no team'}, {when}"
    ]
    for section in parsed.sections:
        lines.append(f"section {section.number}. {section.title}")
        for part in section.parts:
            headings = [h.heading for h in part.highlights if h.heading]
            lines.append(
                f"  {part.number} {part.title}: "
                + (f"{len(headings)} highlights ({'; '.join(headings)})" if headings else "text")
            )
    for recommendation in parsed.recommendations:
        lines.append(f"recommendation: {recommendation}")
    for attachment in parsed.attachments:
        lines.append(f"attachment: {attachment}")
    for correction in parsed.corrections:
        lines.append(f"corrected {correction}")
    for check in reading.checks:
        if check.register is None:
            lines.append(f"count not checked (the register is empty): {check.sentence!r}")
        elif check.agrees:
            lines.append(f"count agrees with the register: {check.sentence!r}")
        else:
            month = month_name(check_month(reading, check))
            lines.append(
                f"count DISAGREES: the report says {check.document}, the register "
                f"{check.register} for {month}: {check.sentence!r}"
            )
    return lines


def check_month(reading: ReportReading, check: CountCheck):
    return next(c.month for c in reading.parsed.counts if c.sentence == check.sentence)


__all__ = ["ImportProblem", "ReportReading", "describe", "read_report"]
