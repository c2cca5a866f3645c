"""The agenda pack: the meeting's agenda as the reader may read it, then each PDF paper they may
read (its latest version), merged into one PDF; the other files are listed in the agenda with
their addresses. Every paper that goes into a pack is a delivery, recorded like a download."""

from __future__ import annotations

import io

from django.urls import reverse

from secretariat.documents.labelled import Document, Paragraph, Section, Text, project
from secretariat.documents.renderers import render
from secretariat.labels.access import Reader
from secretariat.meetings.access import meeting_scope
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.workspace.paper_models import PaperDownload, PaperFile
from secretariat.workspace.papers import paper_scope, readable_papers, record_download, title_for


def _readable_pdf(data: bytes) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(io.BytesIO(data)).pages) > 0
    except (PyPdfError, ValueError, OSError):
        return False


def _agenda(reader: Reader, meeting: Meeting, entries: dict[int, list[Paragraph]]) -> Document:
    scope = meeting_scope(meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting, parent__isnull=True).order_by("number"))
    sections = []
    for item in items:
        heading = Text(
            item.title or f"Item {item.number}",
            label=item.title_label,
            scope=scope,
            withheld=f"Item {item.number} (restricted)",
        )
        blocks: list[Paragraph] = []
        if item.presenter:
            blocks.append(
                Paragraph(
                    (Text(f"Presented by {item.presenter}", label=item.label, scope=scope),),
                    "meta",
                )
            )
        blocks += entries.get(item.pk, [])
        sections.append(
            Section(heading=heading, number=str(item.number), blocks=tuple(blocks), scope=scope)
        )
    when = f"{meeting.date:%-d %B %Y}"
    return Document(
        kind="agenda-pack",
        title=f"Agenda pack: {meeting.body.display_code} meeting {meeting.number}, {when}",
        header=(
            Paragraph(
                (
                    Text(
                        f"{meeting.body.name}, meeting {meeting.number}, {when}"
                        + (f", {meeting.location}" if meeting.location else "")
                        + f". Prepared for {reader_name(reader)}: the papers you may read."
                    ),
                ),
                "meta",
            ),
        ),
        sections=tuple(sections),
        meta={
            # Sections are headings of the third level, under the title and this subtitle.
            "subtitle": "Agenda and papers",
            "kind_title": "Agenda pack",
            "body_name": meeting.body.name,
            "reference": meeting.reference,
            "date": when,
            "file_stem": f"{meeting.reference}_agenda_pack",
        },
    )


def reader_name(reader: Reader) -> str:
    return "the public" if not reader.is_authenticated else "you"


def agenda_pack(reader: Reader, meeting: Meeting, user) -> bytes:
    """The pack as this reader may read it; each paper merged into it is recorded."""
    from pypdf import PdfReader, PdfWriter

    rows = [
        (item, paper, getattr(paper, "versions")[0])  # noqa: B009 (prefetched to_attr)
        for item, paper in readable_papers(reader, meeting)
        if getattr(paper, "versions", None)
    ]
    pdf_ids = [file.pk for _, _, file in rows if file.extension == "pdf"]
    data = {
        pk: bytes(raw)
        for pk, raw in PaperFile.objects.filter(pk__in=pdf_ids).values_list("pk", "data")
    }
    merged: list[tuple[PaperFile, bytes]] = []
    entries: dict[int, list[Paragraph]] = {}
    for item, paper, file in rows:
        title = title_for(reader, paper)
        if file.pk in data and _readable_pdf(data[file.pk]):
            merged.append((file, data[file.pk]))
            where = "in this pack"
        else:
            where = "a separate file: " + reverse("workspace:paper-file", args=[file.pk])
        owner = item.parent_id or item.pk
        entries.setdefault(owner, []).append(
            Paragraph(
                (
                    # At the paper's own label: the pack is marked with the highest it holds.
                    Text(
                        f"Paper {paper.reference} (version {file.number}): {title} — {where}",
                        label=paper.label,
                        scope=paper_scope(paper),
                    ),
                ),
            )
        )
    agenda = render(project(_agenda(reader, meeting, entries), reader), "pdf")
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(agenda)))
    for _, pdf in merged:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    for file, _ in merged:
        record_download(user=user, file=file, via=PaperDownload.Via.PACK)
    return out.getvalue()
