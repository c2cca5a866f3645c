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

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET

from secretariat.documents import snapshot
from secretariat.documents.labelled import Projected, project
from secretariat.documents.renderers import FORMATS, file_name
from secretariat.documents.renderers import render as render_format
from secretariat.documents.renderers.html import render_fragment
from secretariat.documents.text import long_date
from secretariat.labels.models import Label
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import editor_role, get_meeting_or_404
from secretariat.meetings.links import RecordLink, item_links
from secretariat.publishing.builders import KINDS, prepare
from secretariat.publishing.record import item_anchor, meeting_record
from secretariat.publishing.selectors import (
    documents_for,
    portal_entries,
    portal_years,
    published,
)

DOWNLOADS = (("md", "Markdown"), ("pdf", "PDF"), ("docx", "Word"))


@require_GET
def meeting_detail(request: ReaderRequest, reference: str) -> HttpResponse:
    """The meeting's live record, projected for the reader, with the documents they may open."""
    meeting = get_meeting_or_404(request.reader, reference)
    document = project(meeting_record(meeting), request.reader, audience="reader")
    documents = documents_for(request.reader, request.user, meeting)
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": meeting,
            "document": document,
            "documents": documents,
            "record_links": _record_links(request, meeting),
        },
    )


def _record_links(request: ReaderRequest, meeting) -> dict[str, list[RecordLink]]:
    """The register records each item considers, by the item's anchor on the page, for items
    and records the reader may both read (the registers answer through meetings/links.py)."""
    by_number = item_links(request.reader, meeting)
    return {item_anchor(number): links for number, links in by_number.items()}


class Chosen:
    def __init__(self, projected: Projected, record=None, draft: bool = False):
        self.projected = projected
        self.record = record
        self.draft = draft

    @property
    def query(self) -> str:
        if self.draft:
            return "?draft"
        if self.record is not None:
            return f"?version={self.record.number}"
        return ""


def _open(request: ReaderRequest, reference: str, kind_slug: str):
    meeting = get_meeting_or_404(request.reader, reference)
    kind = KINDS[kind_slug]
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
        return Chosen(snapshot.load(record.snapshot), record)
    if "draft" in request.GET:
        if role is None:
            raise Http404("No such document.")
        return Chosen(prepare(kind, meeting), draft=True)
    record = versions[-1] if versions else None
    if record is not None:
        return Chosen(snapshot.load(record.snapshot), record)
    if role is not None:
        return Chosen(prepare(kind, meeting), draft=True)
    raise Http404("Not published.")


def _private(response: HttpResponse, chosen: Chosen) -> HttpResponse:
    if chosen.draft or chosen.projected.label != Label.WHITE:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def document_page(request: ReaderRequest, reference: str, kind: str) -> HttpResponse:
    meeting, document_kind, role = _open(request, reference, kind)
    versions = published(meeting, document_kind.slug, with_snapshots=True)
    chosen = _choose(request, meeting, document_kind, role, versions)
    downloads = [
        (
            label,
            reverse(f"publishing:{kind}-file", args=[meeting.reference, fmt]) + chosen.query,
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
            "page_url": reverse(f"publishing:{kind}", args=[meeting.reference]),
        },
    )
    return _private(response, chosen)


@require_GET
def document_file(request: ReaderRequest, reference: str, kind: str, fmt: str) -> HttpResponse:
    meeting, document_kind, role = _open(request, reference, kind)
    versions = published(meeting, document_kind.slug, with_snapshots=True)
    chosen = _choose(request, meeting, document_kind, role, versions)
    output = FORMATS[fmt]
    response = HttpResponse(render_format(chosen.projected, fmt), content_type=output.content_type)
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{file_name(chosen.projected, fmt)}"'
    )
    return _private(response, chosen)


def _portal_line(entry) -> str:
    """One document's line of the portal, escaped by format_html. Built here rather than in
    the template: a year lists a hundred documents or more, and the template engine's loops and
    filters cost more than the rest of the page put together."""
    record = entry.record
    earlier = ""
    if entry.version_urls:
        earlier = format_html(
            " (earlier: {})",
            format_html_join(", ", '<a href="{}">{}</a>', ((u, n) for n, u in entry.version_urls)),
        )
    return format_html(
        '<li><a href="{}">{}</a> — {}\n<span class="meta">· version {}, published {}{} · {}</span>'
        "</li>",
        entry.page_url,
        record.title,
        entry.meeting_day,
        record.number,
        entry.published_day,
        earlier,
        format_html_join(", ", '<a href="{}">{}</a>', ((u, label) for label, u in entry.downloads)),
    )


@require_GET
def portal(request: HttpRequest) -> HttpResponse:
    # One year at a time (the latest by default), as a body's page shows its meetings.
    years = portal_years()
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else (years[0] if years else None)
    entries = portal_entries(year) if year is not None else OrderedDict()
    # One reverse() per address pattern, not per document: a year holds a hundred documents or
    # more. References are letters, digits and underscores, safe in a path as they are.
    placeholder = "REFERENCE"
    pages = {kind: reverse(f"publishing:{kind}", args=[placeholder]) for kind in KINDS}
    files = {
        (kind, fmt): reverse(f"publishing:{kind}-file", args=[placeholder, fmt])
        for kind in KINDS
        for fmt, _ in DOWNLOADS
    }
    for years_of_body in entries.values():
        for documents in years_of_body.values():
            for entry in documents:
                record = entry.record
                reference = record.meeting.reference
                entry.page_url = pages[record.kind].replace(placeholder, reference)
                entry.downloads = [
                    (label, files[(record.kind, fmt)].replace(placeholder, reference))
                    for fmt, label in DOWNLOADS
                ]
                entry.version_urls = [
                    (version.number, f"{entry.page_url}?version={version.number}")
                    for version in entry.versions
                    if version.number != record.number
                ]
                entry.meeting_day = long_date(record.meeting.date)
                entry.published_day = long_date(timezone.localtime(record.published_at).date())
                entry.html = _portal_line(entry)
    return render(
        request, "publishing/portal.html", {"portal": entries, "years": years, "year": year}
    )
