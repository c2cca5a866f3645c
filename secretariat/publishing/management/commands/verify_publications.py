"""`secretariat verify_publications`: check the ledger's keyed chains (the published versions,
their frozen records and withdrawals: audit/chain.py), then re-render every published version
from its frozen snapshot and check it against the hashes in the ledger. Exits non-zero on any
mismatch, naming the row and what differs."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from secretariat.audit import chain
from secretariat.publishing.models import FrozenRecord, PublicationRecord, Withdrawal
from secretariat.publishing.verification import verify_record


def _version(record: PublicationRecord) -> str:
    return f"{record.meeting.reference} {record.kind} v{record.number}"


# Each chain of the ledger, with how its rows are named in what verify says.
CHAINS = (
    ("ledger", PublicationRecord, _version),
    ("frozen records", FrozenRecord, lambda row: f"of publication {row.publication_id}"),
    ("withdrawals", Withdrawal, lambda row: f"of publication {row.publication_id}"),
)


class Command(BaseCommand):
    summary = "Check the ledger's chains, re-render every published version and check it."
    help = (
        "Walk the publication ledger's keyed chains with SECRETARIAT_CHAIN_KEY (every row as "
        "written, none missing or moved), re-render every published version from the ledger "
        "and check its content hash; exit with status 1 if anything does not match. --head "
        "N:LINK checks the ledger against a head copied from the public feed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reference", help="Only re-render the publications of this meeting.")
        parser.add_argument("--head", help="COUNT:LINK, the ledger's head copied from the feed.")

    def handle(self, *args, reference=None, head=None, **options):
        failed = 0
        for name, model, describe in CHAINS:
            rows = (
                model._base_manager.select_related("meeting")
                if model is PublicationRecord
                else model._base_manager.all()
            ).order_by("chain_index", "pk")
            problems = chain.verify(model, describe, rows=rows.iterator(chunk_size=200))
            if head and model is PublicationRecord:
                try:
                    problems += chain.head_problems(model, head)
                except ValueError as error:
                    raise CommandError(str(error)) from None
            for problem in problems:
                self.stderr.write(f"MISMATCH {name}: {problem}")
            failed += len(problems)
        records = PublicationRecord.objects.select_related("meeting").order_by("id")
        if reference:
            records = records.filter(meeting__reference=reference)
        checked = 0
        for record in records.iterator(chunk_size=50):
            checked += 1
            problems = verify_record(record)
            if problems:
                failed += 1
                self.stderr.write(f"MISMATCH {_version(record)}: " + "; ".join(problems))
            else:
                self.stdout.write(f"ok       {_version(record)} {record.content_hash}")
        if failed:
            raise CommandError(
                f"{failed} mismatch(es): published versions or ledger rows do not match the ledger."
            )
        count, link = chain.head_of(PublicationRecord)
        self.stdout.write(
            self.style.SUCCESS(
                f"{checked} published versions match the ledger. Its chain holds "
                f"({count} rows, head {link[:16]}…)."
            )
        )
