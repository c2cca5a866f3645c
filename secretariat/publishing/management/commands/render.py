"""`secretariat render SSC_72_2702 headlines --format pdf --audience public -o headlines.pdf`"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from secretariat.documents import snapshot
from secretariat.documents.renderers import FORMATS, render
from secretariat.labels.models import Label
from secretariat.meetings.models import Meeting
from secretariat.publishing.audiences import AUDIENCES, audience_named
from secretariat.publishing.builders import kind_named, meeting_kinds, prepare
from secretariat.publishing.output import write_output
from secretariat.publishing.selectors import published_version


class Command(BaseCommand):
    summary = "Render a meeting's Headlines or Minutes for an audience in any format."
    help = (
        "Render a meeting's Meeting Headlines, Minutes or Confidential Minutes for an audience "
        "(public, members or attendees) as HTML, Markdown, PDF or Word, to a file or stdout. "
        "Renders the current record as a draft, or a published version with --published N/--latest."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The meeting, e.g. SSC_72_2702.")
        parser.add_argument(
            "document", help=f"One of: {', '.join(kind.slug for kind in meeting_kinds())}."
        )
        parser.add_argument(
            "--format", "-f", dest="fmt", default="md", help=f"One of: {', '.join(FORMATS)}."
        )
        parser.add_argument(
            "--audience",
            "-a",
            default=None,
            help=f"One of: {', '.join(AUDIENCES)} (default: the document's own audience).",
        )
        parser.add_argument(
            "--output", "-o", default="-", help="File to write; '-' (the default) for stdout."
        )
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--published", dest="number", type=int, metavar="N", help="Published version N."
        )
        which.add_argument("--latest", action="store_true", help="The latest published version.")

    def handle(self, *args, reference, document, fmt, audience, output, number, latest, **options):
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}: use {', '.join(FORMATS)}.")
        try:
            kind = kind_named(document)
        except ValueError as error:
            raise CommandError(str(error)) from None
        meeting = Meeting.objects.select_related("body").filter(reference=reference).first()
        if meeting is None:
            raise CommandError(f"No meeting {reference!r}: give a reference like SSC_72_2702.")
        if audience is not None and audience not in AUDIENCES:
            raise CommandError(f"Unknown audience {audience!r}: use {', '.join(AUDIENCES)}.")
        if number is not None or latest:
            record = published_version(meeting, kind.slug, number)
            if record is None:
                which = f"version {number}" if number is not None else "no published version"
                raise CommandError(f"{reference} {kind.title}: {which} is not published.")
            if audience is not None and audience != record.audience:
                raise CommandError(
                    f"{reference} {kind.title} version {record.number} was published for "
                    f"{record.audience}, not {audience}."
                )
            projected = snapshot.load(record.snapshot)
            # The bytes the ledger hashed: each format as its recorded output version renders it.
            version = record.renderers.get(fmt)
        else:
            version = None
            viewer = audience_named(audience, meeting) if audience else kind.audience_for(meeting)
            if Label(meeting.label) > viewer.ceiling:
                raise CommandError(
                    f"{reference} is labelled {Label(meeting.label).name}: no document of it can "
                    f"be rendered for the {viewer.name} audience."
                )
            projected = prepare(kind, meeting, audience=viewer)
        self._write(render(projected, fmt, version), output, FORMATS[fmt].binary)

    def _write(self, data: bytes, output: str, binary: bool) -> None:
        write_output(self, data, output, binary)
