"""`secretariat verify_publications`: re-render every published version from its frozen snapshot
and check it against the hashes in the ledger. Exits non-zero on any mismatch."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from secretariat.publishing.models import PublicationRecord
from secretariat.publishing.services import verify_record


class Command(BaseCommand):
    summary = "Re-render every published version and check it against the ledger."
    help = (
        "Re-render every published version from the ledger and check its content hash; "
        "exit with status 1 if any does not match."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reference", help="Only the publications of this meeting.")

    def handle(self, *args, reference=None, **options):
        records = PublicationRecord.objects.select_related("meeting").order_by("id")
        if reference:
            records = records.filter(meeting__reference=reference)
        checked = failed = 0
        for record in records.iterator(chunk_size=50):
            checked += 1
            name = f"{record.meeting.reference} {record.kind} v{record.number}"
            problems = verify_record(record)
            if problems:
                failed += 1
                self.stderr.write(f"MISMATCH {name}: " + "; ".join(problems))
            else:
                self.stdout.write(f"ok       {name} {record.content_hash}")
        if failed:
            raise CommandError(f"{failed} of {checked} published versions do not match the ledger.")
        self.stdout.write(self.style.SUCCESS(f"{checked} published versions match the ledger."))
