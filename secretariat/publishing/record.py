"""Labelled documents built from a meeting: the meeting record every page and publication
projects. Builders read the database; nothing after them does."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from itertools import groupby

from django.db.models import Prefetch

from secretariat.actions.access import action_scope
from secretariat.actions.models import Action, ActionUpdate
from secretariat.actions.selectors import raised_and_outstanding
from secretariat.documents.labelled import Bullets, Document, Paragraph, Row, Section, Table, Text
from secretariat.documents.text import long_date, paragraphs
from secretariat.labels.access import Scope
from secretariat.labels.models import Label, StockSentence, all_stock_sentences
from secretariat.meetings import links
from secretariat.meetings.access import item_scope, meeting_scope
from secretariat.meetings.models import AgendaItem, Attendance, Meeting, Outcome, Paper


def item_anchor(number: int) -> str:
    """The id of an item's section on the meeting page: `/meetings/<reference>/#item-3`."""
    return f"item-{number}"


def _times(meeting: Meeting) -> str:
    if meeting.start_time and meeting.end_time:
        return f"{meeting.start_time:%H:%M} – {meeting.end_time:%H:%M}"
    if meeting.start_time:
        return f"from {meeting.start_time:%H:%M}"
    return ""


def meeting_heading_line(meeting: Meeting) -> str:
    line = ", ".join(
        part for part in (long_date(meeting.date), _times(meeting), meeting.location) if part
    )
    # Only a cancelled meeting's line changes, so every other document renders as it did.
    if meeting.status == Meeting.Status.CANCELLED:
        return f"Cancelled — {line}"
    return line


def outcome_sentences(body_name: str, outcomes, scope: Scope) -> list[Text]:
    """Consecutive outcomes with the same label make one sentence:
    'The SSC **NOTED** the update and **RECOMMENDED** the work package for SECCo Board approval.'"""
    sentences = []
    for label, group in groupby(outcomes, key=lambda outcome: outcome.label):
        clauses = [f"**{outcome.verb.word}** {outcome.text}" for outcome in group]
        sentences.append(Text(f"The {body_name} {' and '.join(clauses)}.", Label(label), scope))
    return sentences


def _items_with_outcomes():
    return AgendaItem.objects.select_related("party").prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.select_related("verb").order_by("position"))
    )


class MeetingSource:
    """Everything a meeting's documents need, fetched in a fixed number of queries."""

    def __init__(
        self,
        meeting: Meeting,
        *,
        with_outstanding: bool = True,
        items: list[AgendaItem] | None = None,
        sentences: dict[str, dict[Label, str]] | None = None,
    ):
        """`items` (with their outcomes and parties) and `sentences` are given by `many`, which
        fetches them for many meetings at once; the rest is then fetched when first asked."""
        self.meeting = meeting
        self.scope = meeting_scope(meeting)
        self.body_name = meeting.body.display_code
        self.with_outstanding = with_outstanding
        eager = items is None
        if items is None:
            items = list(
                _items_with_outcomes()
                .filter(meeting=meeting)
                .prefetch_related(
                    Prefetch("papers", queryset=Paper.objects.prefetch_related("distribution"))
                )
                .order_by("parent_id", "number")
            )
        # Register references written in the items' texts become links to public records.
        self.link = links.reference_linker(
            text for item in items for text in (item.summary, item.restricted_text)
        )
        self.items = [item for item in items if item.parent_id is None]
        self.items.sort(key=lambda item: item.number)
        self.sub_points: dict[int, list[AgendaItem]] = defaultdict(list)
        for item in items:
            if item.parent_id is not None:
                self.sub_points[item.parent_id].append(item)
        if eager:
            # One source's queries in their order, whatever a document goes on to read.
            self.attendance  # noqa: B018
            self._load_actions()
        sentences = sentences if sentences is not None else all_stock_sentences()
        self.withheld = sentences[StockSentence.Kind.WITHHELD_ITEM]
        # For the publications built from this source: their classification statements.
        self.classification = sentences[StockSentence.Kind.CLASSIFICATION]

    @classmethod
    def many(cls, meetings: list[Meeting]) -> list[MeetingSource]:
        """The sources of `meetings` (with their bodies), for documents of their items and
        outcomes (the Meeting Headlines): three queries for all of them and one per register
        whose references their texts name, where a source each would take nine queries a
        meeting. Papers, attendance and actions are fetched meeting by meeting, if asked."""
        if not meetings:
            return []
        by_meeting: dict[int, list[AgendaItem]] = defaultdict(list)
        items = _items_with_outcomes().filter(meeting__in=[meeting.pk for meeting in meetings])
        # Each meeting's items in the order one source orders them (sub-points by parent).
        for item in items.order_by("meeting_id", "parent_id", "number"):
            by_meeting[item.meeting_id].append(item)
        sentences = all_stock_sentences()
        return [
            cls(meeting, items=by_meeting[meeting.pk], sentences=sentences) for meeting in meetings
        ]

    @cached_property
    def attendance(self) -> list[Attendance]:
        # Sorted where it is shown; the default ordering would join meetings and bodies.
        return list(
            Attendance.objects.filter(meeting=self.meeting)
            .select_related("person__organisation")
            .order_by()
        )

    def _load_actions(self) -> None:
        """The actions raised at this meeting and those outstanding from earlier ones, in one
        query when both are wanted."""
        if self.with_outstanding:
            actions, outstanding = raised_and_outstanding(self.meeting)
        else:
            actions = list(
                Action.objects.filter(meeting=self.meeting).select_related("owner", "meeting")
            )
            outstanding = []
        by_item: dict[int, list[Action]] = defaultdict(list)
        for action in actions:
            by_item[action.item_id].append(action)
        # What the two properties below give from now on (they are cached in the same place).
        self.__dict__["actions_by_item"] = by_item
        self.__dict__["outstanding"] = outstanding

    @cached_property
    def actions_by_item(self) -> dict[int, list[Action]]:
        self._load_actions()
        return self.__dict__["actions_by_item"]

    @cached_property
    def outstanding(self) -> list[Action]:
        self._load_actions()
        return self.__dict__["outstanding"]

    @cached_property
    def action_updates(self) -> dict[int, ActionUpdate]:
        """Progress recorded at this meeting, by action: one query, only for documents that
        show the action log."""
        return {
            update.action_id: update for update in ActionUpdate.objects.filter(meeting=self.meeting)
        }

    # -- pieces ---------------------------------------------------------------------------------

    def item_scope(self, item: AgendaItem) -> Scope:
        """Every fragment of an item, and what is derived from it, is scoped to the item: RED
        on it reaches those who heard it."""
        return item_scope(item, self.meeting)

    def item_blocks(self, item: AgendaItem, *, with_papers: bool = True) -> list:
        scope = self.item_scope(item)
        blocks: list = []
        outcomes = list(item.outcomes.all())
        for number, paragraph in enumerate(paragraphs(item.summary), 1):
            # An outcome written into this paragraph's sentence joins it where both carry one
            # label (so every reader sees both or neither); otherwise it stands after the text.
            joined = [
                o for o in outcomes if o.joins_paragraph == number and o.label == item.summary_label
            ]
            if joined:
                outcomes = [o for o in outcomes if o not in joined]
                clauses = " and ".join(f"**{o.verb.word}** {o.text}" for o in joined)
                paragraph = f"{paragraph.rstrip().rstrip('.')}, and the {self.body_name} {clauses}."
            blocks.append(Paragraph((Text(self.link(paragraph), item.summary_label, scope),)))
        subs = self.sub_points.get(item.pk, [])
        if subs:
            blocks.append(Bullets(tuple(self.sub_point(sub) for sub in subs)))
        if item.restricted_text or item.withheld_notice:
            notice = self.withheld.get(Label(item.label)) if item.withheld_notice else None
            blocks.append(
                Paragraph(
                    (Text(self.link(item.restricted_text), item.label, scope, withheld=notice),),
                    "notice",
                )
            )
        papers = self.papers(item) if with_papers else None
        if papers:
            blocks.append(papers)
        sentences = outcome_sentences(self.body_name, outcomes, scope)
        if sentences:
            blocks.append(Paragraph(tuple(sentences), "outcome"))
        return blocks

    def sub_point(self, sub: AgendaItem) -> Paragraph:
        scope = self.item_scope(sub)
        parts: list[Text] = []
        outcomes = outcome_sentences(self.body_name, sub.outcomes.all(), scope)
        # The bullet names its point by its title unless an outcome sentence does. Which texts
        # appear is decided by the fields' presence and labels, never by whether a restricted
        # text happens to be empty, so no restricted change alters what the public reads.
        if sub.title and not outcomes:
            parts.append(Text(sub.title, sub.title_label, scope))
        if sub.summary:
            parts.append(Text(self.link(sub.summary), sub.summary_label, scope))
        parts.extend(outcomes)
        if sub.restricted_text:
            parts.append(Text(self.link(sub.restricted_text), sub.label, scope))
        if sub.label != Label.WHITE:
            parts.append(Text(f"(**{Label(sub.label).name}**)"))
        return Paragraph(tuple(parts))

    def papers(self, item: AgendaItem) -> Bullets | None:
        rows = []
        for paper in item.papers.all():
            scope = Scope(
                body_id=paper.body_id,
                date=self.meeting.date,
                people=frozenset(person.pk for person in paper.distribution.all()),
            )
            rows.append(
                Paragraph(
                    (
                        Text(f"Paper {paper.reference}"),
                        Text(f"‘{paper.title}’", paper.title_label, scope),
                        Text(f"(**{Label(paper.label).name}**)"),
                    ),
                    "meta",
                )
            )
        return Bullets(tuple(rows)) if rows else None

    def action_rows(self, actions, *, with_meeting: bool = False) -> tuple[Row, ...]:
        rows = []
        for action in actions:
            scope = action_scope(action)
            cells = [Text(action.reference)]
            if with_meeting:
                cells.append(Text(action.meeting.reference))
            cells += [
                Text(action.text, action.label, scope),
                Text(action.owner.full_name),
                Text(long_date(action.due_date) if action.due_date else "—"),
                Text(action.get_status_display() + (" (overdue)" if action.is_overdue() else "")),
            ]
            rows.append(Row(tuple(cells), Label(action.label), scope))
        return tuple(rows)

    def item_section(
        self, item: AgendaItem, *, full: bool = True, with_papers: bool = True
    ) -> Section:
        blocks = self.item_blocks(item, with_papers=with_papers)
        if full:
            actions = self.actions_by_item.get(item.pk, [])
            if actions:
                blocks.append(
                    Table(("Action", "Action", "Owner", "Due", "Status"), self.action_rows(actions))
                )
        return Section(
            heading=Text(
                item.title, item.title_label, self.item_scope(item), withheld="Item withheld"
            ),
            number=str(item.number),
            shown_label=Label(item.label) if item.label != Label.WHITE else None,
            blocks=tuple(blocks),
            anchor=item_anchor(item.number),
        )

    def attendance_table(self) -> Table:
        rows = []
        for record in sorted(
            self.attendance, key=lambda a: (a.status, a.capacity, a.person.full_name)
        ):
            organisation = record.person.organisation
            rows.append(
                Row(
                    (
                        Text(record.person.full_name),
                        Text(organisation.public_name if organisation else ""),
                        Text(record.get_capacity_display()),
                        Text(
                            record.get_status_display()
                            + (f" ({record.note})" if record.note else "")
                        ),
                    ),
                    Label.AMBER,
                    self.scope,
                )
            )
        return Table(
            ("Name", "Organisation", "Capacity", "Attendance"),
            tuple(rows),
            "No attendance recorded.",
        )


def meeting_record(meeting: Meeting) -> Document:
    """The whole labelled record of a meeting, for its page: every item in full, attendance,
    actions raised and outstanding. Each reader sees its own projection."""
    source = MeetingSource(meeting)
    sections = [
        Section(
            heading=Text("Attendance"),
            blocks=(source.attendance_table(),),
            anchor="attendance",
            label=Label.AMBER,
            scope=source.scope,
        ),
        *(source.item_section(item) for item in source.items),
        Section(
            heading=Text("Actions outstanding from earlier meetings"),
            blocks=(
                Table(
                    ("Action", "Raised at", "Action", "Owner", "Due", "Status"),
                    source.action_rows(source.outstanding, with_meeting=True),
                    "No outstanding actions.",
                ),
            ),
            anchor="outstanding-actions",
        ),
    ]
    footer: tuple[Paragraph, ...] = ()
    if meeting.next_meeting_date:
        footer = (Paragraph((Text(f"**Next Meeting: {long_date(meeting.next_meeting_date)}**"),)),)
    return Document(
        kind="record",
        title=f"{meeting.body.name} ({meeting.body.display_code}) meeting {meeting.number}",
        header=(Paragraph((Text(meeting_heading_line(meeting)),), "meta"),),
        sections=tuple(sections),
        footer=footer,
        meta={"reference": meeting.reference, "body": meeting.body.code},
    )
