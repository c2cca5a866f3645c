"""Access to meetings and their agenda items, on the labels' one rule; and who may edit or
publish a meeting's documents, asked of the same door."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from secretariat.directory.models import Role
from secretariat.labels.access import Reader, Scope, covers
from secretariat.meetings.models import AgendaItem, Meeting


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


def get_meeting_or_404(reader: Reader, reference: str):
    """The meeting behind a reference, if the reader may know it exists."""
    meeting = (
        visible_meetings(reader, Meeting.objects.select_related("body"))
        .filter(reference=reference)
        .first()
    )
    if meeting is None:
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
