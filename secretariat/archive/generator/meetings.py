"""A year of meetings written in bulk: agenda items and sub-points, outcomes, papers, attendance,
actions and their updates at later meetings.

The rows keep the invariants the services enforce, without calling them:
* meeting numbers are unique per body and references are derived with `meeting_reference`;
* top-level items are numbered 1..n per meeting, sub-points 1..m per item, one level deep;
* a sub-point without its own label takes its parent's;
* outcome positions run 1..k per item, with active verbs and texts without a closing full stop;
* an action is labelled at least as high as its item, falls due on or after its meeting, and is
  referenced `<code><number>/<nn>` in the order raised; an update comes at a later meeting of the
  same body, at most one per meeting, labelled at least as high as its action; an action's status
  and completion date are those of its last update;
* attendance is recorded once per person per meeting, for the people whose term covers the date.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from secretariat.actions.models import Action, ActionUpdate
from secretariat.archive import vocabulary as words
from secretariat.archive.generator.schedule import Slot
from secretariat.archive.generator.world import BodyPlan, World
from secretariat.directory.models import Role
from secretariat.labels.models import Label
from secretariat.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Outcome,
    OutcomeVerb,
    Paper,
)

LABELS = (Label.WHITE, Label.GREEN, Label.AMBER, Label.RED)
VERB_WEIGHTS = {"NOTED": 55, "AGREED": 20, "APPROVED": 15, "RECOMMENDED": 10}
Kind = AgendaItem.Kind


def possessive(name: str) -> str:
    """As the seed writes it: Other User 'L's, the DCC's."""
    return f"{name}s" if name.endswith("'") else f"{name}'s"


def _month_day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class YearBatch:
    """The rows of one year, in the order they must be written."""

    def __init__(self):
        self.meetings: list[Meeting] = []
        self.items: list[AgendaItem] = []
        self.sub_points: list[AgendaItem] = []
        self.outcomes: list[Outcome] = []
        self.papers: list[Paper] = []
        self.item_papers: list[tuple[AgendaItem, Paper]] = []
        self.distribution: list[tuple[Paper, int]] = []
        self.attendance: list[Attendance] = []
        self.actions: list[Action] = []
        self.updates: list[ActionUpdate] = []
        self.progressed: dict[int, Action] = {}

    def write(self) -> dict[str, int]:
        Meeting.objects.bulk_create(self.meetings)
        AgendaItem.objects.bulk_create(self.items)
        AgendaItem.objects.bulk_create(self.sub_points)
        Outcome.objects.bulk_create(self.outcomes)
        Paper.objects.bulk_create(self.papers)
        ItemPaper = AgendaItem.papers.through
        ItemPaper.objects.bulk_create(
            ItemPaper(agendaitem_id=item.pk, paper_id=paper.pk) for item, paper in self.item_papers
        )
        Distribution = Paper.distribution.through
        Distribution.objects.bulk_create(
            Distribution(paper_id=paper.pk, person_id=person_id)
            for paper, person_id in self.distribution
        )
        Attendance.objects.bulk_create(self.attendance)
        Action.objects.bulk_create(self.actions)
        ActionUpdate.objects.bulk_create(self.updates)
        if self.progressed:
            Action.objects.bulk_update(self.progressed.values(), ["status", "completed_on"])
        return {
            "meetings": len(self.meetings),
            "agenda items": len(self.items) + len(self.sub_points),
            "outcomes": len(self.outcomes),
            "papers": len(self.papers),
            "attendance": len(self.attendance),
            "actions": len(self.actions),
            "action updates": len(self.updates),
        }


class MeetingWriter:
    """Fills a year's batch from the schedule, carrying open actions from year to year."""

    def __init__(
        self,
        *,
        seed: int,
        world: World,
        slots: dict[int, list[Slot]],
        today: dt.date,
        registers=(),
    ):
        self.seed = seed
        self.registers = list(registers)
        self.world = world
        self.slots = slots
        self.today = today
        self.plans: dict[int, BodyPlan] = {plan.body.pk: plan for plan in world.plans}
        verbs = list(OutcomeVerb.objects.filter(active=True).order_by("word"))
        self.verbs = verbs
        self.verb_weights = [VERB_WEIGHTS.get(verb.word, 2) for verb in verbs]
        # Updates still to come, by (body, meeting index): (action, status).
        self.pending: dict[tuple[int, int], list[tuple[Action, str]]] = defaultdict(list)
        self.raised: dict[str, int] = defaultdict(int)
        self.presenters = [
            p
            for p in world.staff
            if p.organisation is not None and p.organisation.category == "dcc"
        ]

    def year(self, year: int) -> tuple[YearBatch, list[tuple[Slot, Meeting]]]:
        batch = YearBatch()
        held = []
        slots = sorted(
            (slot for run in self.slots.values() for slot in run if slot.date.year == year),
            key=lambda slot: (slot.date, slot.body.position, slot.body.code),
        )
        for slot in slots:
            rng = random.Random(f"{self.seed}:meeting:{slot.body.code}:{slot.number}")
            meeting = self._meeting(slot, rng)
            batch.meetings.append(meeting)
            held.append((slot, meeting))
            self._agenda(slot, meeting, rng, batch)
        for slot, meeting in held:
            self._progress(slot, meeting, batch)
        return batch, held

    def officer_of(self, slot: Slot):
        """The user of the officer who minuted the meeting, if any."""
        for tenure in self.plans[slot.body.pk].tenures:
            if tenure.role == Role.SECRETARIAT and tenure.covers(slot.date):
                return tenure.person.user
        return None

    # -- the meeting ----------------------------------------------------------------------------

    def _held(self, slot: Slot) -> bool:
        return slot.date < self.today

    def _meeting(self, slot: Slot, rng: random.Random) -> Meeting:
        secret = slot.base_code == "SCIRS" and rng.random() < 0.1
        return Meeting(
            body=slot.body,
            number=slot.number,
            reference=slot.reference,
            date=slot.date,
            start_time=dt.time(10),
            end_time=dt.time(16 if slot.base_code == "SSC" else 13),
            location=rng.choice(words.LOCATIONS),
            status=Meeting.Status.CLOSED if self._held(slot) else Meeting.Status.PLANNED,
            label=Label.GREEN if secret else Label.WHITE,
            next_meeting_date=slot.next_date,
        )

    def _agenda(self, slot: Slot, meeting: Meeting, rng: random.Random, batch: YearBatch):
        held = self._held(slot)
        plan = self.plans[slot.body.pk]
        body = slot.body.display_code
        mix = words.LABEL_MIX.get(slot.base_code, words.DEFAULT_LABEL_MIX)
        heard = self._attendance(slot, meeting, plan, rng, batch) if held else []
        number = 0

        def item(**fields) -> AgendaItem:
            nonlocal number
            number += 1
            row = AgendaItem(meeting=meeting, number=number, **fields)
            batch.items.append(row)
            return row

        matters = item(
            kind=Kind.MATTERS_ARISING,
            title="Matters Arising",
            summary="Updates were noted on the following Matters Arising;",
            withheld_notice=False,
        )
        for position in range(1, rng.randint(2, 6) + 1):
            self._sub_point(matters, position, rng.choices(LABELS, mix)[0], body, rng, batch, held)
        minutes = item(
            kind=Kind.MINUTES,
            title="Minutes and Actions Outstanding",
            summary=(
                f"The {body} noted that no comments were received on the Draft Minutes of the "
                f"meeting held on {_month_day(slot.previous_date)}."
                if slot.previous_date
                else f"This was the first meeting of the {body}."
            ),
            withheld_notice=False,
        )
        if held and slot.previous_date:
            self._outcome(
                minutes,
                1,
                "APPROVED",
                "the Draft Minutes and the Confidential Draft Minutes as written",
                Label.WHITE,
                batch,
            )
        topics = words.TOPICS.get(slot.base_code, words.DEFAULT_TOPICS)
        asked = [(register, register.items_for(slot)) for register in self.registers]
        from_registers = [spec for _, specs in asked if specs for spec in specs]
        if any(specs is not None and register.decides_parties for register, specs in asked):
            # The register decides which parties come before this body: no invented ones.
            topics = [topic for topic in topics if "{party}" not in topic]
        for spec in from_registers:
            self._register_item(item, spec, rng, batch, held)
        for _ in range(max(4, rng.randint(12, 18) - len(from_registers))):
            self._regular(
                item, slot, rng.choice(topics), rng.choices(LABELS, mix)[0], rng, batch, heard
            )
        standing = item(
            kind=Kind.STANDING,
            title="Standing Items",
            summary=f"The {body} received updates on the standing items:",
            withheld_notice=False,
        )
        for position, text in enumerate(
            words.STANDING.get(slot.base_code, words.DEFAULT_STANDING), 1
        ):
            label = Label.RED if rng.random() < 0.15 else Label.WHITE
            batch.sub_points.append(
                AgendaItem(
                    meeting=meeting,
                    parent=standing,
                    number=position,
                    kind=Kind.STANDING,
                    label=label,
                    title=text,
                    summary=text,
                    summary_label=label,
                    withheld_notice=False,
                )
            )
        item(
            kind=Kind.AOB,
            title="Any Other Business",
            summary=rng.choice(
                ["No other business was raised.", "The chair thanked members for attending."]
            ),
            withheld_notice=False,
        )

    def _sub_point(self, parent, position, label, body, rng, batch, held) -> None:
        topic = rng.choice(words.PUBLIC_LINES).format(body=body)
        open_text = label <= Label.GREEN
        sub = AgendaItem(
            meeting=parent.meeting,
            parent=parent,
            number=position,
            kind=parent.kind,
            label=label,
            title=topic[:120],
            summary=topic if open_text else "",
            summary_label=label,
            restricted_text="" if open_text else rng.choice(words.RESTRICTED_LINES),
            withheld_notice=False,
        )
        batch.sub_points.append(sub)
        if held and (not open_text or rng.random() < 0.5):
            self._outcome(sub, 1, "NOTED", "the update", Label.WHITE, batch)

    def _regular(self, item, slot: Slot, topic: str, label, rng, batch, heard) -> None:
        held = self._held(slot)
        body = slot.body.display_code
        party = None
        if "{party}" in topic:
            category = rng.choice(
                ("large_supplier", "small_supplier", "small_supplier", "other_user")
            )
            party = rng.choice(self.world.parties[category])
            label = Label.RED
        title = topic.format(party=party.public_name if party else "", n=rng.randint(1, 400))
        restricted = label >= Label.AMBER
        if party:
            summary = rng.choice(words.PARTY_PUBLIC_LINES).format(
                body=body, party=party.public_name, party_s=possessive(party.public_name)
            )
        else:
            summary = " ".join(rng.sample(words.PUBLIC_LINES, rng.randint(1, 2))).format(body=body)
        title_label = Label.RED if label == Label.RED and rng.random() < 0.1 else Label.WHITE
        report = slot.base_code != "PANEL" and rng.random() < 0.12
        report_label = label
        if restricted:
            # An officer's highlight may say less than the item, at a lower label, but never
            # less than the title it quotes.
            report_label = max(rng.choice((Label.WHITE, Label.WHITE, label)), title_label)
        row = item(
            kind=Kind.REGULAR,
            label=label,
            title=title,
            title_label=title_label,
            summary=summary if (not restricted or rng.random() < 0.8) else "",
            summary_label=Label.WHITE if restricted else label,
            restricted_text=(
                " ".join(rng.sample(words.RESTRICTED_LINES, rng.randint(2, 3)))
                if restricted
                else ""
            ),
            presenter=rng.choice(("SECAS", "The DCC", "The chair", "")),
            party=party,
            report_to_panel=report,
            report_heading=title.split(" – ")[0] if report else "",
            report_text=(
                f"The {body} discussed {title.split(' – ')[0]}. "
                + rng.choice(words.PUBLIC_LINES).format(body=body)
                if report
                else ""
            ),
            report_label=report_label if report else Label.WHITE,
        )
        if not held:
            return
        if party:
            outcomes = [
                (word, text.format(party=party.public_name))
                for word, text in rng.sample(words.PARTY_OUTCOMES[topic], 1)
            ]
        else:
            outcomes = []
            for _ in range(2 if rng.random() < 0.2 else 1):
                verb = rng.choices(self.verbs, self.verb_weights)[0]
                texts = words.OUTCOME_TEXTS.get(verb.word, ["the update"])
                outcomes.append((verb, rng.choice(texts)))
        for position, (verb, text) in enumerate(outcomes, 1):
            outcome_label = label if restricted and rng.random() < 0.15 else Label.WHITE
            self._outcome(row, position, verb, text, outcome_label, batch)
        if rng.random() < 0.25:
            self._paper(row, slot, rng, batch, heard)
        if heard and rng.random() < 0.15:
            for _ in range(rng.choice((1, 1, 2))):
                self._action(row, slot, rng, batch, heard)

    def _register_item(self, item, spec, rng, batch, held) -> None:
        """An item a register asked for, with its standard title at WHITE and the party's
        pseudonym; its record and findings stay at the item's label."""
        spec.item = item(
            kind=Kind.REGULAR,
            label=spec.label,
            title=spec.title,
            summary=spec.summary,
            restricted_text=" ".join(rng.sample(words.RESTRICTED_LINES, 2)),
            presenter="SECAS",
            party=spec.party,
            report_to_panel=bool(spec.report_text),
            report_heading=spec.report_heading,
            report_text=spec.report_text,
            # The placeholders' sentences name no restricted record: WHITE for the public.
            report_label=Label.WHITE,
        )
        if held:
            for position, (verb, text) in enumerate(spec.outcomes, 1):
                spec.saved_outcomes.append(
                    self._outcome(spec.item, position, verb, text, Label.WHITE, batch)
                )

    def _outcome(self, item, position, verb, text, label, batch) -> Outcome:
        if isinstance(verb, str):
            verb = next((v for v in self.verbs if v.word == verb), self.verbs[0])
        outcome = Outcome(item=item, position=position, verb=verb, text=text, label=label)
        batch.outcomes.append(outcome)
        return outcome

    def _paper(self, item, slot: Slot, rng, batch, heard) -> None:
        paper = Paper(
            body=slot.body,
            reference=f"{slot.body.code}_{slot.number}_{item.number:02d}",
            title=f"{item.title} (paper)"
            if item.title_label == Label.WHITE
            else "Confidential paper",
            title_label=item.title_label,
            label=item.label,
        )
        batch.papers.append(paper)
        batch.item_papers.append((item, paper))
        if paper.label == Label.RED:
            batch.distribution.extend((paper, person.pk) for person in heard)

    # -- attendance -----------------------------------------------------------------------------

    def _attendance(self, slot, meeting, plan: BodyPlan, rng, batch) -> list:
        """Record who came; return the people who heard the meeting."""
        heard = []
        status: str
        capacity: str
        for tenure in plan.tenures:
            if not tenure.covers(slot.date):
                continue
            if tenure.role == Role.SECRETARIAT:
                status, capacity = Attendance.Status.PRESENT, Attendance.Capacity.SECRETARIAT
            elif tenure.role in (Role.ALTERNATE, Role.OBSERVER):
                if rng.random() > (0.25 if tenure.role == Role.ALTERNATE else 0.5):
                    continue
                status, capacity = Attendance.Status.PRESENT, tenure.role
            else:
                draw = rng.random()
                status = (
                    Attendance.Status.PRESENT
                    if draw < 0.85
                    else Attendance.Status.APOLOGIES
                    if draw < 0.96
                    else Attendance.Status.PART
                )
                capacity = tenure.role
            batch.attendance.append(
                Attendance(
                    meeting=meeting,
                    person=tenure.person,
                    status=status,
                    capacity=capacity,
                    note="Items 1 to 6" if status == Attendance.Status.PART else "",
                )
            )
            if status in Attendance.HEARD:
                heard.append(tenure.person)
        if self.presenters and rng.random() < 0.3:
            person = rng.choice(self.presenters)
            batch.attendance.append(
                Attendance(
                    meeting=meeting,
                    person=person,
                    status=Attendance.Status.PART,
                    capacity=Attendance.Capacity.PRESENTER,
                    note="For the DCC's items",
                )
            )
            heard.append(person)
        return heard

    # -- actions --------------------------------------------------------------------------------

    def _action(self, item, slot: Slot, rng, batch, heard) -> None:
        self.raised[slot.reference] += 1
        label = Label(max(item.label, Label.AMBER)) if rng.random() < 0.05 else item.label
        action = Action(
            meeting=item.meeting,
            item=item,
            reference=f"{slot.body.code}{slot.number}/{self.raised[slot.reference]:02d}",
            text=rng.choice(words.ACTION_TEXTS),
            label=label,
            owner=rng.choice(heard),
            due_date=slot.date + dt.timedelta(days=rng.randint(14, 70)),
            status=Action.Status.OPEN,
        )
        batch.actions.append(action)
        run = self.slots[slot.body.pk]
        lingering = rng.random() < 0.05
        horizon = run[slot.index + 1 : slot.index + 1 + (40 if lingering else 12)]
        for later in horizon:
            if not self._held(later):
                break
            last = later is horizon[-1]
            if rng.random() < 0.3 and not last:
                continue
            age = later.index - slot.index
            # Every action is closed by the end of its horizon, unless the archive ends first.
            done = last or (not lingering and rng.random() < 0.35 + 0.15 * age)
            status = Action.Status.COMPLETE if done else Action.Status.ON_TARGET
            self.pending[(slot.body.pk, later.index)].append((action, status))
            if done:
                break

    def _progress(self, slot: Slot, meeting: Meeting, batch: YearBatch) -> None:
        """The updates due at this meeting, and the action's status after them."""
        for action, status in self.pending.pop((slot.body.pk, slot.index), []):
            rng = random.Random(f"{self.seed}:update:{action.reference}:{slot.number}")
            batch.updates.append(
                ActionUpdate(
                    action=action,
                    meeting=meeting,
                    text=rng.choice(words.UPDATE_TEXTS[status]),
                    status=status,
                    label=action.label,
                )
            )
            action.status = status
            if status == Action.Status.COMPLETE:
                action.completed_on = slot.date
            if action.pk is not None:
                batch.progressed[action.pk] = action
