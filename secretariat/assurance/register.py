"""The register's list: filtered, sorted and paginated in the database, so a page costs the
same at one year as at twenty. Only the rows of the page asked for are read in full.

Filters are public facts only (the kind of assessment, a party's category and pseudonym, a year,
a status): filtering by a real name would let a reader probe names they may not read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import QueryDict

from secretariat.assurance import selectors
from secretariat.assurance.models import (
    AgendaLink,
    Assessment,
    AssessmentKind,
    DirectorsLetter,
    NonCompliance,
    RemediationPlan,
    StatusDecision,
    StatusKind,
    UserSystemNotification,
    with_status_names,
)
from secretariat.directory.models import PartyCategory
from secretariat.labels.access import Reader

PER_PAGE = 50
SECTIONS = {
    "assessments": "Assessments",
    "letters": "Director's Letters",
    "notifications": "Notifications of a Second or Subsequent User System",
}
# name -> (label, order_by) per section; the first is the default.
SORTS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "assessments": {
        "recent": ("Most recent fieldwork first", ("-fieldwork_start", "-planned_start", "-id")),
        "oldest": ("Oldest fieldwork first", ("fieldwork_start", "planned_start", "id")),
        "party": ("Party", ("organisation__category", "organisation__pseudonym", "-id")),
        "kind": ("Kind of assessment", ("kind", "-fieldwork_start", "-id")),
    },
    "letters": {
        "recent": ("Most recent first", ("-submitted_on", "-id")),
        "oldest": ("Oldest first", ("submitted_on", "id")),
        "party": ("Party", ("organisation__category", "organisation__pseudonym", "-id")),
    },
    "notifications": {
        "recent": ("Most recent first", ("-received_on", "-id")),
        "oldest": ("Oldest first", ("received_on", "id")),
        "party": ("Party", ("organisation__category", "organisation__pseudonym", "-id")),
    },
}
DATES: dict[str, str | None] = {
    "assessments": None,
    "letters": "submitted_on",
    "notifications": "received_on",
}


@dataclass
class Filters:
    show: str = "assessments"
    kind: str = ""
    category: str = ""
    pseudonym: str = ""
    year: int | None = None
    status: str = ""
    sort: str = "recent"
    page: str = "1"
    problems: list[str] = field(default_factory=list)

    def query(self, **changes) -> str:
        """This view's address with some filters changed (for sort links and page links)."""
        values = {
            "show": self.show,
            "kind": self.kind,
            "category": self.category,
            "party": self.pseudonym,
            "year": str(self.year or ""),
            "status": self.status,
            "sort": self.sort,
            **changes,
        }
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value and not (key == "sort" and value == "recent"):
                query[key] = str(value)
        return f"?{query.urlencode()}" if query else "?"


def read_filters(params: QueryDict) -> Filters:
    """The filters asked for; a value that makes no sense is dropped with a message saying
    what was wrong, never an error page."""
    found = Filters()
    show = params.get("show", "assessments")
    if show in SECTIONS:
        found.show = show
    else:
        found.problems.append(f"show: {show!r} is not a part of the register; showing assessments.")
    kind = params.get("kind", "")
    if kind and kind not in AssessmentKind.values:
        found.problems.append(f"kind: {kind!r} is not a kind of assessment.")
    else:
        found.kind = kind
    category = params.get("category", "")
    if category and category not in PartyCategory.values:
        found.problems.append(f"category: {category!r} is not a party category.")
    else:
        found.category = category
    pseudonym = params.get("party", "").strip().strip("'\"‘’").upper()
    if pseudonym and not (pseudonym.isalpha() and len(pseudonym) <= 8):
        found.problems.append(f"party: {pseudonym!r} is not a pseudonym such as AA.")
    else:
        found.pseudonym = pseudonym
    year = params.get("year", "").strip()
    if year:
        if year.isdigit() and 1990 <= int(year) <= 2100:
            found.year = int(year)
        else:
            found.problems.append(f"year: {year!r} is not a year such as 2019.")
    found.status = params.get("status", "").strip()[:80]
    sort = params.get("sort", "recent")
    if sort in SORTS[found.show]:
        found.sort = sort
    else:
        found.problems.append(f"sort: {sort!r} is not a way to sort this list.")
    found.page = params.get("page", "1")
    return found


def _current_status() -> Subquery:
    return Subquery(
        StatusDecision.objects.filter(assessment=OuterRef("pk"))
        .order_by("-effective_from", "-id")
        .values("status__key")[:1]
    )


def _filtered(queryset: QuerySet, filters: Filters, date_field: str | None) -> QuerySet:
    if filters.category:
        queryset = queryset.filter(organisation__category=filters.category)
    if filters.pseudonym:
        queryset = queryset.filter(organisation__pseudonym=filters.pseudonym)
    if filters.year:
        if date_field is None:
            queryset = queryset.filter(
                Q(fieldwork_start__year=filters.year)
                | Q(fieldwork_start__isnull=True, planned_start__year=filters.year)
            )
        else:
            queryset = queryset.filter(**{f"{date_field}__year": filters.year})
    return queryset


def status_choices() -> list[tuple[str, str]]:
    """Statuses by their stable key, with today's names (Assurance first, then Compliance)."""
    from secretariat.assurance.models import Status
    from secretariat.core import clock

    today = clock.today()
    statuses = Status.objects.prefetch_related("names").order_by("kind", "position")
    return [
        (status.key, f"{status.name_on(today)} ({StatusKind(status.kind).label})")
        for status in statuses
    ]


# What a page shows of its records' links, decisions, findings and plans is read as plain
# columns, one query each, for the page's keys alone: building model instances and Django's
# prefetching for a few hundred small rows cost more than reading them.


@dataclass
class Listed:
    """One row of the register's list: the record, the references of the SSC meetings whose
    agendas considered it (in meeting order), and for an assessment the status in effect (its
    latest decision), its findings' referral dates and its remediation plans' (state, due date)."""

    record: Any
    meetings: list[str] = field(default_factory=list)
    status: str = ""
    status_on: dt.date | None = None
    referred_on: list[dt.date | None] = field(default_factory=list)
    plans: list[tuple[str, dt.date]] = field(default_factory=list)

    def flags(self, today: dt.date) -> list[str]:
        flags = []
        if self.record.response_is_late(today):
            flags.append("Response late")
        if any(
            RemediationPlan(state=state, due_on=due_on).is_overdue(today)
            for state, due_on in self.plans
        ):
            flags.append("Remediation overdue")
        if any(self.referred_on):
            flags.append("Referred to the Panel")
        return flags


MODELS = {
    "assessments": (Assessment, "assessment"),
    "letters": (DirectorsLetter, "letter"),
    "notifications": (UserSystemNotification, "notification"),
}


def _listed(show: str, keys: list[int]) -> list[Listed]:
    """The page's records in the order of `keys`, each with what the list shows of it."""
    model, kind = MODELS[show]
    records = model._default_manager.select_related("organisation").in_bulk(keys)
    rows = {pk: Listed(records[pk]) for pk in keys if pk in records}
    ids = list(rows)
    links = (
        AgendaLink.objects.filter(**{f"{kind}_id__in": ids})
        .order_by("item__meeting__date", "item__number")
        .values_list(f"{kind}_id", "item__meeting__reference")
    )
    for pk, reference in links:
        meetings = rows[pk].meetings
        if reference not in meetings:
            meetings.append(reference)
    if show == "assessments":
        decisions = (
            with_status_names(StatusDecision.objects.filter(assessment_id__in=ids))
            .order_by("effective_from", "id")
            .values_list("assessment_id", "effective_from", "status_name")
        )
        # The latest decision sets the status in effect.
        for pk, effective_from, name in decisions:
            rows[pk].status, rows[pk].status_on = name or "", effective_from
        findings = (
            NonCompliance.objects.filter(assessment_id__in=ids)
            .order_by()
            .values_list("assessment_id", "referred_on", "plans__state", "plans__due_on")
        )
        for pk, referred_on, state, due_on in findings:
            rows[pk].referred_on.append(referred_on)
            if state is not None:
                rows[pk].plans.append((state, due_on))
    return list(rows.values())


def considered_kinds(meeting) -> tuple[str, ...]:
    """The kinds of register record the meeting's agenda considered (one query), for the door
    to be asked of those alone (`selectors.meeting_links`): building its filter for a kind costs
    more than running it."""
    counts = AgendaLink.objects.filter(item__meeting=meeting).aggregate(
        *(Count(kind) for kind in selectors.KINDS)
    )
    return tuple(kind for kind in selectors.KINDS if counts[f"{kind}__count"])


def register_page(reader: Reader, filters: Filters) -> tuple[Page, int]:
    """One page of one part of the register, as the reader may see it, and how many rows the
    filters match."""
    date_field = DATES[filters.show]
    order = SORTS[filters.show][filters.sort][1]
    if filters.show == "assessments":
        ids = _filtered(selectors.visible_assessments(reader), filters, None)
        if filters.kind:
            ids = ids.filter(kind=filters.kind)
        if filters.status:
            ids = ids.annotate(current_status=_current_status()).filter(
                current_status=filters.status
            )
    elif filters.show == "letters":
        ids = _filtered(selectors.visible_letters(reader), filters, date_field)
    else:
        ids = _filtered(selectors.visible_notifications(reader), filters, date_field)
    # Every matching key in order, read once: the door's filter is the costly part of the
    # query, and counting then slicing would read it twice.
    paginator = Paginator(list(ids.order_by(*order).values_list("pk", flat=True)), PER_PAGE)
    page = paginator.get_page(filters.page)
    page.object_list = _listed(filters.show, list(page.object_list))
    return page, paginator.count


__all__ = [
    "SECTIONS",
    "SORTS",
    "Assessment",
    "DirectorsLetter",
    "Filters",
    "UserSystemNotification",
    "read_filters",
    "register_page",
    "status_choices",
]
