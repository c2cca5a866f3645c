"""What the change and operations registers put into the Panel report: placeholders in a
highlight's officer-editable report text, filled from the records, each with its provenance, and
the check of every count against the meetings' outcomes.

Placeholders (in an item's report text):

  {incidents}            the number, in words, of major incidents this item reviewed ("three")
  {incident_months}      the months they happened in ("April")
  {streaks}              the measures at AMBER or worse for at least the streak rule's months,
                         as of the meeting ("a performance metric related to OTA had been at
                         “Amber” status or worse for 5 consecutive months")
  {overdue_reports}      the reports owed by the DCC to the item's body overdue at the meeting
  {draft_proposals}      the Draft Proposals this item considered, as numbers ("071 to 076")
  {draft_proposal_list}  the same, one per paragraph ("DP073 ‘alteration of …’")

Labels carry through: a number names no record and is WHITE; a name or title keeps its record's
label, and where that is above the highlight's own label the sentence says less (a measure is "a
performance measure", a report "one report owed by the DCC") rather than raise the highlight
out of the report. A change the highlight may not name is left out of the list, and the compile
says so.

The check: every record a placeholder counts must be linked to an item of a meeting in the
period with an outcome; and every such link of a body whose highlights count that kind of record
must be counted by one of them. A disagreement is listed on the compile page and blocks
publication until an officer resolves it with a recorded reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, Count, DateField, F, IntegerField, Value
from django.urls import reverse

from secretariat.changes.models import Change, ChangeLink
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.operations import measures as ratings
from secretariat.operations.models import Incident, IncidentReview, Measure, OwedReport
from secretariat.reports.compiler import figures
from secretariat.reports.numbers import in_words
from secretariat.reports.periods import Period

PLACEHOLDER = re.compile(
    r"\{(incidents|incident_months|streaks|overdue_reports|draft_proposals|draft_proposal_list)\}"
)
INCIDENT_KEYS = {"incidents", "incident_months"}
CHANGE_KEYS = {"draft_proposals", "draft_proposal_list"}


@dataclass(frozen=True)
class Provenance:
    """One filled placeholder: where, what it says, and the records it came from."""

    source: str
    placeholder: str
    value: str
    records: tuple[tuple[str, str], ...]  # (text, address)


@dataclass(frozen=True)
class Disagreement:
    key: str  # stable, so that an officer's resolution stays with it
    text: str


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _numbers(changes: list[Linked]) -> str:
    """'071 to 076' for a run, '071, 073 and 075' otherwise."""
    numbers = sorted(int(re.sub(r"\D", "", c.reference)) for c in changes)
    text = [f"{n:03d}" for n in numbers]
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{text[0]} to {text[-1]}"
    return _join(text)


@dataclass(frozen=True)
class Linked:
    """An incident's review at, or a Draft Proposal's link to, an agenda item of the period:
    what the placeholders and the check ask of it."""

    pk: int  # of the review or the link
    item_id: int
    item_number: str
    meeting_reference: str
    body_id: int
    outcome_count: int  # the item's outcomes
    kind: str  # "incident" or "change"
    reference: str  # the incident's or the change's
    occurred_on: dt.date | None  # an incident's
    title: str  # a change's
    label: Label  # a change's, the higher of its own and its title's


def _period_links(period: Period) -> list[Linked]:
    """The period's incident reviews and Draft Proposals' links, in one query: a union of the
    columns `Linked` needs, each given by both kinds as annotations in the same order (the last
    two are the change's labels)."""

    def part(queryset, kind: str, **own):
        columns = {
            "row_pk": F("pk"),
            "row_item": F("item_id"),
            "row_number": F("item__number"),
            "row_meeting": F("item__meeting__reference"),
            "row_body": F("item__meeting__body_id"),
            "row_outcomes": Count("item__outcomes"),
            "row_kind": Value(kind, output_field=CharField()),
            **own,
        }
        return (
            queryset.filter(
                item__meeting__date__gte=period.start, item__meeting__date__lte=period.end
            )
            .order_by()
            .annotate(**columns)
            .values_list(*columns)
        )

    no_text, no_label = Value("", output_field=CharField()), Value(0, output_field=IntegerField())
    reviews = part(
        IncidentReview.objects.all(),
        "incident",
        row_reference=F("incident__reference"),
        row_day=F("incident__occurred_on"),
        row_title=no_text,
        row_label=no_label,
        row_title_label=no_label,
    )
    links = part(
        ChangeLink.objects.filter(change__kind=Change.Kind.DRAFT),
        "change",
        row_reference=F("change__reference"),
        row_day=Value(None, output_field=DateField()),
        row_title=F("change__title"),
        row_label=F("change__label"),
        row_title_label=F("change__title_label"),
    )
    return [
        Linked(pk, item, number, meeting, body, outcomes, kind, ref, day, title, Label(max(labels)))
        for pk, item, number, meeting, body, outcomes, kind, ref, day, title, *labels in (
            reviews.union(links, all=True)
        )
    ]


class RegisterFacts:
    """Reads the registers once per compile (a handful of queries whatever their size)."""

    def __init__(self, period: Period):
        self.period = period
        self.provenance: list[Provenance] = []
        self.warnings: list[str] = []
        # What the placeholders counted: (kind, link id) and the bodies whose highlights count.
        self._counted: set[tuple[str, int]] = set()
        self._counting_bodies: dict[str, set[int]] = defaultdict(set)
        linked = _period_links(period)
        self.reviews = sorted(
            (row for row in linked if row.kind == "incident"),
            key=lambda row: (row.occurred_on, row.reference),
        )
        self.links = sorted(
            (row for row in linked if row.kind == "change"), key=lambda row: row.reference
        )
        self._measures: list[Measure] | None = None
        self._owed: list[OwedReport] | None = None
        # The meetings pictures are drawn for, by reference: a highlight's own meeting is already
        # loaded when its text is filled, so a picture costs no lookup of it.
        self._meetings: dict[str, Meeting] = {}

    # -- filling --------------------------------------------------------------------------------

    def fill(self, item: AgendaItem, text: str, label: Label) -> str:
        if "{" not in text:
            return text
        # A picture asked for is the item's meeting's, whatever an officer later edits around it.
        text = figures.stamp(text, item.meeting)
        self._meetings.setdefault(item.meeting.reference, item.meeting)
        source = f"{item.meeting.reference} item {item.number}"

        def value(match: re.Match) -> str:
            key = match.group(1)
            filled, records = getattr(self, f"_{key}")(item, label)
            self.provenance.append(Provenance(source, "{" + key + "}", filled, tuple(records)))
            return filled

        return PLACEHOLDER.sub(value, text)

    def _item_reviews(self, item: AgendaItem) -> list:
        self._counting_bodies["incident"].add(item.meeting.body_id)
        found = [r for r in self.reviews if r.item_id == item.pk]
        self._counted |= {("incident", r.pk) for r in found}
        return found

    def _incident_records(self, reviews) -> list[tuple[str, str]]:
        return [(r.reference, reverse("operations:incident", args=[r.reference])) for r in reviews]

    def _incidents(self, item, label):
        reviews = self._item_reviews(item)
        return in_words(len(reviews)), self._incident_records(reviews)

    def _incident_months(self, item, label):
        reviews = self._item_reviews(item)
        months = sorted({r.occurred_on.replace(day=1) for r in reviews if r.occurred_on})
        return _join([f"{m:%B}" for m in months]), self._incident_records(reviews)

    def _all_measures(self) -> list[Measure]:
        if self._measures is None:
            self._measures = ratings.measures_with_values()
        return self._measures

    def figure(self, piece, scope):
        """The blocks a picture's paragraph stands for (see compiler.figures), or None for a
        paragraph that asks for none. Each picture's records go to the provenance."""
        match = figures.DRAWN.match(piece.text.strip())
        if match is None:
            return None
        key, reference = match.groups()
        if reference not in self._meetings:
            found = Meeting.objects.select_related("body").filter(reference=reference).first()
            if found is not None:
                self._meetings[reference] = found
        meeting = self._meetings.get(reference)
        if meeting is None:
            self.warnings.append(f"{piece.text.strip()} names no meeting: it is left out.")
            return ()
        months = figures.window(meeting.date)
        if key == "measures_heatmap":
            measures = [m for m in self._all_measures() if m.body_id == meeting.body_id]
            block = figures.measures_heatmap(measures, meeting, piece.label, scope)
            records = [(m.code, reverse("operations:measure", args=[m.code])) for m in measures]
        else:
            incidents = list(
                Incident.objects.filter(
                    body_id=meeting.body_id,
                    occurred_on__gte=months[0],
                    occurred_on__lt=meeting.date.replace(day=1),
                )
                .order_by("occurred_on", "reference")
                .values_list("reference", "occurred_on")
            )
            block = figures.incidents_heatmap(
                [day for _, day in incidents], meeting, piece.label, scope
            )
            records = [(ref, reverse("operations:incident", args=[ref])) for ref, _ in incidents]
        self.provenance.append(
            Provenance(meeting.reference, "{" + key + "}", block.title, tuple(records))
        )
        return (block,)

    def _streaks(self, item, label):
        self._all_measures()
        assert self._measures is not None
        day = item.meeting.date
        mine = [m for m in self._measures if m.body_id == item.meeting.body_id]
        # The rule in force on the meeting's day, read with the item (compiler._highlights).
        months = getattr(item, "streak_months", None)
        if months is None:
            months = ratings.streak_months(day)
        found = ratings.reportable_streaks(mine, day, months)
        if not found:
            return (
                f"no performance measure had been at “Amber” status or worse for {months} "
                "consecutive months",
                [],
            )
        sentences = []
        for streak in found:
            measure = streak.measure
            name = measure.report_phrase or (
                measure.name if measure.label <= label else "a performance measure"
            )
            sentences.append(
                f"{name} had been at “Amber” status or worse for {streak.length} consecutive months"
            )
        records = [
            (s.measure.code, reverse("operations:measure", args=[s.measure.code])) for s in found
        ]
        return _join(sentences), records

    def _overdue_reports(self, item, label):
        if self._owed is None:
            self._owed = list(OwedReport.objects.all())
        day = item.meeting.date
        overdue = [
            r for r in self._owed if r.body_id == item.meeting.body_id and r.was_overdue_on(day)
        ]
        records = [(r.title, reverse("operations:overview")) for r in overdue]
        if not overdue:
            return "no report owed by the DCC was overdue", records
        named = [
            f"‘{r.title}’ (due {r.due_on.day} {r.due_on:%B %Y})"
            for r in overdue
            if r.label <= label
        ]
        hidden = len(overdue) - len(named)
        if hidden:
            named.append(f"{in_words(hidden)} further report{'s' if hidden > 1 else ''}")
        return _join(named), records

    def _item_changes(self, item, label) -> list[Linked]:
        self._counting_bodies["change"].add(item.meeting.body_id)
        found = []
        for link in (lk for lk in self.links if lk.item_id == item.pk):
            self._counted.add(("change", link.pk))
            if link.label > label:
                self.warnings.append(
                    f"{link.reference} is left out of {item.meeting.reference} item "
                    f"{item.number}'s list: its label is above the highlight's."
                )
                continue
            found.append(link)
        return found

    def _change_records(self, changes) -> list[tuple[str, str]]:
        return [(c.reference, reverse("changes:detail", args=[c.reference])) for c in changes]

    def _draft_proposals(self, item, label):
        changes = self._item_changes(item, label)
        return _numbers(changes), self._change_records(changes)

    def _draft_proposal_list(self, item, label):
        changes = self._item_changes(item, label)
        lines = [f"{c.reference} ‘{c.title}’" for c in changes]
        return "\n\n".join(lines), self._change_records(changes)

    # -- the check ------------------------------------------------------------------------------

    def disagreements(self) -> list[Disagreement]:
        found = []
        kinds = (
            ("incident", self.reviews, "reviewed"),
            ("change", self.links, "considered"),
        )
        for kind, links, verb in kinds:
            for link in links:
                place = f"{link.meeting_reference} item {link.item_number}"
                counted = (kind, link.pk) in self._counted
                if counted and not link.outcome_count:
                    found.append(
                        Disagreement(
                            f"{kind}:{link.pk}:no-outcome",
                            f"{link.reference} is counted as {verb} at {place}, but no outcome of "
                            "that item records it.",
                        )
                    )
                elif (
                    not counted
                    and link.outcome_count
                    and link.body_id in self._counting_bodies[kind]
                ):
                    found.append(
                        Disagreement(
                            f"{kind}:{link.pk}:uncounted",
                            f"{link.reference} was {verb} at {place} (an outcome records it), but "
                            "no count in the report includes it.",
                        )
                    )
        return found
