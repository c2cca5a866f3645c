"""Pages of the change register: the register, a change at its reference, a release, and the
officers' forms. Reads come through `changes.access`; writes through `changes.services`."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from secretariat.changes import access, forms, services
from secretariat.changes.models import Change, InputRequest, StageEntry
from secretariat.labels.models import Label, highest
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import meeting_scope
from secretariat.publishing.officer_forms import item_name, officer_form, require_officer

FORM_METHODS = require_http_methods(["GET", "POST"])


# The register lists a page of changes at a time: twenty years hold hundreds.
PER_PAGE = 50


def _row(reader, change: Change) -> dict:
    return {
        "change": change,
        "title": access.title_for(reader, change),
        # The annotation of `_listed`.
        "stage": getattr(change, "current_stage", None) or "",
        "url": reverse("changes:detail", args=[change.reference]),
    }


def _current_stage(reader) -> Subquery:
    """The name of the change's latest stage the reader may see (a stage entry has its own
    label, asked in the change's scope), in the change's own query."""
    return Subquery(
        access._row_labels(reader, StageEntry)
        .filter(change=OuterRef("pk"))
        .order_by("-entered_on", "-id")
        .values("stage__name")[:1]
    )


def _listed(reader, queryset=None):
    return (
        access.visible_changes(reader, queryset)
        .select_related("path", "release", "converted_to")
        .annotate(current_stage=_current_stage(reader))
        .order_by("-raised_on", "reference")
    )


@require_GET
def register(request: ReaderRequest) -> HttpResponse:
    reader = request.reader
    page = Paginator(_listed(reader), PER_PAGE).get_page(request.GET.get("page"))
    changes = list(page.object_list)
    releases = list(access.visible_releases(reader))
    return render(
        request,
        "changes/register.html",
        {
            "rows": [_row(reader, change) for change in changes],
            "page": page,
            "releases": releases,
            "officer": reader.is_secretariat,
            "label": highest([c.label for c in changes] + [r.label for r in releases]),
        },
    )


def _considered(reader, change: Change) -> list[dict]:
    rows = []
    for link in change.agenda_links.all():
        meeting = link.item.meeting
        rows.append(
            {
                "meeting": meeting,
                "number": link.item.number,
                "title": link.item.title,
                "summary": link.item.summary
                if reader.admits(link.item.summary_label, meeting_scope(meeting))
                else "",
            }
        )
    return rows


def _item_title(reader, item) -> str:
    if item is None or not reader.admits(item.title_label, meeting_scope(item.meeting)):
        return ""
    return f"{item.meeting.reference} item {item.number}"


@require_GET
def detail(request: ReaderRequest, reference: str) -> HttpResponse:
    reader = request.reader
    change = access.get_change_or_404(reader, reference)
    target = change.converted_to
    if target is not None and access.visible_changes(reader).filter(pk=target.pk).exists():
        # A Draft Proposal's address leads to the Modification Proposal it became.
        return redirect("changes:detail", target.reference)
    if change.reference != reference:
        return redirect("changes:detail", change.reference)

    def shown(label) -> bool:
        return access.admits(reader, label, change)

    inputs: list[dict] = [
        {
            "request": request_,
            "asked_at": _item_title(reader, request_.requested_at),
            "given_at": _item_title(reader, request_.given_at),
            "response": request_.response if shown(request_.response_label) else "",
        }
        for request_ in change.input_requests.all()
    ]
    votes = sorted(change.votes.all(), key=lambda v: (v.voted_on, v.solution, v.category))
    return render(
        request,
        "changes/change.html",
        {
            "change": change,
            "title": access.title_for(reader, change),
            "summary": change.summary if shown(change.summary_label) else "",
            "proposer": access.proposer_name(reader, change),
            "decision": change.get_decision_display()
            if change.decision and shown(change.decision_label)
            else "",
            "stages": [
                {"entry": entry, "note": entry.note if shown(entry.label) else ""}
                for entry in change.stages.all()
            ],
            "inputs": inputs,
            "votes": votes,
            "considered": _considered(reader, change),
            "converted_from": getattr(change, "converted_from", None),
            "officer": reader.is_secretariat,
            "label": highest(
                [change.label]
                + [e.label for e in change.stages.all()]
                + [v.label for v in votes]
                + [request_.label for request_ in change.input_requests.all()]
            ),
        },
    )


@require_GET
def release_detail(request: ReaderRequest, name: str) -> HttpResponse:
    reader = request.reader
    release = access.get_release_or_404(reader, name)
    changes = list(_listed(reader, Change.objects.filter(release=release)))
    return render(
        request,
        "changes/release.html",
        {
            "release": release,
            "rows": [_row(reader, change) for change in changes],
            "label": highest([release.label] + [c.label for c in changes]),
        },
    )


# -- officers' forms -----------------------------------------------------------------------------


def _officer_change(request: ReaderRequest, reference: str) -> Change:
    require_officer(request)
    return access.get_change_or_404(request.reader, reference)


def _back(change: Change) -> str:
    return reverse("changes:detail", args=[change.reference])


def _labels(data: dict, *fields: str) -> dict:
    return {field: Label[data[field]] for field in fields if field in data}


@FORM_METHODS
def change_new(request: ReaderRequest) -> HttpResponse:
    def save(data):
        change = services.change_raise(
            actor=request.user,
            reference=data["reference"],
            title=data["title"],
            raised_on=data["raised_on"],
            proposer=data["proposer"],
            summary=data["summary"],
            **_labels(data, *services.LABEL_FIELDS),
        )
        services.change_update(
            actor=request.user,
            change=change,
            path=data["path"],
            release=data["release"],
            implementation_date=data["implementation_date"],
        )
        return reverse("changes:detail", args=[change.reference])

    return officer_form(
        request,
        forms.ChangeForm(request.POST or None),
        save,
        title="Raise a change",
        back=reverse("changes:register"),
    )


@FORM_METHODS
def change_edit(request: ReaderRequest, reference: str) -> HttpResponse:
    change = _officer_change(request, reference)
    initial = {
        field: getattr(change, field)
        for field in ("title", "summary", "proposer", "path", "release", "implementation_date")
    }
    initial.update({field: Label(getattr(change, field)).name for field in services.LABEL_FIELDS})

    def save(data):
        values = {key: data[key] for key in initial if key not in services.LABEL_FIELDS}
        values.update(_labels(data, *services.LABEL_FIELDS))
        services.change_update(actor=request.user, change=change, **values)
        return _back(change)

    return officer_form(
        request,
        forms.ChangeEditForm(request.POST or None, initial=initial),
        save,
        title=f"Edit {change.reference}",
        back=_back(change),
    )


def _change_form(form_class, title: str, action):
    """An officer's form about one change: `action(request, change, data)` does the write."""

    @FORM_METHODS
    def view(request: ReaderRequest, reference: str) -> HttpResponse:
        change = _officer_change(request, reference)

        def save(data):
            return action(request, change, data) or _back(change)

        return officer_form(
            request,
            form_class(request.POST or None),
            save,
            title=f"{change.reference}: {title}",
            back=_back(change),
        )

    return view


def _stage(request, change, data):
    services.stage_enter(actor=request.user, change=change, **{**data, **_labels(data, "label")})


def _convert(request, change, data):
    modification = services.change_convert(actor=request.user, draft=change, **data)
    return reverse("changes:detail", args=[modification.reference])


def _decide(request, change, data):
    services.change_decide(actor=request.user, change=change, **data)


def _vote(request, change, data):
    services.vote_record(actor=request.user, change=change, **{**data, **_labels(data, "label")})


def _input(request, change, data):
    services.input_request(actor=request.user, change=change, **{**data, **_labels(data, "label")})


def _link(request, change, data):
    services.change_link(actor=request.user, change=change, item=data["item"])


stage_new = _change_form(forms.StageForm, "enter a stage", _stage)
convert = _change_form(forms.ConvertForm, "convert to a Modification Proposal", _convert)
decide = _change_form(forms.DecisionForm, "record the decision", _decide)
vote_new = _change_form(forms.VoteForm, "record a Change Board vote", _vote)
input_new = _change_form(forms.InputRequestForm, "ask a sub-committee for input", _input)
link_new = _change_form(forms.LinkForm, "link an agenda item", _link)


@FORM_METHODS
def input_give(request: ReaderRequest, reference: str, pk: int) -> HttpResponse:
    change = _officer_change(request, reference)
    asked = InputRequest.objects.filter(change=change, pk=pk).select_related("body").first()
    if asked is None:
        raise Http404("No such request.")
    initial = {
        "given_on": asked.given_on,
        "response": asked.response,
        "given_at": item_name(asked.given_at),
        "response_label": Label(asked.response_label).name,
    }

    def save(data):
        services.input_give(
            actor=request.user, request=asked, **{**data, **_labels(data, "response_label")}
        )
        return _back(change)

    return officer_form(
        request,
        forms.InputGiveForm(request.POST or None, initial=initial),
        save,
        title=f"{change.reference}: the {asked.body.display_code}'s input",
        back=_back(change),
    )


@FORM_METHODS
def release_new(request: ReaderRequest) -> HttpResponse:
    def save(data):
        release = services.release_create(actor=request.user, **{**data, **_labels(data, "label")})
        return reverse("changes:release", args=[release.name])

    return officer_form(
        request,
        forms.ReleaseForm(request.POST or None),
        save,
        title="A new SEC Release",
        back=reverse("changes:register"),
    )


@FORM_METHODS
def vocabulary_new(request: ReaderRequest) -> HttpResponse:
    def save(data):
        extra = {"decider": data["decider"]} if data["kind"] == "path" else {}
        services.vocabulary_add(
            actor=request.user,
            kind=data["kind"],
            key=data["key"],
            name=data["name"],
            valid_from=data["valid_from"],
            position=data["position"] or 0,
            **extra,
        )
        return reverse("changes:register")

    return officer_form(
        request,
        forms.VocabularyForm(request.POST or None),
        save,
        title="Add a stage or path",
        back=reverse("changes:register"),
        intro="A key already in use renames that stage or path from the date given.",
    )
