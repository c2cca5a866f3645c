"""Access to meetings and their agenda items, on the labels' one rule; and who may edit or
publish a meeting's documents, asked of the same door."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from secretariat.audit.labelling import STR, Fragment, register
from secretariat.directory.models import Role
from secretariat.labels.access import Reader, Scope, covers
from secretariat.labels.models import Label, highest
from secretariat.meetings.models import AgendaItem, Attendance, Meeting, Outcome, Paper


def meeting_scope(meeting) -> Scope:
    """The scope of a fragment of the meeting as a whole (its label, its attendance list)."""
    return Scope(body_id=meeting.body_id, meeting_id=meeting.pk, date=meeting.date)


def item_scope(item, meeting=None) -> Scope:
    """The scope of an item's fragments (title, summary, record, outcomes, what is derived from
    them): RED on it reaches those who heard the item."""
    meeting = meeting or item.meeting
    return Scope(body_id=meeting.body_id, meeting_id=meeting.pk, item_id=item.pk, date=meeting.date)


def visible_meetings(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.filter(reader.q(body="body_id", meeting="id", date="date"))


def visible_items(
    reader: Reader, queryset: QuerySet | None = None, *, label: str = "label"
) -> QuerySet:
    """Agenda items whose `label` field (the item's content label by default) the reader may see."""
    queryset = AgendaItem.objects.all() if queryset is None else queryset
    return queryset.filter(
        reader.q(
            label=label,
            body="meeting__body_id",
            meeting="meeting_id",
            item="id",
            date="meeting__date",
        )
    )


def item_q(reader: Reader, via: str, *, label: str = "label") -> Q:
    """`visible_items` as a condition on rows that point to an agenda item through `via` (for
    example "item"): the door applied to the joined item itself. `item__in=visible_items(...)`
    says the same, but SQLite then reads the door's subquery over every agenda item of the
    archive for each such list."""
    return reader.q(
        label=f"{via}__{label}",
        body=f"{via}__meeting__body_id",
        meeting=f"{via}__meeting_id",
        item=f"{via}_id",
        date=f"{via}__meeting__date",
    )


def get_meeting_or_404(reader: Reader, reference: str):
    """The meeting behind a reference, if the reader may know it exists.

    One meeting, so the door is asked in memory (`admits`, the same rule as `visible_meetings`:
    labels/tests/test_door_agrees_with_itself.py) rather than as a database filter, which for a
    signed-in reader joins what they heard into the query; a WHITE meeting asks nothing more."""
    meeting = Meeting.objects.select_related("body").filter(reference=reference).first()
    if meeting is None or not reader.admits(meeting.label, meeting_scope(meeting)):
        raise Http404("No such meeting.")
    return meeting


# -- who may edit and publish ---------------------------------------------------------------------


def editor_role(reader: Reader, meeting) -> str | None:
    """'officer' for a current secretariat officer of the meeting's body, 'chair' for its chair
    (in office at the meeting or now), else None. No query: the reader holds its memberships."""
    if not reader.is_authenticated:
        return None
    roles = set()
    for body_id, role, start, end in reader.roles:
        if body_id != meeting.body_id:
            continue
        if role == Role.SECRETARIAT and covers(start, end, reader.today):
            roles.add("officer")
        if role == Role.CHAIR and (
            covers(start, end, reader.today) or covers(start, end, meeting.date)
        ):
            roles.add("chair")
    if "officer" in roles:
        return "officer"
    return "chair" if "chair" in roles else None


def may_edit(reader: Reader, meeting) -> bool:
    """Drafting and approving a meeting's documents: its body's officers and chair."""
    return editor_role(reader, meeting) in ("officer", "chair")


def may_publish(reader: Reader, meeting) -> bool:
    """Publishing a meeting's documents: its body's secretariat officers only."""
    return editor_role(reader, meeting) == "officer"


# -- the labelled diff: what each audited field of a meeting's records is ------------------------

# An item's structure (its number, kind and labels) shows in the Headlines to whoever may know
# the meeting exists; its texts carry their own labels; anything else is at the item's label.
_ITEM_STRUCTURE = {"meeting", "parent", "number", "kind", "label", "title_label", "summary_label"}
_ITEM_TEXTS = {
    "title": "title_label",
    "summary": "summary_label",
    "report_heading": "report_label",
    "report_text": "report_label",
    "report_label": "report_label",
    "report_to_panel": "report_label",
}


def _meeting_fragment(meeting, floor: Label = Label.WHITE) -> Fragment:
    return Fragment(highest([meeting.label, floor]), (meeting_scope(meeting),))


def _describe_meeting(meeting, name: str) -> Fragment:
    return _meeting_fragment(meeting)


def _describe_attendance(attendance, name: str) -> Fragment:
    # Who came is in the Minutes (GREEN), never the Headlines (docs/access.md).
    return _meeting_fragment(attendance.meeting, Label.GREEN)


def _describe_item(item, name: str) -> Fragment:
    meeting = item.meeting
    scope = item_scope(item)
    if name == STR:
        # An item's name is its number and title.
        return Fragment(highest([meeting.label, item.title_label]), (scope,))
    if name in _ITEM_STRUCTURE:
        return _meeting_fragment(meeting)
    label = getattr(item, _ITEM_TEXTS[name]) if name in _ITEM_TEXTS else item.label
    return Fragment(highest([meeting.label, label]), (scope,))


def _describe_outcome(outcome, name: str) -> Fragment:
    item = outcome.item
    return Fragment(highest([item.meeting.label, outcome.label]), (item_scope(item),))


def _describe_paper(paper, name: str) -> Fragment:
    scope = Scope(
        body_id=paper.body_id,
        people=frozenset(paper.distribution.values_list("pk", flat=True))
        if paper.pk
        else frozenset(),
    )
    if name in ("title", STR):
        return Fragment(paper.title_label if name == "title" else Label.WHITE, (scope,))
    return Fragment(paper.label, (scope,))


def register_fragments() -> None:
    register(Meeting, _describe_meeting)
    register(Attendance, _describe_attendance)
    register(AgendaItem, _describe_item)
    register(Outcome, _describe_outcome)
    register(Paper, _describe_paper)
