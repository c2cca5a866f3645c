"""The words of a notice, built for its recipient through the door.

An email leaves the site and has no session behind it, so its reader is `off_site`: at most
AMBER, whatever the recipient could open signed in with a second factor. Every fragment is asked
of `Reader.admits` with its own label and scope; what the reader may not see is left out, and
the message links to the site for the rest. A message's label is the highest label of the
fragments it holds, and its subject carries it: `[AMBER] SSC 73: papers published`."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from django.db.models import Prefetch
from django.urls import reverse

from secretariat.actions.access import action_scope
from secretariat.actions.models import Action
from secretariat.calendars.ics import off_site
from secretariat.documents.text import long_date
from secretariat.labels.access import Reader
from secretariat.labels.models import Label
from secretariat.meetings.access import item_scope, meeting_scope
from secretariat.meetings.models import AgendaItem, Meeting, Paper
from secretariat.notifications.models import Kind, Notice
from secretariat.workspace.papers import paper_scope

__all__ = ["Library", "Message", "build", "off_site"]


@dataclasses.dataclass
class Message:
    label: Label
    subject: str
    paragraphs: list[str]
    link: str

    @property
    def labelled_subject(self) -> str:
        return f"[{self.label.name}] {self.subject}"


class _Held:
    """The fragments a message takes in, and the highest label among them."""

    def __init__(self) -> None:
        self.label = Label.WHITE
        self.paragraphs: list[str] = []

    def add(self, text: str, label: Label | int = Label.WHITE) -> None:
        self.label = max(self.label, Label(label))
        self.paragraphs.append(text)


class Library:
    """What the messages of one sending read, loaded once for every recipient: the meetings'
    top-level items with their papers (and each paper's distribution), and the actions. A
    sending costs the same number of queries for these whatever the number of recipients."""

    def __init__(self, notices: list[Notice], site: str) -> None:
        self.site = site
        meeting_ids = {n.meeting_id for n in notices if n.meeting_id}
        self.meetings = {
            m.pk: m for m in Meeting.objects.select_related("body").filter(pk__in=meeting_ids)
        }
        self.items: dict[int, list[AgendaItem]] = defaultdict(list)
        if meeting_ids:
            papers = Paper.objects.prefetch_related("distribution").order_by("reference")
            for item in (
                AgendaItem.objects.filter(meeting_id__in=meeting_ids, parent__isnull=True)
                .order_by("meeting_id", "number")
                .prefetch_related(Prefetch("papers", queryset=papers))
            ):
                self.items[item.meeting_id].append(item)
        action_ids = {n.action_id for n in notices if n.action_id}
        self.actions = {
            a.pk: a
            for a in Action.objects.select_related("meeting__body").filter(pk__in=action_ids)
        }

    def url(self, name: str, *args) -> str:
        return self.site + reverse(name, args=args)


def _meeting_name(meeting: Meeting) -> str:
    return f"{meeting.body.display_code} {meeting.number}"


def _meeting(held: _Held, reader: Reader, meeting: Meeting) -> bool:
    """The meeting's name, date and place, if the reader may know it exists."""
    if not reader.admits(meeting.label, meeting_scope(meeting)):
        return False
    where = f", {meeting.location}" if meeting.location else ""
    held.add(
        f"{meeting.body.name} meeting {meeting.number} ({meeting.reference}), "
        f"{long_date(meeting.date)}{where}.",
        meeting.label,
    )
    return True


def _papers(held: _Held, reader: Reader, items: list[AgendaItem]) -> None:
    lines = []
    label = Label.WHITE
    for item in items:
        scope = item_scope(item, item.meeting)
        if not item.title or not reader.admits(item.title_label, scope):
            continue
        label = max(label, Label(item.title_label))
        lines.append(f"{item.number}. {item.title}")
        for paper in item.papers.all():
            if reader.admits(paper.title_label, paper_scope(paper)):
                label = max(label, Label(paper.title_label))
                lines.append(f"   {paper.reference}: {paper.title}")
    if lines:
        held.add("Agenda:\n" + "\n".join(lines), label)
    else:
        held.add("The agenda and papers are on the site.")


def build(notice: Notice, reader: Reader, library: Library) -> Message | None:
    """The message of `notice` for `reader`, or None if the reader may no longer know what it
    is about (the meeting was relabelled, the action reached someone else)."""
    reader = off_site(reader)
    held = _Held()
    kind = notice.kind
    if kind in (Kind.PAPERS, Kind.MINUTES, Kind.CANCELLED):
        meeting = library.meetings.get(notice.meeting_id or 0)
        if meeting is None:
            return None
        for item in library.items.get(meeting.pk, []):
            item.meeting = meeting  # the scopes read the meeting: no query per item
        if not _meeting(held, reader, meeting):
            return None
        name = _meeting_name(meeting)
        if kind == Kind.PAPERS:
            subject = f"{name}: papers published"
            _papers(held, reader, library.items.get(meeting.pk, []))
            link = library.url("workspace:meeting-papers", meeting.reference)
        elif kind == Kind.MINUTES:
            until = f" until {long_date(notice.due_on)}" if notice.due_on else ""
            subject = f"{name}: draft minutes for comment"
            held.add(f"The draft minutes are open for your comments{until}.")
            link = library.url("workspace:draft", meeting.reference)
        else:
            subject = f"{name}: meeting cancelled"
            held.add("This meeting is cancelled and will not take place.")
            if meeting.cancellation_reason:
                # The reason is said of the meeting, so it carries the meeting's label.
                held.add(f"Reason: {meeting.cancellation_reason}", meeting.label)
            link = library.url("meetings:meeting", meeting.reference)
        return Message(held.label, subject, held.paragraphs, link)
    if kind in (Kind.ACTION_DUE, Kind.ACTION_OVERDUE):
        action = library.actions.get(notice.action_id or 0)
        if action is None:
            return None
        scope = action_scope(action)
        meeting = action.meeting
        if not reader.admits(meeting.label, meeting_scope(meeting)):
            return None
        when = long_date(action.due_date) if action.due_date else "no date"
        state = (
            "is overdue (due " + when + ")" if kind == Kind.ACTION_OVERDUE else f"is due on {when}"
        )
        subject = f"{_meeting_name(meeting)}: action {action.reference} " + (
            "overdue" if kind == Kind.ACTION_OVERDUE else "due soon"
        )
        held.add(f"Your action {action.reference} {state}.", meeting.label)
        if reader.admits(max(Label(meeting.label), Label(action.label)), scope):
            held.add(action.text, max(Label(meeting.label), Label(action.label)))
        else:
            held.add(f"Its text is labelled {Label(action.label).name}: read it on the site.")
        return Message(held.label, subject, held.paragraphs, library.url("workspace:my-actions"))
    if kind == Kind.ASSESSMENT_DUE:
        # The register's rows are RED (a party's own matter): the message says only that one
        # falls due and sends the reader to the site, where RED opens with a second factor.
        subject = "SSC: an assessment falls due"
        held.add(
            "An assessment on the security assurance register falls due"
            + (f" by {long_date(notice.due_on)}" if notice.due_on else "")
            + ". Its details are RED: they open only on the site."
        )
        return Message(held.label, subject, held.paragraphs, library.url("assurance:due"))
    return None
