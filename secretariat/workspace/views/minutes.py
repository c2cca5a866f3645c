"""Minute-taking: item by item, the public summary and the restricted record, outcomes (a verb
from the vocabulary, what it applies to, a label; on an assessment item, the status it sets)
and actions (owner, due date, label). Plain forms, so the keyboard alone does it: Tab through
the fields, Enter or the button saves.

Typing autosaves to the officer's own draft (htmx posts the field after a pause); leaving a
changed field, or the save button, writes the record once from the version the form was opened
on, and answers with the new version and a status line in place (out of band), so that the
field the officer moved to keeps its focus and whatever they type there."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from secretariat.actions.models import Action
from secretariat.actions.services import action_edit, action_raise
from secretariat.assurance.models import DirectorsLetter, UserSystemNotification
from secretariat.core import clock
from secretariat.core.services import ServiceError, StaleVersion
from secretariat.directory.models import Membership, Person
from secretariat.labels.access import covering_q
from secretariat.labels.models import Label
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.models import AgendaItem, Attendance, Outcome, OutcomeVerb
from secretariat.meetings.services import outcome_update
from secretariat.workspace import minutes as service
from secretariat.workspace import register_items
from secretariat.workspace.access import officer_item_or_404, officer_meeting_or_404, readable_item
from secretariat.workspace.minutes_models import MinutesApproval
from secretariat.workspace.selectors import CADENCE_DAYS, high_water_mark
from secretariat.workspace.views.agenda import _conflicts
from secretariat.workspace.views.common import (
    LABEL_CHOICES,
    errors_of,
    is_htmx,
    page,
    parse_date,
    see_other,
)


def _people(meeting) -> list[Person]:
    """Who may own an action: those recorded at the meeting and the body's seat holders."""
    recorded = Attendance.objects.filter(meeting=meeting).values("person_id")
    seated = (
        Membership.objects.filter(body_id=meeting.body_id)
        .filter(covering_q(meeting.date))
        .values("person_id")
    )
    return list(Person.objects.filter(Q(pk__in=recorded) | Q(pk__in=seated)).order_by("full_name"))


def _context(request, meeting, *, focus=None, errors=None, conflicts=None, drafts=None):
    reader = request.reader
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.select_related("verb")),
            Prefetch("actions", queryset=Action.objects.select_related("owner")),
        )
        .order_by("parent_id", "number")
    )
    for item in items:
        item.meeting = meeting
    readable = [item for item in items if readable_item(reader, item)]
    top = [item for item in readable if item.parent_id is None]
    children: dict[int, list[AgendaItem]] = {}
    for item in readable:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    ordered = []
    for item in top:
        ordered.append(item)
        ordered.extend(children.get(item.pk, []))
    outcomes = [o for item in readable for o in item.outcomes.all()]
    actions = [a for item in readable for a in item.actions.all()]
    drafts_saved = service.drafts_of(request.user, readable)
    assessments = service.item_assessments(reader, meeting)
    decisions = service.decisions_at(meeting) if assessments else {}
    records = register_items.item_records(reader, meeting)
    register_decided = register_items.decisions_at(meeting) if records else {}
    approvable = _approvable(reader, meeting, ordered)
    # What each outcome approved: the earlier meeting, whose publish page it links to.
    approved = {
        row.outcome_id: row.meeting
        for row in MinutesApproval.objects.filter(outcome__item__meeting=meeting).select_related(
            "meeting"
        )
    }
    for item in ordered:
        item.drafts = drafts_saved.get(item.pk, {})
        item.record = records.get(item.pk) or records.get(item.parent_id)
        item.record_kind = (
            "letter"
            if isinstance(item.record, DirectorsLetter)
            else "notification"
            if isinstance(item.record, UserSystemNotification)
            else ""
        )
        # A draft was typed on the version it records: saving it is a save from that version.
        stale_ok = conflicts and focus == item.pk
        item.form_version = (
            min(d.version for d in item.drafts.values())
            if item.drafts and not stale_ok
            else item.version
        )
        item.assessment = assessments.get(item.pk) or assessments.get(item.parent_id)
        for outcome in item.outcomes.all():
            outcome.decision = decisions.get(outcome.pk, "") or register_decided.get(outcome.pk, "")
            outcome.approves = approved.get(outcome.pk)
        item.suggested_verb, item.suggested_text = _suggestion(item, approvable)
    return {
        "meeting": meeting,
        "items": ordered,
        "hidden": len(items) - len(readable),
        "mark": high_water_mark(items, outcomes, actions),
        "verbs": list(OutcomeVerb.objects.filter(active=True).order_by("word")),
        "people": _people(meeting),
        "label_choices": LABEL_CHOICES,
        "statuses": Action.Status.choices,
        "focus": focus,
        "errors": errors or {},
        "conflicts": conflicts or [],
        "drafts": drafts or {},
        "statuses_by_kind": service.status_choices(meeting) if assessments else {},
        "approvable": approvable,
        "notification_decisions": UserSystemNotification.Decision.choices,
        # Actions fall due by the body's next meeting unless the officer says otherwise.
        "due_default": meeting.date + dt.timedelta(days=CADENCE_DAYS.get(meeting.body.cadence, 28)),
    }


def _suggestion(item, approvable) -> tuple[str, str]:
    """The verb and words the outcome form starts from, as the item's kind suggests: the SSC's
    usual phrasing, which the officer overwrites where the meeting said otherwise."""
    if item.kind == AgendaItem.Kind.MINUTES and approvable:
        return "APPROVED", f"the minutes of {approvable[0].reference}"
    if item.assessment is not None:
        kind = "Assurance" if item.assessment.status_kind == "assurance" else "Compliance"
        return "AGREED", f"the {kind} Status for {item.assessment.organisation.public_name}"
    if isinstance(item.record, DirectorsLetter):
        return "APPROVED", f"the Director's Letter of {item.record.organisation.public_name}"
    if isinstance(item.record, UserSystemNotification):
        return (
            "AGREED",
            f"how {item.record.organisation.public_name}'s further User System is reviewed",
        )
    return "NOTED", "the update"


def _approvable(reader, meeting, items) -> list:
    """Earlier meetings whose minutes this one may approve, offered on its Minutes item: only
    those the reader may know exist."""
    from secretariat.workspace.life import approvable_before

    if not any(item.kind == AgendaItem.Kind.MINUTES for item in items):
        return []
    return [m for m in approvable_before(meeting) if reader.admits(m.label, _scope(m))]


@require_GET
def minutes(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    return page(request, "workspace/minutes.html", _context(request, meeting))


def _saved(request, meeting, item, *, errors=None, conflicts=None, status=200):
    """The answer to a save from the minute's own form: without htmx, the page again; with it,
    only what changed, out of band (the version, the status line, the label and the mark), so
    nothing the officer is typing elsewhere is replaced."""
    if not is_htmx(request):
        return _answer(
            request,
            meeting,
            item,
            errors=errors,
            conflicts=conflicts,
            status=status,
            # Whatever was refused, the officer's text stays in the form.
            drafts=(
                {f: request.POST.get(f, "") for f in ("summary", "restricted_text")}
                if errors
                else None
            ),
        )
    context = _context(request, meeting, focus=item.pk, errors=errors, conflicts=conflicts)
    context["item"] = next((i for i in context["items"] if i.pk == item.pk), item)
    context["saved_at"] = None if errors else clock.now()
    return page(request, "workspace/minutes/_saved.html", context, status=status)


def _answer(request, meeting, item, *, errors=None, conflicts=None, drafts=None, status=200):
    if not errors and not is_htmx(request):
        return see_other(
            reverse("workspace:minutes", args=[meeting.reference]) + f"#minute-{item.pk}"
        )
    context = _context(
        request, meeting, focus=item.pk, errors=errors, conflicts=conflicts, drafts=drafts
    )
    context["item"] = next((i for i in context["items"] if i.pk == item.pk), item)
    return page(request, "workspace/minutes.html", context, partial="minute", status=status)


@require_POST
def minute_item(request: ReaderRequest, reference: str, pk: int) -> HttpResponse:
    """The item's summary and restricted record, from the version the officer opened."""
    meeting = officer_meeting_or_404(request.reader, reference)
    item = officer_item_or_404(request.reader, meeting, pk)
    values: dict = {
        "summary": request.POST.get("summary", "").strip(),
        "summary_label": request.POST.get("summary_label", "0"),
        "restricted_text": request.POST.get("restricted_text", "").strip(),
        "label": request.POST.get("label", "0"),
    }
    try:
        values["summary_label"] = Label.parse(values["summary_label"], field="summary_label")
        values["label"] = Label.parse(values["label"], field="label")
        service.minute_save(
            actor=request.user, item=item, version=request.POST.get("version"), **values
        )
    except StaleVersion as error:
        return _saved(
            request,
            meeting,
            item,
            errors=errors_of(error),
            conflicts=_conflicts(error, values),
            status=409,
        )
    except ServiceError as error:
        return _saved(request, meeting, item, errors=errors_of(error), status=400)
    return _saved(request, meeting, item)


@require_POST
def minute_draft(request: ReaderRequest, reference: str, pk: int) -> HttpResponse:
    """Keep one field's typing as the officer's own draft (htmx, as they type), or discard the
    officer's drafts of the item (`discard`, a plain form)."""
    meeting = officer_meeting_or_404(request.reader, reference)
    item = officer_item_or_404(request.reader, meeting, pk)
    if request.POST.get("discard"):
        service.draft_discard(actor=request.user, item=item)
        return see_other(
            reverse("workspace:minutes", args=[meeting.reference]) + f"#minute-{item.pk}"
        )
    field = request.POST.get("field", "")
    try:
        draft = service.draft_keep(
            actor=request.user,
            item=item,
            field=field,
            text=request.POST.get(field, ""),
            version=request.POST.get("version"),
        )
    except ServiceError as error:
        return page(
            request,
            "workspace/minutes/_draft_status.html",
            {"item": item, "errors": errors_of(error)},
            status=400,
        )
    return page(request, "workspace/minutes/_draft_status.html", {"item": item, "draft": draft})


@require_POST
def outcome_add(request: ReaderRequest, reference: str, pk: int) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    item = officer_item_or_404(request.reader, meeting, pk)
    try:
        service.outcome_decide(
            actor=request.user,
            reader=request.reader,
            meeting=meeting,
            item=item,
            verb=request.POST.get("verb", ""),
            text=request.POST.get("text", ""),
            label=request.POST.get("outcome_label", "0"),
            status=request.POST.get("status", "").strip(),
            approves=request.POST.get("approves", "").strip(),
            letter=request.POST.get("letter", "").strip(),
            decision=request.POST.get("decision", "").strip(),
        )
    except ServiceError as error:
        return _answer(request, meeting, item, errors=errors_of(error), status=400)
    return _answer(request, meeting, item)


@require_POST
def outcome_change(request: ReaderRequest, reference: str, pk: int, outcome: int) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    item = officer_item_or_404(request.reader, meeting, pk)
    record = item.outcomes.filter(pk=outcome).first()
    if record is None or not request.reader.admits(record.label, _scope(meeting)):
        return _answer(request, meeting, item, errors={"outcome": ["No such outcome."]}, status=404)
    values = {
        "verb": request.POST.get("verb", ""),
        "text": request.POST.get("text", "").strip(),
        "label": request.POST.get("outcome_label", "0"),
    }
    try:
        outcome_update(
            actor=request.user, outcome=record, version=request.POST.get("version"), **values
        )
    except StaleVersion as error:
        return _answer(request, meeting, item, errors=errors_of(error), status=409)
    except ServiceError as error:
        return _answer(request, meeting, item, errors=errors_of(error), status=400)
    return _answer(request, meeting, item)


def _scope(meeting):
    from secretariat.meetings.access import meeting_scope

    return meeting_scope(meeting)


@require_POST
def action_add(request: ReaderRequest, reference: str, pk: int) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    item = officer_item_or_404(request.reader, meeting, pk)
    owner_id = request.POST.get("owner", "")
    try:
        owner = Person.objects.filter(pk=int(owner_id)).first() if owner_id.isdigit() else None
        if owner is None:
            raise ServiceError({"owner": "Choose who owns the action."})
        action_raise(
            actor=request.user,
            item=item,
            text=request.POST.get("text", ""),
            owner=owner,
            due_date=parse_date(request.POST.get("due_date", ""), "due_date"),
            label=request.POST.get("action_label") or None,
        )
    except ServiceError as error:
        return _answer(request, meeting, item, errors=errors_of(error), status=400)
    return _answer(request, meeting, item)


@require_POST
def action_change(request: ReaderRequest, reference: str, pk: int, action: int) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    item = officer_item_or_404(request.reader, meeting, pk)
    record = item.actions.filter(pk=action).first()
    if record is None:
        return _answer(request, meeting, item, errors={"action": ["No such action."]}, status=404)
    try:
        values = {
            "text": request.POST.get("text", "").strip(),
            "status": request.POST.get("status", record.status),
            "due_date": parse_date(request.POST.get("due_date", ""), "due_date"),
        }
        action_edit(
            actor=request.user, action=record, version=request.POST.get("version"), **values
        )
    except StaleVersion as error:
        return _answer(request, meeting, item, errors=errors_of(error), status=409)
    except ServiceError as error:
        return _answer(request, meeting, item, errors=errors_of(error), status=400)
    return _answer(request, meeting, item)
