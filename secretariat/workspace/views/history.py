"""History pages and the auditor's pages: the publication ledger, the audit trail and the
recorded deliveries. Read-only; every event is read through `audit.labelling.project`, so
restricted before-and-after values show only where the door admits the reader."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from secretariat.audit.labelling import project
from secretariat.audit.models import AuditEvent
from secretariat.labels.requests import ReaderRequest
from secretariat.publishing.models import PublicationRecord
from secretariat.workspace.deliveries import deliveries
from secretariat.workspace.history import history as record_history
from secretariat.workspace.history import is_auditor, record_or_404
from secretariat.workspace.views.common import page

PER_PAGE = 50


@require_GET
def history(request: ReaderRequest, kind: str, pk: int) -> HttpResponse:
    record = record_or_404(request.reader, request.user, kind, pk)
    return page(
        request,
        "workspace/office/history.html",
        {
            "record": record,
            "kind": kind,
            "events": record_history(_settled(request.reader), record),
        },
    )


def _auditor_or_404(request) -> None:
    if not is_auditor(request.user):
        raise Http404("No such page.")


def _settled(reader):
    """The reader with what they heard loaded now: projecting a RED field asks it, so loading
    it up front keeps the page's queries the same whichever events it lists."""
    reader.attended_meeting_ids  # noqa: B018 (loaded for its side effect)
    return reader


def _page_of(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@require_GET
def auditor(request: ReaderRequest) -> HttpResponse:
    _auditor_or_404(request)
    return page(request, "workspace/office/auditor.html", {})


@require_GET
def ledger(request: ReaderRequest) -> HttpResponse:
    """Every published version: what, to which audience, when, by whom, its hash (docs/access.md:
    the auditor reads the ledger in full, content only at their own standing)."""
    _auditor_or_404(request)
    rows = (
        PublicationRecord.objects.select_related("meeting", "published_by", "approved_by")
        .defer("snapshot", "reason")
        .order_by("-published_at", "-id")
    )
    return page(request, "workspace/office/ledger.html", {"page": _page_of(request, rows)})


@require_GET
def trail(request: ReaderRequest) -> HttpResponse:
    """The audit trail, newest first, filtered by what kind of change or record, or by whom."""
    _auditor_or_404(request)
    events = AuditEvent.objects.order_by("-at", "-id")
    filters = {
        "verb": (request.GET.get("verb") or "").strip(),
        "object_type": (request.GET.get("object_type") or "").strip(),
        "actor": (request.GET.get("actor") or "").strip(),
    }
    if filters["verb"]:
        events = events.filter(verb__startswith=filters["verb"])
    if filters["object_type"]:
        events = events.filter(object_type=filters["object_type"])
    if filters["actor"]:
        events = events.filter(actor_name=filters["actor"])
    current = _page_of(request, events)
    query = "&".join(f"{key}={value}" for key, value in filters.items() if value)
    return page(
        request,
        "workspace/office/trail.html",
        {
            "page": current,
            "events": [project(event, _settled(request.reader)) for event in current],
            "filters": filters,
            "query": query,
        },
    )


@require_GET
def delivered(request: ReaderRequest) -> HttpResponse:
    """What reached whom: every recorded download and delivery, newest first."""
    _auditor_or_404(request)
    current = _page_of(request, deliveries())
    return page(request, "workspace/office/deliveries.html", {"page": current})
