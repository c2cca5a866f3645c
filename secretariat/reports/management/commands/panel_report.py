"""`secretariat panel_report 2019-06 --format pdf -o out.pdf`, `--appendix`, `--compile-only`."""

from __future__ import annotations

import datetime as dt
import re

from django.core.management.base import BaseCommand, CommandError

from secretariat.documents import snapshot
from secretariat.documents.renderers import FORMATS, render
from secretariat.meetings.models import Meeting
from secretariat.publishing.output import write_output
from secretariat.reports import selectors, services
from secretariat.reports.compiler import REPORT_LABEL, compile_report
from secretariat.reports.documents import prepare
from secretariat.reports.models import Part

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class Command(BaseCommand):
    summary = "Compile and render the monthly SEC Panel Sub-Committee Report."
    help = (
        "Compile the SEC Panel Sub-Committee Report for the Panel meeting of a month (YYYY-MM) "
        "and render it, or its confidential Appendix A, for its audience as Markdown, HTML, PDF "
        "or Word, to a file or stdout. --compile-only prints the period, where each highlight "
        "went and the officer's edits against the compiled text, and renders nothing. Renders "
        "the current records as a draft, or the latest published version with --published."
    )

    def add_arguments(self, parser):
        parser.add_argument("month", help="The Panel meeting's month, e.g. 2019-06.")
        parser.add_argument(
            "--format", "-f", dest="fmt", default="md", help=f"One of: {', '.join(FORMATS)}."
        )
        parser.add_argument(
            "--output", "-o", default="-", help="File to write; '-' (the default) for stdout."
        )
        parser.add_argument(
            "--appendix",
            action="store_true",
            help="Appendix A (RED, for the secretariat and the Panel members present) instead "
            "of the report.",
        )
        parser.add_argument(
            "--published", action="store_true", help="The latest published version."
        )
        parser.add_argument(
            "--compile-only",
            action="store_true",
            help="Print where each highlight went and the officer's edits; render nothing.",
        )

    def handle(self, *args, month, fmt, output, appendix, published, compile_only, **options):
        match = MONTH.match(month)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise CommandError(f"{month!r} is not a month: give it as YYYY-MM, e.g. 2019-06.")
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}: use {', '.join(FORMATS)}.")
        first = dt.date(int(match.group(1)), int(match.group(2)), 1)
        meeting = (
            Meeting.objects.filter(
                body__parent__isnull=True, date__year=first.year, date__month=first.month
            )
            .select_related("body")
            .order_by("date")
            .first()
        )
        if meeting is None:
            raise CommandError(f"The Panel has no meeting in {first:%B %Y}.")
        report = selectors.report_of(meeting)
        part = Part.APPENDIX_A if appendix else Part.BODY
        if published:
            record = selectors.published_version(report, part, None)
            if record is None:
                raise CommandError(f"{Part(part).label} for {first:%B %Y} is not published.")
            projected = snapshot.load(record.snapshot)
        else:
            compiled = compile_report(report or services.draft_report(meeting))
            if compile_only:
                self._explain(compiled, saved=report is not None)
                return
            projected = prepare(compiled, part)
        self._write(render(projected, fmt), output, FORMATS[fmt].binary)

    def _explain(self, compiled, *, saved: bool) -> None:
        report = compiled.report
        write = self.stdout.write
        write(
            f"SEC Panel Sub-Committee Report for {report.meeting.reference} "
            f"({report.month:%B %Y}){'' if saved else ', not opened yet (defaults)'}"
        )
        write(
            f"Period: {compiled.period.words} ({compiled.period.start} to {compiled.period.end}); "
            f"paper dated {report.report_date}; report label {REPORT_LABEL.name}."
        )
        write("Highlights:")
        for placement in compiled.placements:
            write(f"  {placement.line()}")
        if not compiled.placements:
            write("  none marked for the Panel in the period.")
        for warning in compiled.warnings:
            write(f"Warning: {warning}")
        for edit in compiled.edits:
            write(f"Edited {edit.number} {edit.title} by {edit.written_by or 'the system'}:")
            for line in edit.diff or ["  (no difference from the compiled text)"]:
                write(f"  {line}")
            if edit.records_changed:
                write("  The records changed after the edit:")
                for line in edit.records_diff:
                    write(f"  {line}")

    def _write(self, data: bytes, output: str, binary: bool) -> None:
        write_output(self, data, output, binary)
