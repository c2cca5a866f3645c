"""`secretariat restore FILE`: put a backup in place of the workspace, then verify it."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from secretariat.core.backup import BackupError, restore


def verify_commands() -> list[str]:
    # Every app that keeps a verifiable record offers a `verify_*` command; found by name so that
    # the core needs no knowledge of the layers above it.
    return sorted(name for name in get_commands() if name.startswith("verify_"))


class Command(BaseCommand):
    # It makes the workspace's tables itself, from the backup: a fresh data folder will do.
    needs_workspace = False
    help = (
        "Restore a backup made by `secretariat backup` into this workspace, then run every "
        "verify_ command. Refuses a workspace that holds anything, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file to read.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Drop the workspace's schema, records and uploaded files and restore in their place.",
        )

    def handle(self, *args, file: str, force: bool, **options):
        try:
            manifest = restore(Path(file), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest['tables'])} tables and "
            f"{manifest['media_files']} uploaded files from the backup of {manifest['taken_at']}."
        )
        for name in verify_commands():
            # A failed verification raises CommandError: the exit status says the restored
            # record does not hold, and its output which record.
            call_command(name, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(self.style.SUCCESS(f"Verified: {', '.join(verify_commands())}."))
