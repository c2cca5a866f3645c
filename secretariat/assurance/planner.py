"""The cycle planner: which assessment each party takes next, and when it falls due.

A party is planned while it holds a User Role. Its cycle year follows the last assessment of the
cycle (FUSA, VUSA or SSA) whose fieldwork has started; the type comes from the rule of the regime
in force for its category, its portfolio band and that year; the due date is the regime's
interval after that assessment's fieldwork (or the day it became a User, for the first FUSA).
Follow-ups and ad-hoc reviews sit outside the cycle and do not move it.

Everything here is read in a fixed number of queries, whatever the number of parties.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from secretariat.assurance.models import (
    ABBREVIATIONS,
    CYCLE_KINDS,
    Assessment,
    AssessmentKind,
    AssessmentRegime,
    Band,
    CycleRule,
    PartyRole,
    PortfolioSnapshot,
    StatusDecision,
)
from secretariat.directory.models import Organisation
from secretariat.labels.access import Scope
from secretariat.labels.models import Label

DEFAULT_WINDOW_DAYS = 90


class DueState:
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    NO_RULE = "no_rule"

    LABELS = {
        OVERDUE: "Overdue",
        DUE: "Due",
        UPCOMING: "Upcoming",
        NO_RULE: "No rule applies",
    }


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DueRow:
    """One party's next assessment. Derived from RED register entries, so RED, scoped to the
    party (its own users) and open to the secretariat."""

    organisation: Organisation
    state: str
    kind: str | None = None
    cycle_year: int | None = None
    due_on: dt.date | None = None
    band: str | None = None
    snapshot: PortfolioSnapshot | None = None
    regime: AssessmentRegime | None = None
    last: Assessment | None = None
    booked: Assessment | None = None
    note: str = ""

    label = Label.RED

    @property
    def scope(self) -> Scope:
        return Scope(organisation_id=self.organisation.pk, secretariat_reads_red=True)

    @property
    def kind_abbreviation(self) -> str:
        return ABBREVIATIONS[AssessmentKind(self.kind)] if self.kind else ""

    @property
    def state_label(self) -> str:
        return DueState.LABELS[self.state]

    @property
    def band_label(self) -> str:
        return Band(self.band).label if self.band else ""

    @property
    def portfolio(self) -> str:
        """'(1,234 domestic, 56 non-domestic on 3 Jan 2024)' from the snapshot the band came from;
        formatted here, as the template's `intcomma` cost more than the rest of a row."""
        snapshot = self.snapshot
        if snapshot is None:
            return ""
        return (
            f"({snapshot.domestic_premises:,} domestic, {snapshot.non_domestic_premises:,} "
            f"non-domestic on {snapshot.as_of.day} {snapshot.as_of:%b %Y})"
        )


class _World:
    """The register's facts the planner needs, fetched once."""

    def __init__(self, as_of: dt.date, organisations=None):
        # No ordering: the default one joins the organisations for nothing.
        roles = PartyRole.objects.filter(since__lte=as_of).exclude(until__lt=as_of).order_by()
        if organisations is not None:
            roles = roles.filter(organisation__in=organisations)
        self.became_user: dict[int, dt.date] = {}
        party_ids = set()
        for organisation_id, since in roles.values_list("organisation_id", "since"):
            party_ids.add(organisation_id)
            current = self.became_user.get(organisation_id)
            self.became_user[organisation_id] = min(since, current) if current else since
        cycle = Assessment.objects.filter(kind__in=CYCLE_KINDS).annotate(
            anchor=Coalesce("fieldwork_end", "fieldwork_start")
        )
        # Of each party's cycle assessments only those a plan looks at: the last whose fieldwork
        # had started (by its anchor: the end of fieldwork, or its start while it runs; the
        # higher id on a tie, as `_row` chooses), read in the parties' own query, and those not
        # started yet. Twenty years of history stay in the database.
        started = cycle.filter(
            organisation=OuterRef("pk"), fieldwork_start__isnull=False, fieldwork_start__lte=as_of
        ).order_by("-anchor", "-id")
        self.parties = list(
            Organisation.objects.filter(pk__in=party_ids)
            .annotate(last_started=Subquery(started.values("pk")[:1]))
            .order_by("category", "pseudonym")
        )
        # Each party's latest portfolio snapshot on `as_of` (the latest entered, on a tie).
        latest = PortfolioSnapshot.objects.filter(
            organisation=OuterRef("organisation"), as_of__lte=as_of
        ).order_by("-as_of", "-id")
        self.snapshots: dict[int, PortfolioSnapshot] = {
            snapshot.organisation_id: snapshot
            for snapshot in PortfolioSnapshot.objects.filter(
                organisation_id__in=party_ids, pk=Subquery(latest.values("pk")[:1])
            ).order_by()
        }
        last = [party.last_started for party in self.parties if party.last_started is not None]
        self.assessments: dict[int, list[Assessment]] = defaultdict(list)
        for assessment in (
            cycle.filter(organisation_id__in=party_ids)
            .filter(Q(fieldwork_start__isnull=True) | Q(fieldwork_start__gt=as_of) | Q(pk__in=last))
            .order_by("fieldwork_start", "planned_start", "id")
        ):
            self.assessments[assessment.organisation_id].append(assessment)
        self.regime = regime_on(
            as_of,
            queryset=AssessmentRegime.objects.prefetch_related(
                Prefetch("rules", queryset=CycleRule.objects.all())
            ),
        )
        self.rules = (
            {(r.category, r.band, r.cycle_year): r.kind for r in self.regime.rules.all()}
            if self.regime
            else {}
        )


def regime_on(day: dt.date, *, queryset=None) -> AssessmentRegime | None:
    queryset = AssessmentRegime.objects.all() if queryset is None else queryset
    return (
        queryset.filter(valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from")
        .first()
    )


def _row(world: _World, party: Organisation, as_of: dt.date, window_days: int) -> DueRow:
    regime = world.regime
    if regime is None:
        return DueRow(party, DueState.NO_RULE, note=f"No assessment regime in force on {as_of}.")
    snapshot = world.snapshots.get(party.pk)
    band = regime.band(snapshot, party.category)
    history = world.assessments.get(party.pk, [])
    # (anchor, assessment) for each assessment whose fieldwork had started by `as_of`.
    started = [
        (a.fieldwork_end or a.fieldwork_start, a)
        for a in history
        if a.fieldwork_start is not None and a.fieldwork_start <= as_of
    ]
    anchor, last = max(started, key=lambda pair: (pair[0], pair[1].pk), default=(None, None))
    due: dt.date | None
    if anchor is None or last is None:
        year, due = 1, world.became_user.get(party.pk)
        note = "Initial FUSA, due before the party became a User."
    else:
        previous = last.cycle_year or regime.cycle_years
        year = 1 if previous >= regime.cycle_years else previous + 1
        due = add_months(anchor, regime.interval_months)
        note = f"{regime.interval_months} months after the {last.abbreviation} fieldwork."
    kind = world.rules.get((party.category, band, year)) or world.rules.get(
        (party.category, Band.ANY, year)
    )
    done = {a.pk for _, a in started}
    booked = next(
        (
            a
            for a in history
            if a.pk not in done and (anchor is None or (a.planned_start or dt.date.max) >= anchor)
        ),
        None,
    )
    if kind is None:
        state = DueState.NO_RULE
        note = f"'{regime.name}' has no rule for a {party.get_category_display()} in year {year}."
        due = None
    elif due is None or due < as_of:
        state = DueState.OVERDUE
    elif due <= as_of + dt.timedelta(days=window_days):
        state = DueState.DUE
    else:
        state = DueState.UPCOMING
    return DueRow(
        party,
        state,
        kind=kind,
        cycle_year=year,
        due_on=due,
        band=band,
        snapshot=snapshot,
        regime=regime,
        last=last,
        booked=booked,
        note=note,
    )


def plan(
    as_of: dt.date, *, window_days: int = DEFAULT_WINDOW_DAYS, organisations=None
) -> list[DueRow]:
    """Every User's next assessment on `as_of`, most urgent first."""
    world = _World(as_of, organisations)
    rows = [_row(world, party, as_of, window_days) for party in world.parties]
    order = {DueState.OVERDUE: 0, DueState.DUE: 1, DueState.UPCOMING: 2, DueState.NO_RULE: 3}
    return sorted(
        rows,
        key=lambda row: (order[row.state], row.due_on or dt.date.min, row.organisation.public_name),
    )


def due_and_overdue(as_of: dt.date, *, window_days: int = DEFAULT_WINDOW_DAYS) -> list[DueRow]:
    return [
        row
        for row in plan(as_of, window_days=window_days)
        if row.state in (DueState.OVERDUE, DueState.DUE)
    ]


def next_due(organisation: Organisation, as_of: dt.date) -> DueRow | None:
    """The party's next assessment on `as_of`, or None if it holds no User Role then."""
    rows = plan(as_of, organisations=[organisation])
    return rows[0] if rows else None


# A register whose last entry is older than this is probably not being kept up to date for the
# day planned: every cycle would read overdue because nothing after it was recorded.
STALE_AFTER = dt.timedelta(days=365)


def records_end() -> dt.date | None:
    """The latest day the register records anything on (an assessment's dates, a portfolio
    snapshot, a status decision), or None for an empty register."""
    days = [
        *Assessment.objects.aggregate(
            Max("planned_start"),
            Max("fieldwork_start"),
            Max("fieldwork_end"),
            Max("report_received"),
            Max("response_received"),
        ).values(),
        PortfolioSnapshot.objects.aggregate(Max("as_of"))["as_of__max"],
        StatusDecision.objects.aggregate(Max("effective_from"))["effective_from__max"],
    ]
    return max((day for day in days if day is not None), default=None)
