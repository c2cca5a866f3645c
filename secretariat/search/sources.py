"""What is indexed: for each kind of record, its labelled fragments, each with the label and the
scopes its own app gives it (`audit.labelling.fragment_of`, the registers' scope functions), so
that search asks the door exactly what the record's own pages ask.

A source is a queryset of its records (loaded with what their fragments need, in a fixed number
of queries) and a function from one record to its fragments. `hooks.py` says which records to
refresh when another is saved."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import get_script_prefix, reverse

from secretariat.actions.models import Action
from secretariat.assurance.models import (
    AgendaLink,
    Assessment,
    DirectorsLetter,
    NonCompliance,
    UserSystemNotification,
)
from secretariat.audit.labelling import Fragment, fragment_of
from secretariat.changes.access import change_scope
from secretariat.changes.models import Change, Release
from secretariat.directory.models import Body
from secretariat.labels.access import Scope
from secretariat.labels.models import Label, highest
from secretariat.meetings.models import AgendaItem, Meeting, Outcome, Paper
from secretariat.operations.access import scope_of
from secretariat.operations.models import Incident, Measure, OwedReport, SubGroupIssue
from secretariat.publishing.models import PublicationRecord
from secretariat.publishing.record import item_anchor
from secretariat.search.extract import paper_text
from secretariat.workspace.paper_models import PaperFile


@dataclass(frozen=True)
class Piece:
    """One labelled fragment of a record, ready to be indexed."""

    record: str
    kind: str
    field: str
    heading: str
    url: str
    body_id: int | None
    day: dt.date | None
    fragment: Fragment
    text: str


@dataclass(frozen=True)
class Source:
    kind: str
    model: Any
    queryset: Callable[[], QuerySet]
    pieces: Callable[[Any], Iterator[Piece]]

    def key(self, pk: int) -> str:
        return f"{self.kind}:{pk}"


# A reference of letters, digits and underscores is the same in a path as it is: its address is
# a route's address with it put in, one reverse() per route (and script prefix) rather than one
# per fragment (a third of the index's CPU at twenty years).
_PLAIN = re.compile(r"[A-Za-z0-9_]+")
_PLACEHOLDER = "0REFERENCE0"


@functools.cache
def _address(route: str, prefix: str) -> tuple[str, str]:
    before, _, after = reverse(route, args=[_PLACEHOLDER]).rpartition(_PLACEHOLDER)
    return before, after


def _url(route: str, reference: str) -> str:
    if not _PLAIN.fullmatch(reference):
        return reverse(route, args=[reference])
    before, after = _address(route, get_script_prefix())
    return f"{before}{reference}{after}"


def _meeting_url(meeting: Meeting, number: str | None = None) -> str:
    url = _url("meetings:meeting", meeting.reference)
    return url + (f"#{item_anchor(int(number.split('.')[0]))}" if number else "")


def _item_number(item: AgendaItem) -> str:
    return f"{item.parent.number}.{item.number}" if item.parent else str(item.number)


# -- meetings and what hangs off them --------------------------------------------------------------


def _meetings() -> QuerySet:
    return Meeting.objects.select_related("body")


def _meeting_pieces(meeting) -> Iterator[Piece]:
    text = " ".join(
        part
        for part in (
            meeting.reference,
            f"{meeting.body.name} meeting {meeting.number}",
            f"{meeting.date:%d %B %Y}",
            meeting.location,
        )
        if part
    )
    yield Piece(
        f"meeting:{meeting.pk}",
        "meeting",
        "meeting",
        f"{meeting.body.display_code} {meeting.number}, {meeting.date:%d %B %Y}",
        _meeting_url(meeting),
        meeting.body_id,
        meeting.date,
        fragment_of(meeting, "location"),
        text,
    )


def _items() -> QuerySet:
    return AgendaItem.objects.select_related("meeting__body", "parent", "party")


_ITEM_TEXTS = (("title", "title"), ("summary", "summary"), ("record", "restricted_text"))


def _item_pieces(item) -> Iterator[Piece]:
    meeting = item.meeting
    number = _item_number(item)

    def piece(field: str, fragment: Fragment, text: str) -> Piece:
        return Piece(
            f"item:{item.pk}",
            "item",
            field,
            f"{meeting.reference} item {number}",
            _meeting_url(meeting, number),
            meeting.body_id,
            meeting.date,
            fragment,
            text,
        )

    for field, name in _ITEM_TEXTS:
        text = getattr(item, name)
        if text.strip():
            yield piece(field, fragment_of(item, name), text)
    if item.report_text.strip():
        report = f"{item.report_heading} {item.report_text}".strip()
        yield piece("highlight", fragment_of(item, "report_text"), report)
    party = item.party
    if party is not None and party.name and Label(meeting.label) == Label.WHITE:
        # The party's real name is a fragment of its own, at the name's label in the party's
        # scope: found by those who may read the name, and nobody else.
        yield piece("party", fragment_of(party, "name"), party.name)


def _outcomes() -> QuerySet:
    return Outcome.objects.select_related("item__meeting__body", "item__parent", "verb")


def _outcome_pieces(outcome) -> Iterator[Piece]:
    item = outcome.item
    meeting = item.meeting
    number = _item_number(item)
    yield Piece(
        f"outcome:{outcome.pk}",
        "outcome",
        "outcome",
        f"{meeting.reference} item {number}: outcome",
        _meeting_url(meeting, number),
        meeting.body_id,
        meeting.date,
        fragment_of(outcome, "text"),
        f"{outcome.verb.word} {outcome.text}",
    )


def _actions() -> QuerySet:
    return Action.objects.select_related("meeting__body", "item__parent")


def _action_pieces(action) -> Iterator[Piece]:
    meeting = action.meeting
    number = _item_number(action.item) if action.item_id else None
    yield Piece(
        f"action:{action.pk}",
        "action",
        "action",
        f"Action {action.reference}" if getattr(action, "reference", "") else "Action",
        _meeting_url(meeting, number),
        meeting.body_id,
        meeting.date,
        fragment_of(action, "text"),
        action.text,
    )


def _papers() -> QuerySet:
    # The files' bytes are read one paper at a time (paper_text), never all versions at once.
    latest = PaperFile.objects.defer("data").order_by("paper_id", "-number")
    return Paper.objects.prefetch_related(
        "distribution",
        Prefetch("items", queryset=AgendaItem.objects.select_related("meeting")),
        Prefetch("files", queryset=latest, to_attr="latest_files"),
    )


def _paper_pieces(paper) -> Iterator[Piece]:
    meetings = [item.meeting for item in paper.items.all()]
    meeting = min(meetings, key=lambda m: m.date) if meetings else None
    url = _url("workspace:meeting-papers", meeting.reference) if meeting else reverse("home")
    day = meeting.date if meeting else None

    def piece(field: str, fragment: Fragment, text: str) -> Piece:
        return Piece(
            f"paper:{paper.pk}", "paper", field, paper.reference, url, paper.body_id, day,
            fragment, text,
        )  # fmt: skip

    yield piece("title", fragment_of(paper, "title"), f"{paper.reference} {paper.title}")
    if paper.latest_files:
        text = paper_text(paper.latest_files[0])
        if text.strip():
            yield piece("file", fragment_of(paper, "label"), text)


# -- the registers -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def ssc_id() -> int | None:
    # The SSC reads the security assurance register: its facet is the SSC's.
    return Body.objects.filter(code="SSC").values_list("pk", flat=True).first()


def _links() -> Prefetch:
    return Prefetch("agenda_links", queryset=AgendaLink.objects.select_related("item__meeting"))


def _assurance(model, text: str, kind: str, route: str) -> Source:
    def queryset() -> QuerySet:
        return model.objects.select_related("organisation").prefetch_related(_links())

    def pieces(record) -> Iterator[Piece]:
        body = text_of = getattr(record, text)
        if not text_of.strip():
            return
        day = getattr(record, "submitted_on", None) or getattr(record, "received_on", None)
        if day is None:
            day = record.report_received or record.planned_start or record.planned_end
        yield Piece(
            f"{kind}:{record.pk}",
            kind,
            text,
            f"{model._meta.verbose_name.capitalize()}: {record.organisation.public_name}",
            reverse(route, args=[record.pk]),
            ssc_id(),
            day,
            fragment_of(record, text),
            body,
        )

    return Source(kind, model, queryset, pieces)


def _non_compliances() -> QuerySet:
    return NonCompliance.objects.select_related("assessment__organisation").prefetch_related(
        Prefetch(
            "assessment__agenda_links",
            queryset=AgendaLink.objects.select_related("item__meeting"),
        )
    )


def _non_compliance_pieces(record) -> Iterator[Piece]:
    assessment = record.assessment
    yield Piece(
        f"non-compliance:{record.pk}",
        "assessment",
        "non-compliance",
        f"Non-compliance: {assessment.organisation.public_name}",
        reverse("assurance:assessment", args=[assessment.pk]),
        ssc_id(),
        assessment.report_received or assessment.planned_start,
        fragment_of(record, "description"),
        f"{record.obligation} {record.description}",
    )


def _changes() -> QuerySet:
    return Change.objects.all()


def _change_pieces(change) -> Iterator[Piece]:
    scope = change_scope(change)
    for field, label_field in (("title", "title_label"), ("summary", "summary_label")):
        text = getattr(change, field)
        if not text.strip():
            continue
        label = highest([change.label, getattr(change, label_field)])
        yield Piece(
            f"change:{change.pk}",
            "change",
            field,
            change.reference,
            reverse("changes:detail", args=[change.reference]),
            None,
            change.raised_on,
            Fragment(label, (scope,)),
            f"{change.reference} {text}" if field == "title" else text,
        )


def _release_pieces(release) -> Iterator[Piece]:
    yield Piece(
        f"release:{release.pk}",
        "change",
        "release",
        release.title,
        reverse("changes:release", args=[release.name]),
        None,
        release.release_date,
        Fragment(Label(release.label), (Scope(secretariat_reads_red=True),)),
        release.title,
    )


def _operations(model, kind: str, texts: tuple[str, ...], url: Callable[[Any], str]) -> Source:
    def pieces(record) -> Iterator[Piece]:
        scope = scope_of(record)
        for field in texts:
            text = getattr(record, field)
            if not text.strip():
                continue
            yield Piece(
                f"{kind}:{record.pk}",
                kind,
                field,
                getattr(record, "reference", "") or getattr(record, "name", "") or kind,
                url(record),
                record.body_id,
                scope.date,
                Fragment(Label(record.label), (scope,)),
                text,
            )

    return Source(kind, model, lambda: model.objects.all(), pieces)


def _publications() -> QuerySet:
    return PublicationRecord.objects.select_related("meeting__body")


def _publication_pieces(record) -> Iterator[Piece]:
    meeting = record.meeting
    # A version reaches its audience only: the public's at the meeting's own label; the body's
    # members and those recorded at the meeting (the Minutes, the Confidential Minutes) are
    # whom AMBER reaches in the meeting's scope; any narrower audience at RED.
    floor = {"public": Label.WHITE, "members": Label.AMBER, "confidential": Label.AMBER}.get(
        record.audience, Label.RED
    )
    fragment = Fragment(highest([meeting.label, floor]), fragment_of(record, "title").scopes)
    yield Piece(
        f"publication:{record.pk}",
        "publication",
        "title",
        f"{record.title} (version {record.number})",
        record.page_url,
        meeting.body_id,
        record.published_at.date(),
        fragment,
        record.title,
    )


SOURCES: tuple[Source, ...] = (
    Source("meeting", Meeting, _meetings, _meeting_pieces),
    Source("item", AgendaItem, _items, _item_pieces),
    Source("outcome", Outcome, _outcomes, _outcome_pieces),
    Source("action", Action, _actions, _action_pieces),
    Source("paper", Paper, _papers, _paper_pieces),
    _assurance(Assessment, "outcome", "assessment", "assurance:assessment"),
    _assurance(DirectorsLetter, "subject", "letter", "assurance:letter"),
    _assurance(UserSystemNotification, "description", "notification", "assurance:notification"),
    Source("non-compliance", NonCompliance, _non_compliances, _non_compliance_pieces),
    Source("change", Change, _changes, _change_pieces),
    Source("release", Release, lambda: Release.objects.all(), _release_pieces),
    _operations(
        Incident,
        "incident",
        ("service", "summary"),
        lambda r: reverse("operations:incident", args=[r.reference]),
    ),
    _operations(
        Measure,
        "measure",
        ("name", "report_phrase"),
        lambda r: reverse("operations:measure", args=[r.code]),
    ),
    _operations(OwedReport, "owed-report", ("title",), lambda r: reverse("operations:overview")),
    _operations(
        SubGroupIssue,
        "issue",
        ("title", "closure_reason"),
        lambda r: reverse("operations:issue", args=[r.reference]),
    ),
    Source("publication", PublicationRecord, _publications, _publication_pieces),
)

BY_KIND = {source.kind: source for source in SOURCES}
BY_MODEL = {source.model: source for source in SOURCES}

# The kinds a reader filters by (a facet), and their names on the page.
KIND_NAMES = {
    "meeting": "Meetings",
    "item": "Agenda items",
    "outcome": "Outcomes",
    "action": "Actions",
    "paper": "Papers",
    "assessment": "Security assurance",
    "letter": "Directors' letters",
    "notification": "User System notifications",
    "change": "Changes and releases",
    "incident": "Incidents",
    "measure": "Measures",
    "owed-report": "Owed reports",
    "issue": "Sub-group issues",
    "publication": "Publications",
}


def pieces_of(source: Source, records: Iterable) -> Iterator[Piece]:
    for record in records:
        yield from source.pieces(record)
