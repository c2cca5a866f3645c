"""`secretariat import headlines FILE...` and `secretariat import panel-report FILE`."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from secretariat.core.services import IMPORTER, ServiceError
from secretariat.directory.models import Person
from secretariat.imports.services import headlines_import


class Command(BaseCommand):
    summary = "Import legacy Meeting Headlines and Panel reports (Markdown, Word, PDF, text)."
    help = (
        "Import legacy documents into records: Meeting Headlines (Markdown, Word, PDF or plain "
        "text) become a meeting with its items, labels, sub-points and outcomes; a Panel report "
        "becomes the published report of its Panel meeting. One transaction a file; the same "
        "file again changes nothing."
    )

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(
            dest="kind", required=True, metavar="{headlines,panel-report}"
        )
        headlines = kinds.add_parser(
            "headlines", help="Meeting Headlines files.", description=self.help
        )
        headlines.add_argument("files", nargs="+", metavar="FILE")
        headlines.add_argument(
            "--as", dest="as_user", metavar="USER", help="Record the import as this user."
        )
        headlines.add_argument(
            "--minuted-by",
            metavar="USER",
            help="Record this officer as the meeting's secretariat attendance, so that they may "
            "complete its restricted record.",
        )
        headlines.add_argument(
            "--dry-run", action="store_true", help="Show what would be created; write nothing."
        )
        headlines.add_argument(
            "--update",
            action="store_true",
            help="Apply a changed file to a meeting that exists (restricted text is kept).",
        )

        report = kinds.add_parser(
            "panel-report",
            help="A monthly SEC Panel Sub-Committee Report, as a published version.",
            description="Import a Panel report (Word, PDF or text, OCR noise corrected through "
            "the correction table) as the published report of its Panel meeting: each section "
            "of the report's layout takes the file's text, the version is published on the "
            "paper's date, and its count sentences are checked against the register. Appendix "
            "A is not in the file and is left for officers. One transaction; the same file "
            "again changes nothing.",
        )
        report.add_argument("files", nargs=1, metavar="FILE")
        report.add_argument(
            "--as",
            dest="as_user",
            metavar="USER",
            help="The secretariat officer of the Panel who publishes it (required to write: the "
            "ledger names a publisher).",
        )
        report.add_argument(
            "--panel-meeting",
            metavar="REFERENCE",
            help="The Panel meeting it went to (default: the Panel's first meeting within 31 "
            "days of the paper's date, or a new one dated as the layout says).",
        )
        report.add_argument(
            "--dry-run", action="store_true", help="Read, check and show; write nothing."
        )
        report.add_argument(
            "--update",
            action="store_true",
            help="Publish a changed file as a corrected version of a report already published.",
        )

    def _user(self, username: str | None, option: str):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"{option}: there is no user {username!r}.")
        return user

    def handle(self, *args, kind, files, dry_run, **options):
        if kind == "panel-report":
            return self._panel_report(Path(files[0]), dry_run=dry_run, **options)
        return self._headlines(files, dry_run=dry_run, **options)

    def _panel_report(self, path: Path, *, dry_run: bool, as_user, panel_meeting, update, **_):
        from secretariat.imports.report_writer import report_import

        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        actor = self._user(as_user, "--as")
        if actor is None:
            if not dry_run:
                raise CommandError(
                    "--as: name the secretariat officer of the Panel who publishes the report "
                    "(the ledger names a publisher); or use --dry-run to read and check it."
                )
            actor = IMPORTER
        try:
            if actor is IMPORTER:
                result = self._read_only(path)
            else:
                result = report_import(
                    actor=actor,
                    name=path.name,
                    data=path.read_bytes(),
                    panel_meeting=panel_meeting,
                    dry_run=dry_run,
                    update=update,
                )
        except ServiceError as error:
            said = [message for messages in error.message_dict.values() for message in messages]
            raise CommandError(
                "\n".join([*said, f"{path.name} was not imported; nothing of it was written."])
            ) from None
        for warning in result.warnings:
            self.stdout.write(f"  warning: {path.name}: {warning}")
        if result.unchanged:
            self.stdout.write(
                f"{path.name}: already imported as the report of {result.reference}; nothing "
                "changed."
            )
            return
        self.stdout.write(
            f"{path.name} → {result.reference or 'its Panel meeting'}"
            + (" (dry run: nothing written)" if dry_run else "")
        )
        for line in result.lines():
            self.stdout.write(f"  {line}")
        verb = "would create" if dry_run else "created"
        for line in result.created:
            self.stdout.write(f"  {verb} {line}")
        for line in result.updated:
            self.stdout.write(f"  {'would update' if dry_run else 'updated'} {line}")
        if dry_run and not all(check.agrees for check in result.reading.checks):
            raise CommandError(f"{path.name}: its counts disagree with the register (see above).")

    def _read_only(self, path: Path):
        """A dry run with no officer named: read and check, as any reader of the file could."""
        from secretariat.imports.report_writer import ReportImport
        from secretariat.imports.reports import read_report
        from secretariat.imports.text import ImportProblem

        try:
            reading = read_report(path.name, path.read_bytes())
        except ImportProblem as error:
            raise ServiceError({"file": f"{path.name}: {error}"}) from None
        return ReportImport(
            name=path.name, reading=reading, warnings=list(reading.parsed.warnings), dry_run=True
        )

    def _headlines(self, files, *, dry_run, as_user, minuted_by, update, **options):
        actor = self._user(as_user, "--as") or IMPORTER
        officer = None
        if minuted_by:
            user = self._user(minuted_by, "--minuted-by")
            officer = Person.objects.filter(user=user).first()
            if officer is None:
                raise CommandError(
                    f"--minuted-by: {minuted_by!r} is not a person of the directory."
                )
        failed = 0
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file.")
            try:
                report = headlines_import(
                    actor=actor,
                    name=path.name,
                    data=path.read_bytes(),
                    minuted_by=officer,
                    dry_run=dry_run,
                    update=update,
                )
            except ServiceError as error:
                failed += 1
                for messages in error.message_dict.values():
                    for message in messages:
                        self.stderr.write(message)
                continue
            self._report(report)
        if failed:
            raise CommandError(
                f"{failed} of {len(files)} files were not imported; nothing of them was written."
            )

    def _report(self, report) -> None:
        for warning in report.warnings:
            self.stdout.write(f"  warning: {report.name}: {warning}")
        if report.unchanged:
            self.stdout.write(
                f"{report.name}: already imported as {report.reference}; nothing changed."
            )
            return
        verb = "would create" if report.dry_run else "created"
        self.stdout.write(
            f"{report.name} → {report.reference}"
            + (" (dry run: nothing written)" if report.dry_run else "")
        )
        for line in report.created:
            self.stdout.write(f"  {verb} {line}")
        for line in report.updated:
            self.stdout.write(f"  {'would update' if report.dry_run else 'updated'} {line}")
