"""The assurance register in the officer's pages: what awaits the SSC (assessments whose report
is in and whose status is not yet set, Director's Letters not yet approved, notifications not
yet decided), put on an agenda from the builder; and, in minute-taking, the record each item
considers, so that the outcome form makes its register decision (a status, a letter's approval,
a notification's decision) through the register's own services.

Every record is read through the register's door (`visible_*`): a reader who may not read a
record does not see it offered, and cannot name it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from secretariat.assurance.models import (
    ASSURANCE_BODY_CODE,
    AgendaLink,
    Assessment,
    DirectorsLetter,
    UserSystemNotification,
)
from secretariat.assurance.selectors import (
    visible_assessments,
    visible_letters,
    visible_notifications,
)
from secretariat.assurance.services.decisions import (
    agenda_place,
    letter_approve,
    notification_decide,
)
from secretariat.core.services import ServiceError
from secretariat.labels.access import Reader
from secretariat.meetings.models import AgendaItem, Meeting, Outcome

KINDS = {
    "assessment": Assessment,
    "letter": DirectorsLetter,
    "notification": UserSystemNotification,
}
# How many of each kind the builder offers: the oldest waiting first, as the SSC takes them.
OFFERED = 30


@dataclass(frozen=True)
class Offer:
    key: str  # "assessment:22"
    record: Assessment | DirectorsLetter | UserSystemNotification

    @property
    def text(self) -> str:
        return f"{self.record} ({self.record.reference})"


def _key(record) -> str:
    kind = next(name for name, model in KINDS.items() if isinstance(record, model))
    return f"{kind}:{record.pk}"


def awaiting(reader: Reader, meeting: Meeting) -> list[Offer]:
    """The register's records that await an SSC decision and are not on this agenda yet, as the
    reader may read them: three queries, whatever the register's size. Only SSC meetings."""
    if meeting.body.code != ASSURANCE_BODY_CODE:
        return []
    here = AgendaLink.objects.filter(item__meeting=meeting)
    assessments = (
        visible_assessments(reader)
        .filter(report_received__isnull=False, status_decisions__isnull=True)
        .exclude(pk__in=here.filter(assessment__isnull=False).values("assessment_id"))
        .select_related("organisation")
        .order_by("report_received", "pk")[:OFFERED]
    )
    letters = (
        visible_letters(reader)
        .filter(approved_by__isnull=True)
        .exclude(pk__in=here.filter(letter__isnull=False).values("letter_id"))
        .select_related("organisation")
        .order_by("submitted_on", "pk")[:OFFERED]
    )
    notifications = (
        visible_notifications(reader)
        .filter(decided_by__isnull=True)
        .exclude(pk__in=here.filter(notification__isnull=False).values("notification_id"))
        .select_related("organisation")
        .order_by("received_on", "pk")[:OFFERED]
    )
    return [Offer(_key(r), r) for rows in (assessments, letters, notifications) for r in rows]


def _record(reader: Reader, key: str):
    kind, _, pk = (key or "").partition(":")
    model = KINDS.get(kind)
    if model is None or not pk.isdigit():
        raise ServiceError({"record": "Choose a record of the register."})
    door = {"assessment": visible_assessments, "letter": visible_letters}.get(
        kind, visible_notifications
    )
    record = door(reader, model._default_manager.filter(pk=int(pk))).first()
    if record is None:
        # Not there, or not for this reader: the same answer.
        raise ServiceError({"record": "No such record of the register."})
    return record


@transaction.atomic
def place(*, actor, reader: Reader, meeting: Meeting, key: str) -> AgendaItem:
    """Put the record named by `key` on the meeting's agenda: the standard title and summary,
    the record's label, linked to it (the register's own service)."""
    return agenda_place(actor=actor, meeting=meeting, record=_record(reader, key))


# -- minute-taking ------------------------------------------------------------------------------


def item_records(reader: Reader, meeting: Meeting) -> dict[int, object]:
    """The letter or notification each item of the meeting considers, where the reader may read
    it: three queries. (Assessments come through `minutes.item_assessments`.)"""
    links = list(
        AgendaLink.objects.filter(item__meeting=meeting).exclude(
            letter__isnull=True, notification__isnull=True
        )
    )
    letters = {
        row.pk: row
        for row in visible_letters(reader).filter(
            pk__in=[link.letter_id for link in links if link.letter_id]
        )
    }
    notifications = {
        row.pk: row
        for row in visible_notifications(reader).filter(
            pk__in=[link.notification_id for link in links if link.notification_id]
        )
    }
    found: dict[int, object] = {}
    for link in links:
        record = letters.get(link.letter_id) or notifications.get(link.notification_id)
        if record is not None:
            found[link.item_id] = record
    return found


def _linked(reader: Reader, item: AgendaItem, model):
    ids = [pk for pk in (item.pk, item.parent_id) if pk is not None]
    field = "letter" if model is DirectorsLetter else "notification"
    link = AgendaLink.objects.filter(item_id__in=ids, **{f"{field}__isnull": False}).first()
    if link is None:
        return None
    door = visible_letters if model is DirectorsLetter else visible_notifications
    return door(reader, model.objects.filter(pk=getattr(link, f"{field}_id"))).first()


def decide(
    *, actor, reader: Reader, item: AgendaItem, outcome: Outcome, letter: str, decision: str
) -> None:
    """The register decision an outcome makes on a letter (`letter="approve"`) or a
    notification (`decision`: next_annual or ad_hoc), through the register's services."""
    if letter:
        record = _linked(reader, item, DirectorsLetter)
        if record is None:
            raise ServiceError({"letter": "This item considers no Director's Letter."})
        if letter != "approve":
            raise ServiceError({"letter": "An outcome approves the letter, or says nothing of it."})
        letter_approve(actor=actor, letter=record, outcome=outcome)
    if decision:
        record = _linked(reader, item, UserSystemNotification)
        if record is None:
            raise ServiceError(
                {"decision": "This item considers no notification of a User System."}
            )
        notification_decide(actor=actor, notification=record, outcome=outcome, decision=decision)


def decisions_at(meeting: Meeting) -> dict[int, str]:
    """What each outcome of the meeting decided of a letter or a notification: two queries."""
    found: dict[int, str] = {}
    for letter in DirectorsLetter.objects.filter(approved_by__item__meeting=meeting):
        if letter.approved_by_id is not None:
            found[letter.approved_by_id] = f"approves {letter.reference}"
    for row in UserSystemNotification.objects.filter(decided_by__item__meeting=meeting):
        if row.decided_by_id is not None:
            found[row.decided_by_id] = f"{row.reference}: {row.get_decision_display().lower()}"
    return found
