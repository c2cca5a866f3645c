"""Reads for publishing: who may edit a meeting's documents, and what has been published."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Max, Min

from secretariat.labels.models import Label
from secretariat.meetings.access import editor_role
from secretariat.meetings.models import Meeting
from secretariat.publishing.models import PublicationRecord, Withdrawal


def published(
    meeting: Meeting, kind: str, *, with_snapshots: bool = False
) -> list[PublicationRecord]:
    """Every published version of one document, oldest first; with their frozen documents
    when the caller will show one of them (a document has few versions)."""
    records = PublicationRecord.objects.filter(meeting=meeting, kind=kind).select_related(
        "withdrawal"
    )
    if not with_snapshots:
        records = records.defer("snapshot")
    return list(records.order_by("number"))


def published_version(meeting: Meeting, kind: str, number: int | None) -> PublicationRecord | None:
    """Version `number` (withdrawn or not), or the latest still standing when None."""
    records = PublicationRecord.objects.filter(meeting=meeting, kind=kind).select_related(
        "withdrawal"
    )
    if number is not None:
        return records.filter(number=number).first()
    return records.filter(withdrawal__isnull=True).order_by("-number").first()


def _public():
    return PublicationRecord.objects.filter(
        label=Label.WHITE, audience="public", meeting__label=Label.WHITE
    )


def public_records():
    """The ledger's public documents still standing: WHITE, for the public, of meetings the
    public may know, and not withdrawn."""
    return _public().filter(withdrawal__isnull=True).select_related("meeting__body")


def public_withdrawals():
    """The withdrawals of public documents, newest first: the feed's deletion entries."""
    return Withdrawal.objects.filter(publication__in=_public()).select_related(
        "publication__meeting__body"
    )


@dataclass(frozen=True, eq=False)
class PortalBody:
    """What the portal shows of a body: its heading (a key of the portal by identity)."""

    name: str
    display_code: str


@dataclass
class PortalVersion:
    """One published version of a public document, as the portal lists it: the ledger row's
    columns the page shows, read without building the row (a year lists a hundred or more)."""

    meeting_id: int
    meeting_reference: str
    meeting_date: dt.date
    kind: str
    number: int
    title: str
    published_at: dt.datetime


@dataclass
class PortalEntry:
    """One public document: its latest published version and all its versions, oldest first."""

    record: PortalVersion
    versions: list[PortalVersion]
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


_PORTAL_COLUMNS = (
    "meeting_id",
    "meeting__reference",
    "meeting__date",
    "kind",
    "number",
    "title",
    "published_at",
    "meeting__body_id",
    "meeting__body__name",
    "meeting__body__short_name",
    "meeting__body__code",
)


def portal_entries(year: int | None = None) -> OrderedDict:
    """{body: {year: [an entry per document, newest meeting first]}}, for one year's meetings
    when `year` is given: a twenty-year archive holds thousands of documents. One query, of the
    columns the page shows alone (no snapshots, hashes or chain fields decoded)."""
    records = public_records()
    if year is not None:
        records = records.filter(meeting__date__year=year)
    rows = records.order_by(
        "meeting__body__position", "meeting__body__code", "-meeting__date", "kind", "number"
    ).values_list(*_PORTAL_COLUMNS)
    portal: OrderedDict = OrderedDict()
    bodies: dict[int, PortalBody] = {}
    by_document: dict[tuple[int, str], PortalEntry] = {}
    for row in rows:
        meeting_id, reference, date, kind, number, title, published_at = row[:7]
        body_id, name, short_name, code = row[7:]
        version = PortalVersion(meeting_id, reference, date, kind, number, title, published_at)
        entry = by_document.get((meeting_id, kind))
        if entry is not None:
            # Versions come oldest first: the last one read is the latest.
            entry.versions.append(version)
            entry.record = version
            continue
        body = bodies.get(body_id)
        if body is None:
            body = bodies[body_id] = PortalBody(name, short_name or code)
        entry = by_document[(meeting_id, kind)] = PortalEntry(version, [version])
        portal.setdefault(body, OrderedDict()).setdefault(date.year, []).append(entry)
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

    # A document whose every version is withdrawn is not listed (its address answers 410).
    kinds_published = set(
        PublicationRecord.objects.filter(meeting=meeting, withdrawal__isnull=True)
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
