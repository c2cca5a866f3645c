"""Papers as files on the site: the officers' page to upload papers and new versions; every
reader's list of a meeting's papers they may read; the download (through the door, recorded;
404 otherwise, as for a paper that is not there) and the agenda pack."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from secretariat.core.services import ServiceError
from secretariat.directory.models import MEMBER_ROLES, Membership, Person
from secretariat.labels.access import covering_q
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import get_meeting_or_404, visible_meetings
from secretariat.meetings.models import AgendaItem, Attendance, Meeting, Paper
from secretariat.workspace.access import officer_item_or_404, officer_meeting_or_404
from secretariat.workspace.paper_models import PaperFile
from secretariat.workspace.papers import (
    Upload,
    allowed_types,
    max_bytes,
    may_read,
    meeting_papers,
    paper_file_add,
    paper_upload,
    readable_papers,
    record_download,
    title_for,
)
from secretariat.workspace.papers_pack import agenda_pack
from secretariat.workspace.views.common import LABEL_CHOICES, errors_of, page, parse_int, see_other


def _distribution_choices(meeting: Meeting) -> list[Person]:
    """Who a RED paper may be sent to: the body's members in office and those recorded at the
    meeting, in two queries."""
    members = Membership.objects.filter(body_id=meeting.body_id, role__in=MEMBER_ROLES).filter(
        covering_q(meeting.date)
    )
    recorded = Attendance.objects.filter(meeting=meeting)
    ids = set(members.values_list("person_id", flat=True)) | set(
        recorded.values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=ids).order_by("full_name"))


@require_http_methods(["GET", "POST"])
def officer_papers(request: ReaderRequest, reference: str) -> HttpResponse:
    reader = request.reader
    meeting = officer_meeting_or_404(reader, reference)
    errors: dict = {}
    failed = ""
    status = 200
    if request.method == "POST":
        post = request.POST
        failed = post.get("form", "")
        try:
            upload = Upload.from_request(request.FILES.get("file"))
            if failed == "add":
                item = officer_item_or_404(reader, meeting, parse_int(post.get("item", ""), "item"))
                chosen = [int(pk) for pk in post.getlist("distribution") if pk.isdigit()]
                paper_upload(
                    actor=request.user,
                    item=item,
                    reference=post.get("reference", ""),
                    title=post.get("title", ""),
                    label=post.get("label", "0"),
                    upload=upload,
                    distribution=list(Person.objects.filter(pk__in=chosen)),
                )
            else:
                paper = next((p for _, p in meeting_papers(meeting) if str(p.pk) == failed), None)
                if paper is None or not may_read(reader, paper):
                    raise Http404("No such paper.")
                if upload is None:
                    raise ServiceError({"file": "Choose the new version's file."})
                paper_file_add(
                    actor=request.user, paper=paper, upload=upload, note=post.get("note", "")
                )
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            return see_other(reverse("workspace:papers", args=[meeting.reference]))
    rows = [
        (item, paper, title_for(reader, paper))
        for item, paper in meeting_papers(meeting)
        if may_read(reader, paper)
    ]
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("parent__number", "number"))
    return page(
        request,
        "workspace/office/papers.html",
        {
            "meeting": meeting,
            "rows": rows,
            "hidden": len(meeting_papers(meeting)) - len(rows),
            "items": items,
            "people": _distribution_choices(meeting),
            "label_choices": LABEL_CHOICES,
            "types": ", ".join(allowed_types()),
            "limit_mb": f"{max_bytes() / 1048576:.0f}",
            "errors": errors,
            "failed": failed,
            "values": request.POST,
        },
        status=status,
    )


@require_GET
def meeting_papers_page(request: ReaderRequest, reference: str) -> HttpResponse:
    """A meeting's papers as this reader may read them, with the agenda pack."""
    reader = request.reader
    meeting = get_meeting_or_404(reader, reference)
    rows = [
        (item, paper, title_for(reader, paper)) for item, paper in readable_papers(reader, meeting)
    ]
    return page(request, "workspace/office/meeting_papers.html", {"meeting": meeting, "rows": rows})


def _file_or_404(request, pk: int) -> PaperFile:
    reader = request.reader
    file = PaperFile.objects.filter(pk=pk).select_related("paper").first()
    if file is None:
        raise Http404("No such file.")
    paper = Paper.objects.prefetch_related("distribution").get(pk=file.paper_id)
    meetings = Meeting.objects.filter(items__papers=paper)
    if not may_read(reader, paper) or not visible_meetings(reader, meetings).exists():
        raise Http404("No such file.")
    return file


def _private(response: HttpResponse) -> HttpResponse:
    # A paper above WHITE, or chosen for this reader, is never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def paper_file(request: ReaderRequest, pk: int) -> HttpResponse:
    file = _file_or_404(request, pk)
    record_download(user=request.user, file=file)
    response = HttpResponse(bytes(file.data), content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    return _private(response)


@require_GET
def pack(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = get_meeting_or_404(request.reader, reference)
    response = HttpResponse(
        agenda_pack(request.reader, meeting, request.user), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{meeting.reference}_agenda_pack.pdf"'
    return _private(response)
