"""Pages of the security assurance register. Every record comes through the one door
(`selectors.visible_*` for lists, `get_*_or_404` for one record); a record the reader may not
see answers 404. Views only read."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from secretariat.assurance import planner, selectors
from secretariat.assurance import register as register_list
from secretariat.assurance.models import ASSURANCE_BODY_CODE, AssessmentKind, StatusKind
from secretariat.core import clock
from secretariat.directory.access import party_name
from secretariat.directory.models import PartyCategory
from secretariat.labels.models import Label, highest
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import get_meeting_or_404, item_scope


def _party(reader, organisation) -> str:
    """The real name beside the pseudonym where the reader may see it; the agendas and minutes
    use the pseudonym, so the officer needs both."""
    name = party_name(reader, organisation)
    public = organisation.public_name
    return public if name == public else f"{name} ({public})"


def _considered_at(reader, record) -> list[dict]:
    rows = []
    for link in record.agenda_links.all():
        item = link.item
        meeting = item.meeting
        scope = item_scope(item, meeting)
        rows.append(
            {
                "meeting": meeting,
                "number": item.number,
                "title": item.title if reader.admits(item.title_label, scope) else "",
                "anchor": f"item-{item.number}",
            }
        )
    return rows


def _outcome_text(reader, outcome) -> str:
    """'The SSC AGREED the Compliance Status for ...', where the reader may see the outcome."""
    if outcome is None:
        return ""
    if not reader.admits(outcome.label, item_scope(outcome.item)):
        return ""
    return f"The {ASSURANCE_BODY_CODE} **{outcome.verb.word}** {outcome.text}."


def _badge(label) -> str:
    """As the `label_badge` tag writes it."""
    name = Label(label).name
    return f'<span class="tlp tlp-{name.lower()}" title="TLP:{name}">{name}</span>\n'


def _register_line(show: str, listed: register_list.Listed, party: str, today: dt.date) -> str:
    """One row of the register's list, every value escaped as it goes in: written here rather
    than in the template, whose lookups, filters and tags cost more for a page of 50 rows than
    reading them (as the due list's rows)."""
    record = listed.record
    link = f'<a href="{escape(reverse(_RECORD_URLS[show], args=[record.pk]))}">'
    link += f"{escape(record.reference)}</a>"
    meetings = (
        ", ".join(
            f'<a href="{escape(reverse("assurance:meeting", args=[reference]))}">'
            f"{escape(reference)}</a>"
            for reference in listed.meetings
        )
        or "—"
    )
    if show == "assessments":
        kind: str = escape(record.abbreviation)
        if record.cycle_year:
            kind += f" (year {record.cycle_year})"
        if record.fieldwork_start:
            fieldwork = _day(record.fieldwork_start)
        elif record.planned_start:
            fieldwork = f"planned {_day(record.planned_start)}"
        else:
            fieldwork = "—"
        status = "—"
        if listed.status:
            status = (
                f'{escape(listed.status)} <span class="meta">from {_day(listed.status_on)}</span>'
            )
        flags = "; ".join(
            f'<strong class="error">{escape(flag)}</strong>' for flag in listed.flags(today)
        )
        return (
            f"<tr>\n<td>{link}</td>\n<td>{kind}</td>\n<td>{escape(party)}</td>\n"
            f"<td>{fieldwork}</td>\n<td>{status}</td>\n<td>{meetings}</td>\n<td>{flags}</td>\n"
            f"<td>{_badge(record.label)}</td>\n</tr>"
        )
    if show == "letters":
        dated = _day(record.submitted_on)
        outcome = _day(record.approved_on) if record.approved_on else "—"
    else:
        dated = _day(record.received_on)
        outcome = "—"
        if record.decision:
            outcome = f"{escape(record.get_decision_display())} ({_day(record.decided_on)})"
    return (
        f"<tr><td>{link}</td><td>{escape(party)}</td><td>{dated}</td><td>{outcome}</td>\n"
        f"<td>{meetings}</td><td>{_badge(record.label)}</td></tr>"
    )


_RECORD_URLS = {
    "assessments": "assurance:assessment",
    "letters": "assurance:letter",
    "notifications": "assurance:notification",
}


@require_GET
def register(request: ReaderRequest) -> HttpResponse:
    """The register, one part at a time, filtered, sorted and a page of 50 rows at a time."""
    reader = request.reader
    today = clock.today()
    filters = register_list.read_filters(request.GET)
    page, total = register_list.register_page(reader, filters)
    rows = []
    for listed in page.object_list:
        party = _party(reader, listed.record.organisation)
        line = _register_line(filters.show, listed, party, today)
        rows.append({"record": listed.record, "html": mark_safe(line)})
    sorts = register_list.SORTS[filters.show]
    return render(
        request,
        "assurance/register.html#list"
        if request.headers.get("HX-Request")
        else "assurance/register.html",
        {
            "filters": filters,
            "rows": rows,
            "page": page,
            "total": total,
            "sections": [
                (key, title, filters.query(show=key, sort="recent", page=""))
                for key, title in register_list.SECTIONS.items()
            ],
            "section_title": register_list.SECTIONS[filters.show],
            "sorts": [(key, label) for key, (label, _) in sorts.items()],
            "kinds": AssessmentKind.choices,
            "categories": [
                (value, label)
                for value, label in PartyCategory.choices
                if value not in ("code_administrator", "other")
            ],
            "statuses": register_list.status_choices() if filters.show == "assessments" else [],
            "previous_query": filters.query(page=page.previous_page_number())
            if page.has_previous()
            else "",
            "next_query": filters.query(page=page.next_page_number()) if page.has_next() else "",
            # The high-water mark of what this page shows.
            "label": highest(row["record"].label for row in rows),
        },
    )


@require_GET
def assessment_detail(request: ReaderRequest, pk: int) -> HttpResponse:
    reader = request.reader
    today = clock.today()
    assessment = selectors.get_assessment_or_404(reader, pk)
    shown = [assessment.label]
    decisions = [
        {
            "decision": decision,
            "name": decision.name,
            "meeting": decision.outcome.item.meeting,
            "outcome": _outcome_text(reader, decision.outcome),
        }
        for decision in assessment.status_decisions.all()
    ]
    non_compliances = []
    for non_compliance in assessment.non_compliances.all():
        if not selectors.record_admits(reader, non_compliance.label, assessment):
            continue
        shown.append(non_compliance.label)
        non_compliances.append(
            {
                "item": non_compliance,
                "plans": [
                    {"plan": plan, "overdue": plan.is_overdue(today)}
                    for plan in non_compliance.plans.all()
                ],
            }
        )
    letter_ids = [letter.pk for letter in assessment.directors_letters.all()]
    letters = (
        list(selectors.visible_letters(reader).filter(pk__in=letter_ids).order_by("submitted_on"))
        if letter_ids
        else []
    )
    follows = assessment.follows
    if (
        follows is not None
        and not selectors.visible_assessments(reader).filter(pk=follows.pk).exists()
    ):
        follows = None
    return render(
        request,
        "assurance/assessment.html",
        {
            "assessment": assessment,
            "party": party_name(reader, assessment.organisation),
            "cio": party_name(reader, assessment.cio) if assessment.cio else "",
            "status_kind": StatusKind(assessment.status_kind).label,
            "decisions": decisions,
            "non_compliances": non_compliances,
            "considered": _considered_at(reader, assessment),
            "letters": letters,
            "follows": follows,
            "response_late": assessment.response_is_late(today),
            "label": highest(shown),
        },
    )


@require_GET
def letter_detail(request: ReaderRequest, pk: int) -> HttpResponse:
    reader = request.reader
    letter = selectors.get_letter_or_404(reader, pk)
    assessment = letter.assessment
    if (
        assessment is not None
        and not selectors.visible_assessments(reader).filter(pk=assessment.pk).exists()
    ):
        assessment = None
    return render(
        request,
        "assurance/letter.html",
        {
            "letter": letter,
            "party": party_name(reader, letter.organisation),
            "assessment": assessment,
            "approval": _outcome_text(reader, letter.approved_by),
            "considered": _considered_at(reader, letter),
            "label": Label(letter.label),
        },
    )


@require_GET
def notification_detail(request: ReaderRequest, pk: int) -> HttpResponse:
    reader = request.reader
    notification = selectors.get_notification_or_404(reader, pk)
    review = notification.review
    if (
        review is not None
        and not selectors.visible_assessments(reader).filter(pk=review.pk).exists()
    ):
        review = None
    return render(
        request,
        "assurance/notification.html",
        {
            "notification": notification,
            "party": party_name(reader, notification.organisation),
            "review": review,
            "decision": _outcome_text(reader, notification.decided_by),
            "considered": _considered_at(reader, notification),
            "label": Label(notification.label),
        },
    )


@require_GET
def meeting_items(request: ReaderRequest, reference: str) -> HttpResponse:
    """A meeting's agenda items that consider register records, each beside its record: only the
    records the reader may see."""
    reader = request.reader
    meeting = get_meeting_or_404(reader, reference)
    kinds = register_list.considered_kinds(meeting)
    links = selectors.meeting_links(reader, meeting, kinds) if kinds else []
    rows = [
        {
            "link": link,
            "title": link.item.title
            if reader.admits(link.item.title_label, item_scope(link.item, meeting))
            else "",
            "record": link.record,
            "party": _party(reader, link.record.organisation),
        }
        for link in links
    ]
    return render(
        request,
        "assurance/meeting.html",
        {
            "meeting": meeting,
            "rows": rows,
            "label": highest(row["record"].label for row in rows),
        },
    )


def _parse_as_of(value: str | None) -> tuple[dt.date, str]:
    if not value:
        return clock.today(), ""
    try:
        return dt.date.fromisoformat(value), ""
    except ValueError:
        return clock.today(), f"as_of: {value!r} is not a date; write it as YYYY-MM-DD."


def _parse_window(value: str | None) -> tuple[int, str]:
    if not value:
        return planner.DEFAULT_WINDOW_DAYS, ""
    if value.isdigit() and 0 <= int(value) <= 3660:
        return int(value), ""
    return planner.DEFAULT_WINDOW_DAYS, f"window: {value!r} is not a number of days from 0 to 3660."


_CATEGORIES = dict(PartyCategory.choices)


def _day(day: dt.date | None) -> str:
    """As the templates' `date:"j M Y"` writes it."""
    return f"{day.day} {day:%b %Y}" if day is not None else ""


def _due_line(row, party: str) -> str:
    """One row of the due list, every value escaped as it goes in. Written here rather than in
    the template: the secretariat's list has a row for each User, and the template engine's
    filters and lookups cost more than planning them."""
    portfolio: str = escape(row.band_label or "—")
    if row.snapshot is not None:
        portfolio += f' <span class="meta">{escape(row.portfolio)}</span>'
    following = f"{escape(row.kind_abbreviation)}, year {row.cycle_year}" if row.kind else "—"
    state: str = escape(row.state_label)
    if row.state == planner.DueState.OVERDUE:
        state = f'<strong class="error">{state}</strong>'
    booked = "—"
    if row.booked is not None:
        url = reverse("assurance:assessment", args=[row.booked.pk])
        booked = f'<a href="{escape(url)}">{escape(row.booked.reference)}</a>'
        if row.booked.planned_start:
            booked += f" ({_day(row.booked.planned_start)})"
    return (
        f"<tr>\n<td>{escape(party)}</td>\n"
        f"<td>{escape(_CATEGORIES.get(row.organisation.category, row.organisation.category))}</td>\n"
        f"<td>{portfolio}</td>\n<td>{following}</td>\n<td>{_day(row.due_on) or '—'}</td>\n"
        f"<td>{state}</td>\n<td>{booked}</td>\n<td>{escape(row.note)}</td>\n</tr>"
    )


@require_GET
def due(request: ReaderRequest) -> HttpResponse:
    """What each party owes next. A row is derived from the party's RED register entries, so it
    reaches the secretariat and the party's own users."""
    reader = request.reader
    as_of, as_of_error = _parse_as_of(request.GET.get("as_of"))
    window, window_error = _parse_window(request.GET.get("window"))
    errors = [error for error in (as_of_error, window_error) if error]
    show_all = request.GET.get("all") == "1"
    wanted = None if show_all else (planner.DueState.OVERDUE, planner.DueState.DUE)
    rows = []
    # Plan only what the reader may read: a row is open to the secretariat and to the party's
    # own users, so a party's user pays for one plan and everyone else for none.
    if reader.is_secretariat:
        parties = None
    elif reader.organisation_id is not None:
        parties = [reader.organisation_id]
    else:
        parties = []
    if not errors and parties != []:
        for row in planner.plan(as_of, window_days=window, organisations=parties):
            if wanted is not None and row.state not in wanted:
                continue
            if not reader.admits(row.label, row.scope):
                continue
            party = _party(reader, row.organisation)
            rows.append({"row": row, "party": party, "html": mark_safe(_due_line(row, party))})
    return render(
        request,
        "assurance/due.html",
        {
            "rows": rows,
            "as_of": as_of,
            "window": window,
            "show_all": show_all,
            "errors": errors,
            "label": Label.RED if rows else Label.WHITE,
        },
        status=400 if errors else 200,
    )
