"""The Panel report at `/reports/panel/<YYYY-MM>/` and its confidential Appendix A at
`/reports/panel/<YYYY-MM>/appendix-a`, each also as `.md`, `.pdf` and `.docx`; the officer's
compile page, section editor and publish action.

Which version an address shows (as publishing shows a meeting's documents):
* readers get the latest published version, `?version=N` an earlier one;
* the Panel's secretariat officers and its chair preview the live compile with `?draft`, and get
  it by default while nothing is published, marked as a draft in the document itself;
* anybody else, before publication, gets 404, as for a month without a report.

Who may open an address at all is the part's audience, asked of the one door: the report is
public; Appendix A needs RED in the Panel meeting's scope (those recorded present, and the
secretariat). Not allowed looks like not there.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from secretariat.core.services import ServiceError
from secretariat.documents import snapshot
from secretariat.documents.renderers import FORMATS, file_name
from secretariat.documents.renderers.html import render_fragment
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import editor_role
from secretariat.publishing.views import Chosen, gone, render_chosen, withdraw_form
from secretariat.publishing.views import private_unless_public as _private
from secretariat.publishing.withdrawals import Gone
from secretariat.reports import count_checks, selectors, services
from secretariat.reports.audiences import audience_for
from secretariat.reports.compiler import Compiled, compile_report
from secretariat.reports.documents import KIND_OF_PART, prepare
from secretariat.reports.models import Part, ReportSection

DOWNLOADS = (("md", "Markdown"), ("pdf", "PDF"), ("docx", "Word"))


class Opened:
    """A month's Panel meeting, its report (or the unsaved default one) and the reader's role."""

    def __init__(self, request: ReaderRequest, month, part: str | None):
        self.meeting, self.saved = selectors.panel_meeting_and_report(request.reader, month)
        if part is not None and not audience_for(part, self.meeting, self.report).includes(
            request.reader
        ):
            raise Http404("No such document.")
        self.role = editor_role(request.reader, self.meeting)
        self.month = month
        self._compiled: Compiled | None = None

    @cached_property
    def report(self):
        # The unsaved default is built once per request: its template, period and date are
        # read to build it, and its distribution to open Appendix A.
        return self.saved or services.draft_report(self.meeting, read=True)

    @property
    def compiled(self) -> Compiled:
        if self._compiled is None:
            self._compiled = compile_report(self.report)
        return self._compiled


def _choose(request: ReaderRequest, opened: Opened, part: str) -> Chosen:
    number = request.GET.get("version")
    if number is not None:
        if not number.isdigit():
            raise Http404("No such version.")
        record = selectors.published_version(opened.saved, part, int(number))
        if record is None:
            raise Http404("No such version.")
        if record.withdrawn is not None:
            raise Gone(record.withdrawn, selectors.published_version(opened.saved, part, None))
        return Chosen(snapshot.load(record.snapshot), record)
    if "draft" not in request.GET:
        record = selectors.published_version(opened.saved, part, None)
        if record is not None:
            return Chosen(snapshot.load(record.snapshot), record)
        versions = selectors.published(opened.saved, part)
        last = versions[-1].withdrawn if versions else None
        if last is not None:
            # Every published version is withdrawn: the address is gone.
            raise Gone(last)
    if opened.role is None:
        raise Http404("Not published.")
    return Chosen(prepare(opened.compiled, part), draft=True)


def _page(request: ReaderRequest, month, part: str) -> HttpResponse:
    opened = Opened(request, month, part)
    try:
        chosen = _choose(request, opened, part)
    except Gone as error:
        return gone(request, opened.meeting, KIND_OF_PART[part], error)
    name = "reports:panel-report" if part == Part.BODY else "reports:appendix"
    page_url = reverse(name, args=[month])
    downloads = [
        (
            label,
            reverse(f"{name}-file", args=[month, fmt]) + chosen.query,
            file_name(chosen.projected, fmt),
        )
        for fmt, label in DOWNLOADS
    ]
    response = render(
        request,
        "reports/document.html",
        {
            "opened": opened,
            "part": part,
            "is_appendix": part == Part.APPENDIX_A,
            "audience": audience_for(part, opened.meeting, opened.report),
            "document": chosen.projected,
            "fragment": render_fragment(chosen.projected),
            "chosen": chosen,
            "versions": selectors.published(opened.saved, part),
            "downloads": downloads,
            "page_url": page_url,
            "month_slug": f"{month:%Y-%m}",
            "other_part": _other_part(request, opened, part, month),
            "withdraw": withdraw_form(opened.meeting, KIND_OF_PART[part], opened.role, chosen),
        },
    )
    return _private(response, chosen)


def _other_part(request: ReaderRequest, opened: Opened, part: str, month):
    """A link to the other document, for a reader its door admits."""
    if part == Part.APPENDIX_A:
        return ("SEC Panel Sub-Committee Report", reverse("reports:panel-report", args=[month]))
    if audience_for(Part.APPENDIX_A, opened.meeting, opened.report).includes(request.reader):
        return ("Appendix A (confidential)", reverse("reports:appendix", args=[month]))
    return None


def _file(request: ReaderRequest, month, part: str, fmt: str) -> HttpResponse:
    opened = Opened(request, month, part)
    try:
        chosen = _choose(request, opened, part)
    except Gone as error:
        return gone(request, opened.meeting, KIND_OF_PART[part], error)
    response = HttpResponse(render_chosen(chosen, fmt), content_type=FORMATS[fmt].content_type)
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{file_name(chosen.projected, fmt)}"'
    )
    return _private(response, chosen)


@require_GET
def report_page(request: ReaderRequest, month) -> HttpResponse:
    return _page(request, month, Part.BODY)


@require_GET
def report_file(request: ReaderRequest, month, fmt: str) -> HttpResponse:
    return _file(request, month, Part.BODY, fmt)


@require_GET
def appendix_page(request: ReaderRequest, month) -> HttpResponse:
    return _page(request, month, Part.APPENDIX_A)


@require_GET
def appendix_file(request: ReaderRequest, month, fmt: str) -> HttpResponse:
    return _file(request, month, Part.APPENDIX_A, fmt)


# -- the officer's side ---------------------------------------------------------------------------


def _officer(request: ReaderRequest, month) -> Opened:
    opened = Opened(request, month, None)
    if opened.role != "officer":
        raise Http404("No such page.")
    return opened


def _placements(reader, opened: Opened) -> list[dict]:
    """Where each highlight went, as this reader may know it: its heading only for readers on
    Appendix A's distribution or cleared for it at its source, its meeting only for readers who
    may know the meeting exists. Others learn that a highlight exists, and where it went."""
    placements = opened.compiled.placements
    on_list = audience_for(Part.APPENDIX_A, opened.meeting, opened.report).includes(reader)
    rows = []
    for placement in placements:
        readable = on_list or reader.admits(placement.label, placement.scope)
        # The one door in memory, as `visible_meetings` asks it of the database: the meeting
        # was read with its highlight.
        knows = placement.meeting_id is not None and reader.admits(
            placement.meeting_label, placement.meeting_scope
        )
        rows.append(
            {
                "source": f"{placement.source} ({placement.body})"
                if knows
                else "A meeting you may not know of",
                "heading": placement.heading if readable else "A restricted highlight",
                "label": placement.label,
                "destination": placement.destination,
                "where": placement.where,
                "reason": placement.reason if readable and knows else "",
            }
        )
    return rows


def _compile_context(request: ReaderRequest, opened: Opened, **extra) -> dict:
    compiled = opened.compiled
    appendix = prepare(compiled, Part.APPENDIX_A, viewer=request.reader)
    edits = {edit.number: edit for edit in compiled.edits}
    sections = [
        {
            "number": entry.number,
            "title": entry.section.title,
            "editable": entry.section.content != ReportSection.Content.GROUP,
            "edit": edits.get(entry.number),
        }
        for top in compiled.layout
        for entry in (top, *top.children)
    ]
    return {
        "opened": opened,
        "compiled": compiled,
        "placements": _placements(request.reader, opened),
        "sections": sections,
        "appendix_fragment": render_fragment(appendix),
        "month_slug": f"{opened.month:%Y-%m}",
        "parts": [
            (part.label, versions)
            for part, versions in zip(
                Part,
                selectors.published_parts(opened.saved, [p.value for p in Part]).values(),
                strict=True,
            )
        ],
        "checks": _checks(opened),
        **extra,
    }


def _checks(opened: Opened) -> list[dict]:
    """Each disagreement of a count with the outcomes, and its resolution if an officer gave one."""
    disagreements = opened.compiled.disagreements
    # The resolutions are read only for a compile that has something to resolve.
    resolved = count_checks.resolutions(opened.saved) if opened.saved and disagreements else {}
    return [
        {
            "disagreement": d,
            "resolution": resolved.get(d.key),
            # Only officers open the compile page: the reason they recorded, as they wrote it.
            "reason": resolved[d.key].raw_changes().get("reason", "") if d.key in resolved else "",
        }
        for d in disagreements
    ]


@require_POST
def count_resolve(request: ReaderRequest, month) -> HttpResponse:
    opened = _officer(request, month)
    try:
        if opened.saved is None:
            raise ServiceError({"report": "Open the report before resolving a count."})
        count_checks.count_resolve(
            actor=request.user,
            report=opened.saved,
            key=request.POST.get("key", ""),
            reason=request.POST.get("reason", ""),
            disagreements=opened.compiled.disagreements,
        )
    except ServiceError as error:
        return _refused(request, opened, error)
    messages.info(request, "The count check is resolved.")
    return redirect("reports:compile", month)


@require_GET
def compile_page(request: ReaderRequest, month) -> HttpResponse:
    """Where each highlight went, the officer's edits against the compiled text, and Appendix A
    as the officer may read it (real names where the one door clears them)."""
    opened = _officer(request, month)
    response = render(request, "reports/compile.html", _compile_context(request, opened))
    patch_cache_control(response, private=True, no_store=True)
    return response


def _refused(request, opened: Opened, error: ServiceError, status: int = 400, **extra):
    response = render(
        request,
        "reports/compile.html",
        _compile_context(request, opened, errors=error.message_dict, **extra),
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
def report_open_view(request: ReaderRequest, month) -> HttpResponse:
    opened = _officer(request, month)
    try:
        services.report_open(
            actor=request.user, meeting=opened.meeting, author=request.POST.get("author", "")
        )
    except ServiceError as error:
        return _refused(request, opened, error)
    messages.info(request, f"The report for {month:%B %Y} is open.")
    return redirect("reports:compile", month)


@require_http_methods(["GET", "POST"])
def section_edit(request: ReaderRequest, month, number: str) -> HttpResponse:
    opened = _officer(request, month)
    entry = opened.compiled.leaf(number)
    if entry is None or entry.section.content == ReportSection.Content.GROUP:
        raise Http404("No such section.")
    edit = next((e for e in opened.compiled.edits if e.number == number), None)
    text = edit.edited if edit else opened.compiled.texts.get(entry.section.pk, "")
    errors = {}
    if request.method == "POST":
        if opened.saved is None:
            errors = {"report": ["Open the report before editing it."]}
        else:
            text = request.POST.get("text", "")
            try:
                services.section_override(
                    actor=request.user,
                    report=opened.saved,
                    section=entry.section,
                    text=text,
                    reason=request.POST.get("reason", ""),
                )
            except ServiceError as error:
                errors = error.message_dict
            else:
                messages.info(request, f"Section {number} saved.")
                return redirect("reports:compile", month)
    response = render(
        request,
        "reports/section_edit.html",
        {
            "opened": opened,
            "entry": entry,
            "edit": edit,
            "text": text,
            "compiled_text": opened.compiled.texts.get(entry.section.pk, ""),
            "errors": errors,
            "month_slug": f"{month:%Y-%m}",
        },
        status=400 if errors else 200,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
def publish(request: ReaderRequest, month) -> HttpResponse:
    """Draft (unless one is pending), approve and publish one part, as an officer who approves."""
    opened = _officer(request, month)
    part = request.POST.get("part", "")
    try:
        if opened.saved is None:
            raise ServiceError({"report": "Open the report before publishing it."})
        if part not in Part.values:
            raise ServiceError({"part": "Choose the report or Appendix A."})
        # One step for the officer: a refusal at any stage leaves no draft behind. Rendered
        # before the write transaction, which the services keep short.
        version = selectors.pending_version(opened.saved, part)
        if version is None:
            record = services.report_part_issue(
                actor=request.user,
                report=opened.saved,
                part=part,
                reason=request.POST.get("reason", ""),
                reason_label=request.POST.get("reason_label") or None,
            )
        else:
            record = services.report_version_issue(actor=request.user, version=version)
    except ServiceError as error:
        return _refused(request, opened, error)
    messages.info(request, f"{record} published.")
    return redirect("reports:compile", month)
