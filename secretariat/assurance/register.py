"""The register's list: filtered, sorted and paginated in the database, so a page costs the
same at one year as at twenty. Only the rows of the page asked for are prefetched.

Filters are public facts only (the kind of assessment, a party's category and pseudonym, a year,
a status): filtering by a real name would let a reader probe names they may not read."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
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


# The register's lists prefetch into plain lists (`to_attr`): Django then builds no filtered
# manager for each of a page's records and findings, which cost more than the rows themselves
# (a status decision's query carries a subquery, copied for each).
LINKS, DECISIONS = "listed_links", "listed_decisions"
FINDINGS, PLANS = "listed_findings", "listed_plans"


def _listed_links() -> Prefetch:
    """A list's links with what it shows of them: the meeting's reference."""
    links = AgendaLink.objects.select_related("item__meeting").only(
        *("assessment_id", "letter_id", "notification_id", "item__meeting__reference")
    )
    return Prefetch(
        "agenda_links",
        queryset=links.order_by("item__meeting__date", "item__number"),
        to_attr=LINKS,
    )


def register_assessments_query() -> QuerySet:
    """Assessments with what the register list shows: one query per prefetch. The caller
    filters it through the door (`visible_assessments`) or by the keys of rows it has."""
    decisions = with_status_names(
        StatusDecision.objects.only("id", "assessment_id", "effective_from")
    ).order_by("effective_from", "id")
    return Assessment.objects.select_related("organisation", "cio").prefetch_related(
        Prefetch("status_decisions", queryset=decisions, to_attr=DECISIONS),
        _listed_links(),
        Prefetch(
            "non_compliances",
            queryset=NonCompliance.objects.prefetch_related(
                Prefetch("plans", queryset=RemediationPlan.objects.all(), to_attr=PLANS)
            ),
            to_attr=FINDINGS,
        ),
    )


def register_letters_query() -> QuerySet:
    return DirectorsLetter.objects.select_related(
        "organisation", "approved_by__item__meeting"
    ).prefetch_related(_listed_links())


def register_notifications_query() -> QuerySet:
    return UserSystemNotification.objects.select_related(
        "organisation", "decided_by__item__meeting"
    ).prefetch_related(_listed_links())


def considering_meetings(record) -> list:
    """The SSC meetings whose agendas considered the record (a register query's links)."""
    seen, meetings = set(), []
    for link in getattr(record, LINKS):
        meeting = link.item.meeting
        if meeting.pk not in seen:
            seen.add(meeting.pk)
            meetings.append(meeting)
    return meetings


def current_decision(assessment: Assessment) -> StatusDecision | None:
    """The status in effect: the latest decision (a register query's decisions)."""
    decisions = getattr(assessment, DECISIONS)
    return decisions[-1] if decisions else None


def findings_and_plans(assessment: Assessment) -> list[tuple[NonCompliance, list]]:
    """The assessment's non-compliances, each with its remediation plans (a register query's)."""
    return [(finding, getattr(finding, PLANS)) for finding in getattr(assessment, FINDINGS)]


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
        rows = register_assessments_query()
    elif filters.show == "letters":
        ids = _filtered(selectors.visible_letters(reader), filters, date_field)
        rows = register_letters_query()
    else:
        ids = _filtered(selectors.visible_notifications(reader), filters, date_field)
        rows = register_notifications_query()
    # Every matching key in order, read once: the door's filter is the costly part of the
    # query, and counting then slicing would read it twice.
    paginator = Paginator(list(ids.order_by(*order).values_list("pk", flat=True)), PER_PAGE)
    page = paginator.get_page(filters.page)
    wanted = list(page.object_list)
    by_pk = {row.pk: row for row in rows.filter(pk__in=wanted)}
    page.object_list = [by_pk[pk] for pk in wanted if pk in by_pk]
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
