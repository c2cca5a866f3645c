"""`secretariat verify_audit`: check the audit log's keyed chain (audit/chain.py). Exits non-zero
naming each event that was changed, moved or deleted since it was written."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from secretariat.audit import chain
from secretariat.audit.models import AuditEvent


def _event(event: AuditEvent) -> str:
    return f"{event.verb} {event.object_type}:{event.object_id}"


class Command(BaseCommand):
    summary = "Check the audit log's keyed chain: every event as written, none missing."
    help = (
        "Walk the audit log's chain with SECRETARIAT_CHAIN_KEY and name every event changed, "
        "moved or deleted since it was written; exit with status 1 if any is. --head N:LINK "
        "checks the chain against a head kept outside."
    )

    def add_arguments(self, parser):
        parser.add_argument("--head", help="COUNT:LINK, a head copied earlier, to compare.")

    def handle(self, *args, head=None, **options):
        problems = chain.verify(AuditEvent, _event)
        if head:
            try:
                problems += chain.head_problems(AuditEvent, head)
            except ValueError as error:
                raise CommandError(str(error)) from None
        for problem in problems:
            self.stderr.write(f"MISMATCH audit log: {problem}")
        count, link = chain.head_of(AuditEvent)
        if problems:
            raise CommandError(f"The audit log's chain does not hold: {len(problems)} problem(s).")
        self.stdout.write(
            self.style.SUCCESS(f"{count} audit events hold in their chain (head {link[:16]}…).")
        )
