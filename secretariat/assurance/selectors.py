"""Reads of the register that cross models: what a reader may see (through the one door), and
what the monthly Panel report draws on.

Who may read a register record (an assessment, a Director's Letter, a notification): the
secretariat, the party's own users, and those who heard, holding a seat (chair, member,
alternate) or minuting it, an SSC agenda item that considered the record. Observers, guests and
presenters who heard the item read it only where named. `visible_assessments` and friends say it as a database filter (the one
door's `reader.q`); `record_admits` says it for one fragment (`reader.admits`).

For the Panel report:

* `status_counts(kind, start, end) -> StatusCount`: how many records of a kind had a status set
  (or a letter approved, a notification decided) in a period, and how many the SSC considered.
  WHITE: it names no party.
* `escalations_for_period(start, end) -> list[Escalation]`: the non-compliances the SSC referred to
  the Panel in the period, grouped by assessment and meeting, each RED with its scope, for the
  report's confidential Appendix A.
* `decisions_for_period(start, end, kind=None) -> list[Decision]`: the statuses set in the period.
* `letters_for_period(start, end) -> list[LetterApproval]`: the Director's Letters approved.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from secretariat.assurance.models import (
    ABBREVIATIONS,
    ASSURANCE_BODY_CODE,
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
from secretariat.core import clock
from secretariat.directory.access import party_name
from secretariat.directory.models import Organisation
from secretariat.documents.labelled import Text
from secretariat.labels.access import Reader, Scope, Viewer
from secretariat.labels.models import Label, highest
from secretariat.meetings.models import Meeting

# -- the one door for register records ----------------------------------------------------------

_LINKS = "agenda_links__item__meeting"


def _visible(reader: Reader, queryset: QuerySet) -> QuerySet:
    base = queryset.model.objects.all()
    if queryset.query.has_filters():
        # The door's own scan narrowed to the records asked for (a meeting's few, say): the same
        # answer, but SQLite no longer reads the door over twenty years of the register first.
        base = base.filter(pk__in=queryset.values("pk"))
    allowed = base.filter(
        reader.q(
            label="label",
            body=f"{_LINKS}__body_id",
            meeting=f"{_LINKS}_id",
            item="agenda_links__item_id",
            date=f"{_LINKS}__date",
            organisation="organisation_id",
            secretariat_reads_red=True,
            seated_only=True,
        )
    ).values("pk")
    # The links are many: filtering by primary key keeps one row per record.
    return queryset.filter(pk__in=allowed)


def visible_assessments(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    return _visible(reader, Assessment.objects.all() if queryset is None else queryset)


def visible_letters(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    return _visible(reader, DirectorsLetter.objects.all() if queryset is None else queryset)


def visible_notifications(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    return _visible(reader, UserSystemNotification.objects.all() if queryset is None else queryset)


def register_scope(organisation_id: int, item=None) -> Scope:
    """The scope of a register fragment: the party's own, and (when it came before an SSC item)
    that item's, which opens it at RED to those who heard the item in a seat."""
    if item is None:
        return Scope(organisation_id=organisation_id, secretariat_reads_red=True)
    meeting = item.meeting
    return Scope(
        body_id=meeting.body_id,
        meeting_id=meeting.pk,
        item_id=item.pk,
        date=meeting.date,
        organisation_id=organisation_id,
        secretariat_reads_red=True,
        seated_only=True,
    )


def record_scopes(record) -> list[Scope]:
    """The scopes a record's fragments belong to: the party's own, and one per SSC agenda item
    that considered it (uses the prefetched links)."""
    return [register_scope(record.organisation_id)] + [
        register_scope(record.organisation_id, link.item) for link in record.agenda_links.all()
    ]


def record_admits(viewer: Viewer, label, record) -> bool:
    """Whether one fragment of a record, at `label`, reaches the viewer."""
    return any(viewer.admits(Label(label), scope) for scope in record_scopes(record))


def _get_or_404(queryset: QuerySet, pk: int, what: str):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(f"No such {what}.")
    return found


def _links_prefetch() -> Prefetch:
    return Prefetch(
        "agenda_links",
        queryset=AgendaLink.objects.select_related("item__meeting__body").order_by(
            "item__meeting__date", "item__number"
        ),
    )


def _names_prefetch(path: str = "status_decisions") -> Prefetch:
    return Prefetch(
        path,
        queryset=with_status_names(StatusDecision.objects.all())
        .select_related("status", "outcome__verb", "outcome__item__meeting")
        .order_by("effective_from", "id"),
    )


def get_assessment_or_404(reader: Reader, pk: int) -> Assessment:
    """The assessment with everything its page shows, if the reader may know it exists."""
    queryset = visible_assessments(
        reader,
        Assessment.objects.select_related(
            "organisation", "cio", "follows__organisation"
        ).prefetch_related(
            _links_prefetch(),
            _names_prefetch(),
            Prefetch(
                "non_compliances",
                queryset=NonCompliance.objects.select_related("referred_by__item__meeting")
                .prefetch_related(Prefetch("plans", queryset=RemediationPlan.objects.all()))
                .order_by("obligation", "id"),
            ),
            Prefetch("directors_letters", queryset=DirectorsLetter.objects.all()),
        ),
    )
    return _get_or_404(queryset, pk, "assessment")


def get_letter_or_404(reader: Reader, pk: int) -> DirectorsLetter:
    queryset = visible_letters(
        reader,
        DirectorsLetter.objects.select_related(
            "organisation", "assessment", "approved_by__verb", "approved_by__item__meeting"
        ).prefetch_related(_links_prefetch()),
    )
    return _get_or_404(queryset, pk, "Director's Letter")


def get_notification_or_404(reader: Reader, pk: int) -> UserSystemNotification:
    queryset = visible_notifications(
        reader,
        UserSystemNotification.objects.select_related(
            "organisation", "review", "decided_by__verb", "decided_by__item__meeting"
        ).prefetch_related(_links_prefetch()),
    )
    return _get_or_404(queryset, pk, "notification")


KINDS = ("assessment", "letter", "notification")


def meeting_links(reader: Reader, meeting: Meeting, kinds=KINDS) -> list[AgendaLink]:
    """The meeting's items considering records the reader may see, asking the door for `kinds`."""
    doors = {
        "assessment": (visible_assessments, Assessment),
        "letter": (visible_letters, DirectorsLetter),
        "notification": (visible_notifications, UserSystemNotification),
    }
    allowed = Q(pk__in=[])
    for kind in kinds:
        door, model = doors[kind]
        here = model._default_manager.filter(agenda_links__item__meeting=meeting)
        allowed |= Q(**{f"{kind}__in": door(reader, here)})
    return list(
        AgendaLink.objects.filter(item__meeting=meeting)
        .filter(allowed)
        .select_related(
            "item__parent",
            "assessment__organisation",
            "letter__organisation",
            "notification__organisation",
        )
        .order_by("item__number")
    )


# -- counts for the Panel report -----------------------------------------------------------------

LETTERS = "directors_letters"
NOTIFICATIONS = "notifications"
COUNT_KINDS = (*AssessmentKind.values, LETTERS, NOTIFICATIONS)


@dataclass(frozen=True)
class StatusCount:
    """How many records of a kind the SSC decided on in a period.

    `total`: assessments of the kind whose status was set in the period (each counted once, by
    its last decision of the period); for letters, the letters approved; for notifications, those
    decided. `by_status`: (status or decision name as used on the decision's date, how many).
    `considered`: records of the kind on an SSC agenda in the period, whether or not decided.

    The totals name no party, so `label` is WHITE. The breakdown is another matter: the public
    Meeting Headlines name, by pseudonym, every party whose assessment was considered, so a
    breakdown in which one status covers every record (one record alone, or all alike) tells
    each of those parties' status. `by_status_label` is then RED, and WHITE otherwise."""

    kind: str
    start: dt.date
    end: dt.date
    total: int
    by_status: tuple[tuple[str, int], ...]
    considered: int
    label: Label = Label.WHITE

    @property
    def by_status_label(self) -> Label:
        if any(count == self.total for _, count in self.by_status):
            return Label.RED
        return Label.WHITE


def _considered(start: dt.date, end: dt.date, **record) -> int:
    links = AgendaLink.objects.filter(
        item__meeting__body__code=ASSURANCE_BODY_CODE,
        item__meeting__date__gte=start,
        item__meeting__date__lte=end,
        **record,
    )
    field = next(iter(record)).split("__")[0]
    return links.values(field).distinct().count()


def status_counts(kind: str, start: dt.date, end: dt.date) -> StatusCount:
    """Counts for the monthly report, e.g. `status_counts("vusa", date(2019, 5, 1),
    date(2019, 5, 31))` for the VUSAs whose Compliance Status the SSC set in May 2019."""
    if kind not in COUNT_KINDS:
        raise ValueError(f"{kind!r} is not a kind to count: use one of {', '.join(COUNT_KINDS)}.")
    if end < start:
        raise ValueError("The period ends before it starts.")
    if kind == LETTERS:
        approved = DirectorsLetter.objects.filter(approved_on__gte=start, approved_on__lte=end)
        total = approved.count()
        return StatusCount(
            kind,
            start,
            end,
            total,
            (("Approved", total),) if total else (),
            _considered(start, end, letter__isnull=False),
        )
    if kind == NOTIFICATIONS:
        decided = Counter(
            UserSystemNotification.objects.filter(
                decided_on__gte=start, decided_on__lte=end
            ).values_list("decision", flat=True)
        )
        return StatusCount(
            kind,
            start,
            end,
            sum(decided.values()),
            tuple(
                (UserSystemNotification.Decision(decision).label, count)
                for decision, count in sorted(decided.items())
            ),
            _considered(start, end, notification__isnull=False),
        )
    decisions = (
        with_status_names(
            StatusDecision.objects.filter(
                assessment__kind=kind, effective_from__gte=start, effective_from__lte=end
            )
        )
        .select_related("status")
        .order_by("assessment_id", "effective_from", "id")
    )
    last = {decision.assessment_id: decision for decision in decisions}
    names = Counter(decision.name for decision in last.values())
    return StatusCount(
        kind,
        start,
        end,
        len(last),
        tuple(sorted(names.items())),
        _considered(start, end, assessment__kind=kind),
    )


# -- rows for the Panel report's confidential appendix ---------------------------------------------


def _party_text(organisation: Organisation) -> Text:
    """The party's real name at its own label, with the pseudonym for those not cleared."""
    return Text(
        organisation.name,
        Label(organisation.name_label),
        Scope(organisation_id=organisation.pk, secretariat_reads_red=True),
        withheld=organisation.public_name,
    )


@dataclass(frozen=True)
class EscalatedNonCompliance:
    obligation: str
    description: str
    severity: str
    plan_state: str
    plan_due_on: dt.date | None
    plan_overdue: bool
    label: Label


@dataclass(frozen=True)
class Escalation:
    """The non-compliances of one assessment that the SSC referred to the Panel at one meeting.

    RED by default (the highest label of the assessment and its non-compliances), scoped to the
    referring meeting and the party. `party_text` is a labelled Text for a report document: the
    real name for viewers cleared for it, the pseudonym otherwise; `party_name(viewer)` gives the
    same as a string."""

    organisation: Organisation
    assessment_id: int
    assessment_reference: str
    assessment_type: str
    assessment_abbreviation: str
    status_kind: str
    status: str
    status_set_on: dt.date | None
    meeting_reference: str
    referred_on: dt.date
    non_compliances: tuple[EscalatedNonCompliance, ...]
    label: Label
    scope: Scope

    @property
    def public_name(self) -> str:
        return self.organisation.public_name

    @property
    def party_text(self) -> Text:
        return _party_text(self.organisation)

    def party_name(self, viewer: Viewer) -> str:
        return party_name(viewer, self.organisation)


def _escalated_non_compliances(start: dt.date, end: dt.date) -> QuerySet:
    """The non-compliances referred in the period, each with its latest remediation plan (by
    due date) and the status in effect at the referring meeting, all in one query."""
    plans = RemediationPlan.objects.filter(non_compliance=OuterRef("pk")).order_by("-due_on", "-id")
    in_effect = with_status_names(
        StatusDecision.objects.filter(
            assessment=OuterRef("assessment_id"),
            effective_from__lte=OuterRef("referred_by__item__meeting__date"),
        )
    ).order_by("-effective_from", "-id")
    return (
        NonCompliance.objects.filter(referred_on__gte=start, referred_on__lte=end)
        .select_related("assessment__organisation", "referred_by__item__meeting")
        .annotate(
            plan_state=Subquery(plans.values("state")[:1]),
            plan_due_on=Subquery(plans.values("due_on")[:1]),
            status_then=Subquery(in_effect.values("status_name")[:1]),
            status_set_on=Subquery(in_effect.values("effective_from")[:1]),
        )
        .order_by("referred_on", "assessment_id", "obligation", "id")
    )


def escalations_for_period(
    start: dt.date, end: dt.date, *, today: dt.date | None = None
) -> list[Escalation]:
    """Non-compliances the SSC referred to the Panel from `start` to `end`, one row per assessment
    and referring meeting, in meeting order, in one query; `today` dates overdue plans."""
    today = today or clock.today()
    groups: dict[tuple[int, Meeting], list[Any]] = defaultdict(list)  # annotated rows
    for non_compliance in _escalated_non_compliances(start, end):
        if non_compliance.referred_by is None:
            continue
        meeting = non_compliance.referred_by.item.meeting
        groups[(non_compliance.assessment_id, meeting)].append(non_compliance)
    rows = []
    for (_, meeting), group in groups.items():
        first = group[0]
        referring = first.referred_by
        assert referring is not None  # grouped only when referred by an outcome
        assessment = first.assessment
        items = []
        for non_compliance in group:
            state, due_on = non_compliance.plan_state, non_compliance.plan_due_on
            items.append(
                EscalatedNonCompliance(
                    obligation=non_compliance.obligation,
                    description=non_compliance.description,
                    severity=non_compliance.get_severity_display(),
                    plan_state=RemediationPlan.State(state).label if state else "No plan",
                    plan_due_on=due_on,
                    plan_overdue=bool(
                        state and RemediationPlan(state=state, due_on=due_on).is_overdue(today)
                    ),
                    label=Label(non_compliance.label),
                )
            )
        rows.append(
            Escalation(
                organisation=assessment.organisation,
                assessment_id=assessment.pk,
                assessment_reference=assessment.reference,
                assessment_type=AssessmentKind(assessment.kind).label,
                assessment_abbreviation=assessment.abbreviation,
                status_kind=StatusKind(assessment.status_kind).label,
                status=first.status_then or "",
                status_set_on=first.status_set_on,
                meeting_reference=meeting.reference,
                referred_on=first.referred_on or meeting.date,
                non_compliances=tuple(items),
                label=highest([assessment.label, *(item.label for item in items)]),
                scope=register_scope(assessment.organisation_id, referring.item),
            )
        )
    return rows


@dataclass(frozen=True)
class Decision:
    """A status the SSC set: RED like its assessment, scoped to the deciding meeting."""

    organisation: Organisation
    assessment_id: int
    assessment_type: str
    assessment_abbreviation: str
    status_kind: str
    status: str
    meeting_reference: str
    effective_from: dt.date
    label: Label
    scope: Scope

    @property
    def public_name(self) -> str:
        return self.organisation.public_name

    @property
    def party_text(self) -> Text:
        return _party_text(self.organisation)


def decisions_for_period(
    start: dt.date, end: dt.date, *, kind: str | None = None
) -> list[Decision]:
    """Statuses set between `start` and `end`, optionally for one assessment type, by date."""
    decisions = (
        with_status_names(
            StatusDecision.objects.filter(effective_from__gte=start, effective_from__lte=end)
        )
        .select_related("assessment__organisation", "outcome__item__meeting", "status")
        .order_by("effective_from", "id")
    )
    if kind is not None:
        decisions = decisions.filter(assessment__kind=kind)
    return [decision_row(decision) for decision in decisions]


def decision_row(decision: StatusDecision) -> Decision:
    """A status decision as the report shows it; its assessment, organisation, outcome's item and
    meeting, status and the status's names come loaded."""
    assessment = decision.assessment
    meeting = decision.outcome.item.meeting
    return Decision(
        organisation=assessment.organisation,
        assessment_id=assessment.pk,
        assessment_type=AssessmentKind(assessment.kind).label,
        assessment_abbreviation=ABBREVIATIONS[AssessmentKind(assessment.kind)],
        status_kind=StatusKind(decision.status.kind).label,
        status=decision.name,
        meeting_reference=meeting.reference,
        effective_from=decision.effective_from,
        label=Label(assessment.label),
        scope=register_scope(assessment.organisation_id, decision.outcome.item),
    )


@dataclass(frozen=True)
class LetterApproval:
    organisation: Organisation
    letter_id: int
    subject: str
    submitted_on: dt.date
    approved_on: dt.date
    meeting_reference: str
    label: Label
    scope: Scope

    @property
    def public_name(self) -> str:
        return self.organisation.public_name

    @property
    def party_text(self) -> Text:
        return _party_text(self.organisation)


def letters_for_period(start: dt.date, end: dt.date) -> list[LetterApproval]:
    """Director's Letters the SSC approved between `start` and `end`, by date."""
    letters = (
        DirectorsLetter.objects.filter(approved_on__gte=start, approved_on__lte=end)
        .select_related("organisation", "approved_by__item__meeting")
        .order_by("approved_on", "id")
    )
    return [row for row in map(letter_row, letters) if row is not None]


def letter_row(letter: DirectorsLetter) -> LetterApproval | None:
    """A letter approved by an outcome, as the report shows it (None without one); its
    organisation and approving outcome's item and meeting come loaded."""
    if letter.approved_by is None:
        return None
    meeting = letter.approved_by.item.meeting
    return LetterApproval(
        organisation=letter.organisation,
        letter_id=letter.pk,
        subject=letter.subject,
        submitted_on=letter.submitted_on,
        approved_on=letter.approved_on or meeting.date,
        meeting_reference=meeting.reference,
        label=Label(letter.label),
        scope=register_scope(letter.organisation_id, letter.approved_by.item),
    )
