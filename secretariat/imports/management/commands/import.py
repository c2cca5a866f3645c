"""`secretariat import headlines FILE...` and `secretariat import panel-report FILE`."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from secretariat.core.services import IMPORTER, ServiceError
from secretariat.directory.models import Person
from secretariat.imports.services import headlines_import


class Command(BaseCommand):
    help = (
        "Import legacy documents into records: Meeting Headlines (Markdown, Word, PDF or plain "
        "text) become a meeting with its items, labels, sub-points and outcomes. One transaction "
        "a file; the same file again changes nothing."
    )

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{headlines}")
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

    def _user(self, username: str | None, option: str):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"{option}: there is no user {username!r}.")
        return user

    def handle(self, *args, kind, files, as_user, minuted_by, dry_run, update, **options):
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
