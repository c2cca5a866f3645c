"""The agenda builder: add, edit, reorder (drag and drop, or the up and down buttons) and nest
items; every fragment labelled, with who the label will reach; the meeting's high-water mark.

Every write goes through the meetings' services; an edit carries the version it was made from,
and a stale one answers 409 with the other change beside the officer's own."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from secretariat.actions.models import Action
from secretariat.core.services import ServiceError, StaleVersion
from secretariat.labels.models import Label
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.models import AgendaItem, Meeting, Paper
from secretariat.meetings.services import (
    item_add,
    item_update,
    items_reorder,
    meeting_update,
    paper_attach,
    paper_create,
)
from secretariat.workspace import register_items
from secretariat.workspace.access import (
    officer_item_or_404,
    officer_meeting_or_404,
    readable_item,
)
from secretariat.workspace.papers import Upload, paper_upload
from secretariat.workspace.selectors import audience, high_water_mark
from secretariat.workspace.views.common import (
    LABEL_CHOICES,
    errors_of,
    is_htmx,
    page,
    parse_date,
    parse_int,
    parse_time,
    see_other,
)

ITEM_TEXTS = ("title", "summary", "restricted_text", "presenter")
ITEM_LABELS = ("title_label", "summary_label", "label")
FIELD_NAMES = {
    "title": "Title",
    "title_label": "Title label",
    "summary": "Public summary",
    "summary_label": "Summary label",
    "restricted_text": "Restricted record",
    "label": "Item label",
    "presenter": "Presenter",
    "kind": "Kind",
    "number": "Number",
    "date": "Date",
    "start_time": "Start",
    "end_time": "End",
    "location": "Location",
    "status": "Status",
}


def agenda_context(reader, meeting: Meeting) -> dict:
    """The agenda as the builder shows it, in a fixed number of queries."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.order_by("reference")))
        .prefetch_related("outcomes")
        .order_by("parent_id", "number")
    )
    for item in items:
        item.meeting = meeting
    readable = [item for item in items if readable_item(reader, item)]
    hidden = len(items) - len(readable)
    top = [item for item in readable if item.parent_id is None]
    children: dict[int, list[AgendaItem]] = {}
    for item in readable:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    rows = [(item, children.get(item.pk, [])) for item in top]
    actions = Action.objects.filter(meeting=meeting).only("label")
    outcomes = [outcome for item in readable for outcome in item.outcomes.all()]
    return {
        "meeting": meeting,
        "rows": rows,
        "hidden": hidden,
        "mark": high_water_mark(items, outcomes, actions),
        "label_choices": LABEL_CHOICES,
        "kinds": AgendaItem.Kind.choices,
        "awaiting": register_items.awaiting(reader, meeting),
    }


@require_GET
def agenda(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    context = agenda_context(request.reader, meeting)
    context["new"] = {"label": 0, "title_label": 0, "summary_label": 0, "kind": "regular"}
    context["audiences"] = {"label": audience(meeting, Label.WHITE)}
    return page(request, "workspace/agenda.html", context, partial="agenda")


def _item_values(post) -> dict:
    values: dict = {name: post.get(name, "").strip() for name in ITEM_TEXTS}
    for name in ITEM_LABELS:
        values[name] = Label.parse(post.get(name, "0"), field=name)
    kind = post.get("kind", "")
    if kind:
        values["kind"] = kind
    return values


def _agenda_answer(request, meeting, *, errors=None, new=None, status=200):
    if not is_htmx(request) and not errors:
        return see_other(reverse("workspace:agenda", args=[meeting.reference]))
    context = agenda_context(request.reader, meeting)
    context["errors"] = errors or {}
    context["new"] = new or {"label": 0, "title_label": 0, "summary_label": 0, "kind": "regular"}
    return page(request, "workspace/agenda.html", context, partial="agenda", status=status)


@require_POST
def item_create(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    parent = None
    if request.POST.get("parent"):
        parent = officer_item_or_404(
            request.reader, meeting, parse_int(request.POST["parent"], "parent")
        )
    try:
        values = _item_values(request.POST)
        if parent is not None:
            values.pop("kind", None)
        # A refused paper leaves no item behind: the officer sends the form again as it was.
        with transaction.atomic():
            item = item_add(actor=request.user, meeting=meeting, parent=parent, **values)
            _add_paper(request, meeting, item)
    except ServiceError as error:
        return _agenda_answer(
            request, meeting, errors=errors_of(error), new=request.POST.dict(), status=400
        )
    return _agenda_answer(request, meeting)


def _add_paper(request, meeting, item) -> None:
    """The item's paper: a file (its reference and title default to the meeting's numbering
    and the file's name), or a reference and title alone for a paper tabled without a file."""
    reference = request.POST.get("paper_reference", "").strip()
    title = request.POST.get("paper_title", "").strip()
    upload = Upload.from_request(request.FILES.get("paper_file"))
    if upload is not None:
        # Unless the officer says otherwise, the paper is at the item's label.
        label = Label.parse(request.POST.get("paper_label") or item.label, field="paper_label")
        paper_upload(
            actor=request.user,
            item=item,
            reference=reference or _paper_reference(meeting, item),
            title=title or _title_of(upload.name) or item.title,
            label=label,
            upload=upload,
        )
        return
    if not reference and not title:
        return
    if not reference or not title:
        raise ServiceError({"paper_reference": "A paper needs both a reference and a title."})
    label = Label.parse(request.POST.get("paper_label") or item.label, field="paper_label")
    paper = Paper.objects.filter(reference=reference, body=meeting.body).first()
    if paper is None:
        paper = paper_create(
            actor=request.user,
            body=meeting.body,
            reference=reference,
            title=title,
            label=label,
            title_label=label,
        )
    paper_attach(actor=request.user, item=item, paper=paper)


def _paper_reference(meeting: Meeting, item: AgendaItem) -> str:
    """SSC_80_05 for item 5 of SSC meeting 80, or SSC_80_05b when that is taken."""
    base = f"{meeting.body.code}_{meeting.number}_{item.number:02d}"
    taken = set(
        Paper.objects.filter(body=meeting.body, reference__startswith=base).values_list(
            "reference", flat=True
        )
    )
    return next(
        ref
        for ref in [base] + [f"{base}{c}" for c in "bcdefghijk"] + [f"{base}_{item.pk}"]
        if ref not in taken
    )


def _title_of(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("_", " ").replace("-", " ").strip().capitalize()


@require_POST
def item_register(request: ReaderRequest, reference: str) -> HttpResponse:
    """Put a record of the assurance register on the agenda (SSC meetings)."""
    meeting = officer_meeting_or_404(request.reader, reference)
    try:
        register_items.place(
            actor=request.user,
            reader=request.reader,
            meeting=meeting,
            key=request.POST.get("record", ""),
        )
    except ServiceError as error:
        return _agenda_answer(request, meeting, errors=errors_of(error), status=400)
    return _agenda_answer(request, meeting)


@require_POST
def item_move(request: ReaderRequest, reference: str, pk: int) -> HttpResponse:
    """One place up or down among its siblings: the keyboard's way to reorder."""
    meeting = officer_meeting_or_404(request.reader, reference)
    item = officer_item_or_404(request.reader, meeting, pk)
    siblings = list(
        AgendaItem.objects.filter(meeting=meeting, parent_id=item.parent_id)
        .order_by("number")
        .values_list("pk", flat=True)
    )
    index = siblings.index(item.pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    if 0 <= index + step < len(siblings):
        siblings[index], siblings[index + step] = siblings[index + step], siblings[index]
    try:
        items_reorder(actor=request.user, meeting=meeting, order=siblings, parent=item.parent)
    except ServiceError as error:
        return _agenda_answer(request, meeting, errors=errors_of(error), status=409)
    return _agenda_answer(request, meeting)


@require_POST
def reorder(request: ReaderRequest, reference: str) -> HttpResponse:
    """A whole new order of one list, as drag and drop leaves it."""
    meeting = officer_meeting_or_404(request.reader, reference)
    parent = None
    if request.POST.get("parent"):
        parent = officer_item_or_404(
            request.reader, meeting, parse_int(request.POST["parent"], "parent")
        )
    order = [int(pk) for pk in request.POST.get("order", "").split(",") if pk.strip().isdigit()]
    try:
        items_reorder(actor=request.user, meeting=meeting, order=order, parent=parent)
    except ServiceError as error:
        return _agenda_answer(request, meeting, errors=errors_of(error), status=409)
    return _agenda_answer(request, meeting)


def _conflicts(error: StaleVersion, mine: dict) -> list[dict]:
    """The fields where the record now differs from what this officer submitted."""
    rows = []
    for name, theirs in error.current.items():
        if name not in mine:
            continue
        if str(theirs) != str(mine[name]):
            rows.append(
                {
                    "name": FIELD_NAMES.get(name, name),
                    "theirs": Label(theirs).name if name in ITEM_LABELS else theirs,
                    "mine": Label(mine[name]).name if name in ITEM_LABELS else mine[name],
                }
            )
    return rows


@require_http_methods(["GET", "POST"])
def item_edit(request: ReaderRequest, reference: str, pk: int) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    item = officer_item_or_404(request.reader, meeting, pk)
    values = {name: getattr(item, name) for name in (*ITEM_TEXTS, *ITEM_LABELS, "kind")}
    version = item.version
    errors: dict = {}
    conflicts: list[dict] = []
    status = 200
    if request.method == "POST":
        try:
            values = _item_values(request.POST)
            with transaction.atomic():
                item_update(
                    actor=request.user, item=item, version=request.POST.get("version"), **values
                )
                _add_paper(request, meeting, item)
        except StaleVersion as error:
            # Nothing was written: show theirs beside mine, and let the officer save again
            # deliberately from the version that is there now.
            conflicts = _conflicts(error, values)
            errors, version, status = errors_of(error), error.version, 409
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            return see_other(
                reverse("workspace:agenda", args=[meeting.reference]) + f"#item-{item.pk}"
            )
    return page(
        request,
        "workspace/item.html",
        {
            "meeting": meeting,
            "item": item,
            "values": values,
            "version": version,
            "errors": errors,
            "conflicts": conflicts,
            "label_choices": LABEL_CHOICES,
            "kinds": AgendaItem.Kind.choices,
            "audiences": {name: audience(meeting, values[name]) for name in ITEM_LABELS},
        },
        status=status,
    )


@require_GET
def audience_hint(request: ReaderRequest, reference: str) -> HttpResponse:
    """Who a label chosen on a form will reach at this meeting (htmx swaps it in)."""
    meeting = officer_meeting_or_404(request.reader, reference)
    value = next((request.GET[name] for name in request.GET if name.endswith("label")), "0")
    try:
        label = Label.parse(value)
    except ServiceError:
        raise Http404("No such label.") from None
    return page(request, "workspace/audience.html", {"audience": audience(meeting, label)})


MEETING_FIELDS = ("number", "date", "start_time", "end_time", "location", "status")


@require_http_methods(["GET", "POST"])
def meeting_edit(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    values: dict = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    values["label"] = meeting.label
    version = meeting.version
    errors: dict = {}
    conflicts: list[dict] = []
    status = 200
    if request.method == "POST":
        try:
            values = {
                "number": parse_int(request.POST.get("number", ""), "number"),
                "date": parse_date(request.POST.get("date", ""), "date") or meeting.date,
                "start_time": parse_time(request.POST.get("start_time", ""), "start_time"),
                "end_time": parse_time(request.POST.get("end_time", ""), "end_time"),
                "location": request.POST.get("location", "").strip(),
                "status": request.POST.get("status", meeting.status),
                "label": Label.parse(request.POST.get("label", "0")),
            }
            meeting_update(
                actor=request.user, meeting=meeting, version=request.POST.get("version"), **values
            )
        except StaleVersion as error:
            conflicts = _conflicts(error, values)
            errors, version, status = errors_of(error), error.version, 409
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            return see_other(reverse("workspace:agenda", args=[meeting.reference]))
    return page(
        request,
        "workspace/meeting.html",
        {
            "meeting": meeting,
            "values": values,
            "version": version,
            "errors": errors,
            "conflicts": conflicts,
            # Cancelling has its own button (it asks why); the select only shows it as it is.
            "statuses": [
                choice
                for choice in Meeting.Status.choices
                if choice[0] != Meeting.Status.CANCELLED or meeting.status == choice[0]
            ],
            "label_choices": LABEL_CHOICES,
        },
        status=status,
    )
