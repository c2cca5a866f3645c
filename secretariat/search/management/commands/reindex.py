"""`secretariat reindex`: rebuild the search index from the records."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from secretariat.core.progress import TerminalProgress
from secretariat.search.index import rebuild


class Command(BaseCommand):
    summary = "Rebuild the search index from every record."
    help = (
        "Rebuild the search index from every record: meetings, agenda items, outcomes, actions, "
        "papers (with the text of their PDF and Word files), the registers and the publications. "
        "Saves through the services keep the index in step; run this after writes that bypass "
        "them (a restore, a bulk import) or after an upgrade that changes what is indexed."
    )

    def handle(self, *args, **options):
        written = rebuild(progress=TerminalProgress(self.stdout))
        self.stdout.write(f"Indexed {written} fragments.")
