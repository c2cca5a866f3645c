"""`secretariat backup FILE`: the workspace, online, in one file (see core/backup.py)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from secretariat.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the workspace (database and uploaded files) to FILE while it serves: "
        "VACUUM INTO on SQLite, pg_dump on PostgreSQL. Keys from the environment are not in it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file to write (replaced if it exists).")

    def handle(self, *args, file: str, **options):
        started = time.monotonic()
        try:
            manifest = backup(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows in {len(manifest['tables'])} tables "
                f"({manifest['engine']}) and {manifest['media_files']} uploaded files to {file} "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
