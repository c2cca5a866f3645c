"""The documents of a meeting at `/meetings/<reference>/<document>[.md|.pdf|.docx]`, the public
portal and its feed.

Which version an address shows:
* readers get the latest published version; `?version=N` shows an earlier one (every published
  version stays readable);
* the body's secretariat officers and its chair may preview the live draft with `?draft`, and get
  it by default while nothing is published yet, marked as a draft in the document itself;
* anybody else, for a document not yet published, gets 404, as for one that does not exist.

Who may open an address at all is the document's audience, asked of the one door: the Meeting
Headlines are public (for a meeting the reader may know of), the Minutes need the members' AMBER
in the meeting's scope, the Confidential Minutes need its RED (those recorded present).
"""

from __future__ import annotations

from collections import OrderedDict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from secretariat.core.services import ServiceError
from secretariat.documents import kinds, snapshot
from secretariat.documents.labelled import Projected
from secretariat.documents.renderers import FORMATS, file_name
from secretariat.documents.renderers import render as render_format
from secretariat.documents.renderers.html import render_fragment
from secretariat.documents.text import long_date
from secretariat.labels.models import Label
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import editor_role, get_meeting_or_404
from secretariat.meetings.links import item_links
from secretariat.publishing import cache as records
from secretariat.publishing import frozen, rendered
from secretariat.publishing.audiences import ForReader, audience_named
from secretariat.publishing.builders import kind_named, prepare
from secretariat.publishing.deliveries import delivery_record
from secretariat.publishing.models import FrozenRecord, PublicationRecord
from secretariat.publishing.record import item_anchor
from secretariat.publishing.selectors import (
    documents_for,
    portal_entries,
    portal_years,
    published,
)
from secretariat.publishing.withdrawals import Gone, publication_withdraw, reason_for, standing

DOWNLOADS = (("md", "Markdown"), ("pdf", "PDF"), ("docx", "Word"))


@require_GET
def meeting_detail(request: ReaderRequest, reference: str) -> HttpResponse:
    """The meeting's live record, projected for the reader, with the documents they may open."""
    read = records.Read.start(request.reader)
    meeting = get_meeting_or_404(request.reader, reference)
    document, body = read.page(meeting, lambda: _record_links(request, meeting))
    documents = documents_for(request.reader, request.user, meeting)
    return render(
        request,
        "meetings/meeting.html",
        {"meeting": meeting, "document": document, "body": body, "documents": documents},
    )


def _record_links(request: ReaderRequest, meeting) -> dict[str, str]:
    """The register records each item considers, as a line of links by the item's anchor on
    the page, for items and records the reader may both read (the registers answer through
    meetings/links.py)."""
    by_number = item_links(request.reader, meeting)
    return {
        item_anchor(number): format_html(
            '<p class="meta register-links">On the register: {}</p>',
            format_html_join(
                " · ", '<a href="{}">{}</a>', ((link.url, link.text) for link in links)
            ),
        )
        for number, links in by_number.items()
        if links
    }


class Chosen:
    def __init__(
        self, projected: Projected, record=None, draft: bool = False, per_reader: bool = False
    ):
        self.projected = projected
        self.record = record
        self.draft = draft
        # Projected for this reader from a frozen record: each such read is a delivery.
        self.per_reader = per_reader

    @property
    def query(self) -> str:
        if self.draft:
            return "?draft"
        if self.record is not None:
            return f"?version={self.record.number}"
        return ""


def _open(request: ReaderRequest, reference: str, kind_slug: str):
    meeting = get_meeting_or_404(request.reader, reference)
    try:
        kind = kind_named(kind_slug)
    except ValueError:
        raise Http404("No such document.") from None
    if kind.unavailable_reason(meeting) or not kind.audience_for(meeting).includes(request.reader):
        raise Http404("No such document.")
    return meeting, kind, editor_role(request.reader, meeting)


def _choose(request: ReaderRequest, meeting, kind, role, versions) -> Chosen:
    """`versions`: every published version, oldest first, snapshots loaded (one query)."""
    number = request.GET.get("version")
    if number is not None:
        if not number.isdigit():
            raise Http404("No such version.")
        record = next((r for r in versions if r.number == int(number)), None)
        if record is None:
            raise Http404("No such version.")
        if record.withdrawn is not None:
            raise Gone(record.withdrawn, _latest(standing(versions)))
        return _published(request, meeting, kind, record)
    if "draft" in request.GET:
        if role is None:
            raise Http404("No such document.")
        return Chosen(prepare(kind, meeting, reader=request.reader), draft=True)
    record = _latest(standing(versions))
    if record is not None:
        return _published(request, meeting, kind, record)
    last = versions[-1].withdrawn if versions else None
    if last is not None:
        # Every published version is withdrawn: the address is gone, for editors too (their
        # draft preview stays at ?draft).
        raise Gone(last)
    if role is not None:
        return Chosen(prepare(kind, meeting, reader=request.reader), draft=True)
    raise Http404("Not published.")


def _latest(records):
    return records[-1] if records else None


def gone(request: ReaderRequest, meeting, kind, error: Gone) -> HttpResponse:
    """410 Gone for a withdrawn version: which version, when, the reason if its label admits the
    reader, and where the latest version still standing is. Nothing of the content."""
    withdrawal = error.withdrawal
    standing_url = None
    if error.standing is not None:
        standing_url = f"{kind.page_url(meeting)}?version={error.standing.number}"
    response = render(
        request,
        "publishing/withdrawn.html",
        {
            "meeting": meeting,
            "kind": kind,
            "number": withdrawal.publication.number,
            "withdrawn_on": long_date(timezone.localtime(withdrawal.withdrawn_at).date()),
            "reason": reason_for(request.reader, withdrawal),
            "standing_url": standing_url,
            "page_url": kind.page_url(meeting),
        },
        status=410,
    )
    # What the notice says depends on who reads it (the reason's label).
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def _published(request: ReaderRequest, meeting, kind, record) -> Chosen:
    """A published version for this reader. A version keeps the audience it was published
    for; a per-reader one is projected for the reader from its frozen record."""
    audience = kind.audience_for(meeting)
    if record.audience != audience.name:
        try:
            audience = audience_named(record.audience, meeting)
        except ValueError:
            raise Http404("No such document.") from None
    if not audience.includes(request.reader):
        raise Http404("No such document.")
    published_document = snapshot.load(record.snapshot)
    if not audience.per_reader:
        return Chosen(published_document, record)
    kept = FrozenRecord.objects.filter(publication=record).first()
    if kept is None:
        # Without its whole record a per-reader version cannot be projected for anyone: its
        # snapshot is what the whole audience may read, so it reaches nobody rather than all.
        raise Http404("No such document.")
    projected = frozen.projected_for(
        kept.record,
        ForReader(audience, request.reader),
        audience=audience.name,
        status=published_document.meta.get("status", ""),
        meta=published_document.meta,
    )
    return Chosen(projected, record, per_reader=True)


def _delivered(request: ReaderRequest, chosen: Chosen, fmt: str) -> None:
    if chosen.per_reader:
        delivery_record(
            actor=request.user, publication=chosen.record, projected=chosen.projected, fmt=fmt
        )


def render_chosen(chosen, fmt: str) -> bytes:
    """A published version in the output version its ledger row hashed (the bytes verify
    checks); a draft in the current one. A version published for its whole audience is the
    same file for every reader it reaches: kept in memory under the hash its row gives."""
    record = chosen.record
    version = record.renderers.get(fmt) if record is not None else None
    if record is None or chosen.draft or chosen.per_reader:
        return render_format(chosen.projected, fmt, version)
    return rendered.published_file(
        fmt,
        version,
        record.hashes.get(fmt),
        lambda: render_format(chosen.projected, fmt, version),
    )


def private_unless_public(response: HttpResponse, chosen: Chosen) -> HttpResponse:
    """A draft or anything above WHITE is for this reader only: never kept by a cache."""
    if chosen.draft or chosen.projected.label != Label.WHITE:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def document_page(request: ReaderRequest, reference: str, kind: str) -> HttpResponse:
    meeting, document_kind, role = _open(request, reference, kind)
    versions = published(meeting, document_kind.slug, with_snapshots=True)
    try:
        chosen = _choose(request, meeting, document_kind, role, versions)
    except Gone as error:
        return gone(request, meeting, document_kind, error)
    _delivered(request, chosen, "html")
    downloads = [
        (
            label,
            document_kind.file_url(meeting, fmt) + chosen.query,
            file_name(chosen.projected, fmt),
        )
        for fmt, label in DOWNLOADS
    ]
    response = render(
        request,
        "publishing/document.html",
        {
            "meeting": meeting,
            "kind": document_kind,
            "audience": document_kind.audience_for(meeting),
            "document": chosen.projected,
            "fragment": render_fragment(chosen.projected),
            "chosen": chosen,
            "versions": versions,
            "role": role,
            "downloads": downloads,
            "page_url": document_kind.page_url(meeting),
            "withdraw": withdraw_form(meeting, document_kind, role, chosen),
        },
    )
    return private_unless_public(response, chosen)


def withdraw_form(meeting, kind, role, chosen) -> dict | None:
    """The officer's form to withdraw the version shown (a published one, still standing)."""
    if role != "officer" or chosen.record is None or chosen.draft:
        return None
    return {
        "url": reverse("publishing:withdraw", args=[meeting.reference, kind.slug]),
        "number": chosen.record.number,
        "labels": [(label.name, label == chosen.record.label) for label in Label],
    }


@require_GET
def document_file(request: ReaderRequest, reference: str, kind: str, fmt: str) -> HttpResponse:
    meeting, document_kind, role = _open(request, reference, kind)
    versions = published(meeting, document_kind.slug, with_snapshots=True)
    try:
        chosen = _choose(request, meeting, document_kind, role, versions)
    except Gone as error:
        return gone(request, meeting, document_kind, error)
    _delivered(request, chosen, fmt)
    output = FORMATS[fmt]
    response = HttpResponse(render_chosen(chosen, fmt), content_type=output.content_type)
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{file_name(chosen.projected, fmt)}"'
    )
    return private_unless_public(response, chosen)


class _Addressed:
    """What a document kind's addresses read of a meeting: its reference and date (a report's
    address is its month)."""

    __slots__ = ("date", "reference")

    def __init__(self, reference: str, date):
        self.reference = reference
        self.date = date


def _portal_line(entry, published_day: str) -> str:
    """One document's line of the portal. Built here rather than in the template: a year lists
    a hundred documents or more, and the template engine's loops and filters cost more than
    the rest of the page put together. Every value is escaped as it goes in."""
    record = entry.record
    kind = kinds.kind_named(record.kind)
    meeting = _Addressed(record.meeting_reference, record.meeting_date)
    page_url = escape(kind.page_url(meeting))
    earlier = ", ".join(
        f'<a href="{page_url}?version={version.number}">{version.number}</a>'
        for version in entry.versions
        if version.number != record.number
    )
    downloads = ", ".join(
        f'<a href="{escape(kind.file_url(meeting, fmt))}">{label}</a>' for fmt, label in DOWNLOADS
    )
    return (
        f'<li><a href="{page_url}">{escape(record.title)}</a> — {long_date(record.meeting_date)}\n'
        f'<span class="meta">· version {record.number}, published {published_day}'
        f"{f' (earlier: {earlier})' if earlier else ''} · {downloads}</span></li>"
    )


@require_GET
def portal(request: HttpRequest) -> HttpResponse:
    # One year at a time (the latest by default), as a body's page shows its meetings.
    years = portal_years()
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else (years[0] if years else None)
    entries = portal_entries(year) if year is not None else OrderedDict()
    for years_of_body in entries.values():
        for documents in years_of_body.values():
            for entry in documents:
                day = long_date(timezone.localtime(entry.record.published_at).date())
                entry.html = mark_safe(_portal_line(entry, day))
    return render(
        request, "publishing/portal.html", {"portal": entries, "years": years, "year": year}
    )


@require_POST
def withdraw(request: ReaderRequest, reference: str, kind: str) -> HttpResponse:
    """An officer withdraws one published version of any document kind of the meeting (the
    form is on the document's page), then returns to that page."""
    meeting = get_meeting_or_404(request.reader, reference)
    try:
        document_kind = kinds.kind_named(kind)
    except ValueError:
        raise Http404("No such document.") from None
    if document_kind.unavailable_reason(meeting) or not document_kind.audience_for(
        meeting
    ).includes(request.reader):
        raise Http404("No such document.")
    if editor_role(request.reader, meeting) != "officer":
        raise Http404("No such document.")
    number = request.POST.get("version", "")
    record = (
        PublicationRecord.objects.filter(meeting=meeting, kind=document_kind.slug, number=number)
        .select_related("meeting__body")
        .first()
        if number.isdigit()
        else None
    )
    if record is None:
        raise Http404("No such version.")
    page = document_kind.page_url(meeting)
    try:
        publication_withdraw(
            actor=request.user,
            record=record,
            reason=request.POST.get("reason", ""),
            reason_label=request.POST.get("reason_label") or None,
        )
    except ServiceError as error:
        for field, problems in error.message_dict.items():
            messages.error(request, f"Not withdrawn — {field}: {' '.join(problems)}")
        return redirect(f"{page}?version={record.number}")
    messages.info(request, f"Version {record.number} of the {document_kind.title} is withdrawn.")
    return redirect(page)
