"""The three documents of a meeting, built from one labelled record.

Every document is a `Document` of labelled fragments built from `MeetingSource` (the meeting's
records fetched once). `prepare()` projects it for the document's audience and only then adds the
classification statement for the label actually kept, so the statement always matches what the
reader holds and cannot itself raise the mark (it is WHITE, and added after the count).

Builders read the database; nothing after `prepare()` does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.urls import reverse

from secretariat.actions.access import action_scope
from secretariat.documents import kinds
from secretariat.documents.labelled import (
    Document,
    Paragraph,
    Projected,
    Row,
    Section,
    Table,
    Text,
    project,
)
from secretariat.documents.text import long_date
from secretariat.labels.models import Label, highest
from secretariat.meetings.models import Attendance, Meeting
from secretariat.publishing.audiences import (
    Audience,
    BodyMembers,
    MeetingAttendees,
    Public,
)
from secretariat.publishing.record import MeetingSource, meeting_heading_line

DRAFT_STATUS = "Draft – not approved for publication."

# The order attendance is listed in: the chair first, the secretariat last.
CAPACITY_ORDER = [
    Attendance.Capacity.CHAIR,
    Attendance.Capacity.MEMBER,
    Attendance.Capacity.ALTERNATE,
    Attendance.Capacity.OBSERVER,
    Attendance.Capacity.PRESENTER,
    Attendance.Capacity.SECRETARIAT,
]


@dataclass(frozen=True)
class DocumentKind(kinds.DocumentKind):
    """A document built from the meeting's record (`MeetingSource`) and projected for one of
    publishing's audiences: registering one gives it versions, the ledger, its pages at
    `/meetings/<ref>/<slug>`, the portal and the feed."""

    slug: str
    title: str
    audience: type[Audience]
    build: Callable[[MeetingSource, DocumentKind], Document]

    def audience_for(self, meeting: Meeting) -> Audience:
        return self.audience(meeting)

    def prepare(self, meeting: Meeting, *, status: str = DRAFT_STATUS) -> Projected:
        return prepare(self, meeting, status=status)

    def page_url(self, meeting: Meeting) -> str:
        return _address(self.slug).replace(_PLACEHOLDER, meeting.reference)

    def file_url(self, meeting: Meeting, fmt: str) -> str:
        return _address(self.slug, fmt).replace(_PLACEHOLDER, meeting.reference)

    def unavailable_reason(self, meeting: Meeting) -> str | None:
        """Why this document cannot exist for the meeting, if it cannot: a document may not
        reveal a meeting its audience may not know of."""
        if Label(meeting.label) > self.audience.ceiling:
            return (
                f"{meeting.reference} is labelled {Label(meeting.label).name}: its {self.title} "
                f"would reveal it to {self.audience.name} readers (up to "
                f"{self.audience.ceiling.name})."
            )
        return None


# -- shared pieces ------------------------------------------------------------------------------


def _meta(source: MeetingSource, kind: DocumentKind) -> dict:
    meeting = source.meeting
    code = meeting.body.display_code
    return {
        "reference": meeting.reference,
        "body": meeting.body.code,
        "body_name": meeting.body.name,
        "body_short": code,
        "meeting_number": meeting.number,
        "date": meeting.date.isoformat(),
        "kind": kind.slug,
        "kind_title": kind.title,
        "subtitle": f"{meeting.reference} – {code} {kind.title}",
        # The file's name in its metadata (title of the PDF, Word and HTML head).
        "name": f"{meeting.reference} – {code} {kind.title}",
        "file_stem": f"{meeting.reference}-{kind.slug}",
        # A draft is dated by its meeting, so that it renders the same until it changes.
        "issued": f"{meeting.date.isoformat()}T00:00:00+00:00",
        "version": None,
        "status": "",
    }


def _footer(meeting: Meeting) -> tuple[Paragraph, ...]:
    if not meeting.next_meeting_date:
        return ()
    return (Paragraph((Text(f"**Next Meeting: {long_date(meeting.next_meeting_date)}**"),)),)


def _title(meeting: Meeting, kind: DocumentKind) -> str:
    return f"{meeting.body.name} ({meeting.body.display_code}) {kind.title}"


# -- Meeting Headlines --------------------------------------------------------------------------


def build_headlines(source: MeetingSource, kind: DocumentKind) -> Document:
    """The seed's layout: date line, then every item with its public summary, sub-points, the
    stock sentence where its record is withheld, and its outcomes. No papers, no actions."""
    meeting = source.meeting
    return Document(
        kind=kind.slug,
        title=_title(meeting, kind),
        header=(Paragraph((Text(meeting_heading_line(meeting)),), "meta"),),
        sections=tuple(
            source.item_section(item, full=False, with_papers=False) for item in source.items
        ),
        footer=_footer(meeting),
        meta=_meta(source, kind),
    )


# -- Minutes and Confidential Minutes -----------------------------------------------------------


def _attendance_section(source: MeetingSource) -> Section:
    def order(record):
        capacity = (
            CAPACITY_ORDER.index(record.capacity)
            if record.capacity in CAPACITY_ORDER
            else len(CAPACITY_ORDER)
        )
        return (capacity, record.person.full_name)

    present, apologies = [], []
    for record in sorted(source.attendance, key=order):
        organisation = record.person.organisation
        cells = (
            Text(record.person.full_name),
            Text(organisation.public_name if organisation else ""),
            Text(record.get_capacity_display()),
        )
        if record.status in Attendance.HEARD:
            note = record.get_status_display() + (f" ({record.note})" if record.note else "")
            present.append(Row((*cells, Text(note)), Label.AMBER, source.scope))
        else:
            apologies.append(Row(cells, Label.AMBER, source.scope))
    return Section(
        heading=Text("Attendance"),
        sections=(
            Section(
                heading=Text("Present"),
                blocks=(
                    Table(
                        ("Name", "Organisation", "Capacity", "Attendance"),
                        tuple(present),
                        "No attendance recorded.",
                    ),
                ),
                anchor="present",
            ),
            Section(
                heading=Text("Apologies"),
                blocks=(
                    Table(("Name", "Organisation", "Capacity"), tuple(apologies), "No apologies."),
                ),
                anchor="apologies",
            ),
        ),
        anchor="attendance",
        # Who attended is for the body's members: the public never gets this section.
        label=Label.AMBER,
        scope=source.scope,
    )


def _party_line(source: MeetingSource, item) -> Paragraph | None:
    """The party an item concerns: its pseudonym for everyone who reads the item, and its real
    name at the higher of the name's and the item's label. Those present heard the item in full,
    so the name is scoped to this meeting: only the Confidential Minutes can carry it."""
    party = item.party
    if party is None:
        return None
    return Paragraph(
        (
            Text(f"Party: {party.public_name}"),
            Text(
                f"({party.name})",
                highest([party.name_label, item.label]),
                source.scope,
            ),
        ),
        "meta",
    )


def _owner(action) -> Text:
    # People's names in the action log travel no further than the attendance list.
    return Text(action.owner.full_name, highest([action.label, Label.AMBER]), action_scope(action))


def _action_log(source: MeetingSource) -> Section:
    raised = sorted(
        (action for actions in source.actions_by_item.values() for action in actions),
        key=lambda action: action.reference,
    )
    raised_rows = tuple(
        Row(
            (
                Text(action.reference),
                Text(action.text, action.label, action_scope(action)),
                _owner(action),
                Text(long_date(action.due_date) if action.due_date else "—"),
            ),
            Label(action.label),
            action_scope(action),
        )
        for action in raised
    )
    outstanding_rows = []
    for action in source.outstanding:
        scope = action_scope(action)
        update = source.action_updates.get(action.pk)
        if update is not None:
            status = Text(update.get_status_display())
            progress = Text(update.text, update.label, scope)
        else:
            status, progress = Text("Outstanding"), Text("—")
        outstanding_rows.append(
            Row(
                (
                    Text(action.reference),
                    Text(action.meeting.reference),
                    Text(action.text, action.label, scope),
                    _owner(action),
                    Text(long_date(action.due_date) if action.due_date else "—"),
                    status,
                    progress,
                ),
                Label(action.label),
                scope,
            )
        )
    return Section(
        heading=Text("Action log"),
        sections=(
            Section(
                heading=Text("Actions raised at this meeting"),
                blocks=(
                    Table(("Ref.", "Action", "Owner", "Due"), raised_rows, "No actions raised."),
                ),
                anchor="actions-raised",
            ),
            Section(
                heading=Text("Actions outstanding from earlier meetings"),
                blocks=(
                    Table(
                        ("Ref.", "Raised at", "Action", "Owner", "Due", "Status", "Update"),
                        tuple(outstanding_rows),
                        "No outstanding actions.",
                    ),
                ),
                anchor="actions-outstanding",
            ),
        ),
        anchor="action-log",
    )


def build_minutes(source: MeetingSource, kind: DocumentKind) -> Document:
    """Attendance and apologies, every item in full (as far as the audience may read it) with
    its party and papers, outcomes, and the action log. The same builder serves the Minutes and
    the Confidential Minutes: only the audience differs."""
    meeting = source.meeting
    items = []
    for item in source.items:
        section = source.item_section(item, full=False)
        party = _party_line(source, item)
        if party is not None:
            section = dataclasses.replace(section, blocks=(party, *section.blocks))
        items.append(section)
    return Document(
        kind=kind.slug,
        title=_title(meeting, kind),
        header=(Paragraph((Text(meeting_heading_line(meeting)),), "meta"),),
        sections=(_attendance_section(source), *items, _action_log(source)),
        footer=_footer(meeting),
        meta=_meta(source, kind),
        # Minutes are never for the public, whatever they hold.
        minimum_label=Label.GREEN,
    )


# References are letters, digits and underscores, safe in a path as they are: one reverse() per
# address pattern, not per document (the portal lists a hundred documents a year or more).
_PLACEHOLDER = "REFERENCE"


@cache
def _address(slug: str, fmt: str = "") -> str:
    # The three first kinds have their own route names; any later meeting kind is served by
    # the shared `document` route, which looks its slug up in the registry.
    named = {"headlines", "minutes", "confidential-minutes"}
    if slug in named:
        name = f"publishing:{slug}-file" if fmt else f"publishing:{slug}"
        return reverse(name, args=[_PLACEHOLDER, fmt] if fmt else [_PLACEHOLDER])
    if fmt:
        return reverse("publishing:document-file", args=[_PLACEHOLDER, slug, fmt])
    return reverse("publishing:document", args=[_PLACEHOLDER, slug])


HEADLINES = kinds.register(DocumentKind("headlines", "Meeting Headlines", Public, build_headlines))
MINUTES = kinds.register(DocumentKind("minutes", "Minutes", BodyMembers, build_minutes))
CONFIDENTIAL_MINUTES = kinds.register(
    DocumentKind("confidential-minutes", "Confidential Minutes", MeetingAttendees, build_minutes)
)


def meeting_kinds() -> list[DocumentKind]:
    """The registered kinds built from a meeting's record (publishing's own pages serve them)."""
    return [kind for kind in kinds.kinds() if isinstance(kind, DocumentKind)]


def kind_named(slug: str) -> DocumentKind:
    kind = kinds.kind_named(slug)
    if not isinstance(kind, DocumentKind):
        raise ValueError(f"{kind.title} is not built from a meeting's record.")
    return kind


def build(kind: DocumentKind, source: MeetingSource) -> Document:
    return kind.build(source, kind)


def classified(projected: Projected, statements: dict[Label, str], *, status: str) -> Projected:
    """The projected document with the classification statement for the label it kept put first,
    and its status line. Both are WHITE and come after the count, so the label stays as kept."""
    statement = Paragraph((Text(statements[projected.label]),), "classification")
    meta = {**projected.meta, "status": status}
    return dataclasses.replace(projected, header=(statement, *projected.header), meta=meta)


def prepare(
    kind: DocumentKind | str,
    meeting: Meeting,
    *,
    audience: Audience | None = None,
    source: MeetingSource | None = None,
    statements: dict[Label, str] | None = None,
    status: str = DRAFT_STATUS,
) -> Projected:
    """The document of `kind` for `meeting`, projected for its audience (or another one) and
    classified: what every renderer receives."""
    if isinstance(kind, str):
        kind = kind_named(kind)
    source = source or MeetingSource(meeting)
    audience = audience or kind.audience_for(meeting)
    projected = project(build(kind, source), audience, audience=audience.name)
    if statements is None:
        statements = source.classification
    return classified(projected, statements, status=status)
