"""Reads for publishing: who may edit a meeting's documents, and what has been published."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Max, Min

from secretariat.labels.models import Label
from secretariat.meetings.access import editor_role
from secretariat.meetings.models import Meeting
from secretariat.publishing.models import PublicationRecord


def published(
    meeting: Meeting, kind: str, *, with_snapshots: bool = False
) -> list[PublicationRecord]:
    """Every published version of one document, oldest first; with their frozen documents
    when the caller will show one of them (a document has few versions)."""
    records = PublicationRecord.objects.filter(meeting=meeting, kind=kind)
    if not with_snapshots:
        records = records.defer("snapshot")
    return list(records.order_by("number"))


def published_version(meeting: Meeting, kind: str, number: int | None) -> PublicationRecord | None:
    """Version `number`, or the latest when None."""
    records = PublicationRecord.objects.filter(meeting=meeting, kind=kind)
    if number is not None:
        return records.filter(number=number).first()
    return records.order_by("-number").first()


def public_records():
    """The ledger's public documents: WHITE, for the public, of meetings the public may know."""
    return PublicationRecord.objects.filter(
        label=Label.WHITE, audience="public", meeting__label=Label.WHITE
    ).select_related("meeting__body")


@dataclass
class PortalEntry:
    """One public document: its latest published version and all its versions, oldest first."""

    record: PublicationRecord
    versions: list[PublicationRecord]
    page_url: str = ""
    downloads: list[tuple[str, str]] = field(default_factory=list)
    version_urls: list[tuple[int, str]] = field(default_factory=list)
    meeting_day: str = ""
    published_day: str = ""
    html: str = ""


def portal_years() -> list[int]:
    """The years from the first to the last meeting whose documents the public may read, newest
    first. From the index alone (see PublicationRecord's indexes)."""
    span = (
        public_records().order_by().aggregate(first=Min("meeting__date"), last=Max("meeting__date"))
    )
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def portal_entries(year: int | None = None) -> OrderedDict:
    """{body: {year: [an entry per document, newest meeting first]}}, for one year's meetings
    when `year` is given: a twenty-year archive holds thousands of documents."""
    records = public_records().defer("snapshot", "hashes")
    if year is not None:
        records = records.filter(meeting__date__year=year)
    records = list(
        records.order_by("meeting__body__position", "meeting__body__code", "-meeting__date", "kind")
    )
    by_document: dict[tuple[int, str], list[PublicationRecord]] = {}
    for record in records:
        by_document.setdefault((record.meeting_id, record.kind), []).append(record)
    portal: OrderedDict = OrderedDict()
    seen = set()
    for record in records:
        key = (record.meeting_id, record.kind)
        if key in seen:
            continue
        seen.add(key)
        versions = sorted(by_document[key], key=lambda r: r.number)
        body = record.meeting.body
        portal.setdefault(body, OrderedDict()).setdefault(record.meeting.date.year, []).append(
            PortalEntry(versions[-1], versions)
        )
    return portal


@dataclass
class DocumentLink:
    title: str
    url: str
    draft: bool


def documents_for(reader, user, meeting: Meeting) -> list[DocumentLink]:
    """The meeting's documents this reader may open: published ones within its audience, and
    drafts for the body's officers and chair. Two queries."""
    from secretariat.documents.kinds import kinds

    kinds_published = set(
        PublicationRecord.objects.filter(meeting=meeting)
        .order_by()
        .values_list("kind", flat=True)
        .distinct()
    )
    # Only the body's officers and chair may open drafts; skip asking for anyone else.
    role = editor_role(reader, meeting)
    links = []
    for kind in kinds():
        if kind.unavailable_reason(meeting) or not kind.audience_for(meeting).includes(reader):
            continue
        if kind.slug in kinds_published or role is not None:
            links.append(
                DocumentLink(
                    kind.title, kind.page_url(meeting), draft=kind.slug not in kinds_published
                )
            )
    return links
