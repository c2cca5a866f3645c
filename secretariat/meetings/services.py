"""Every write to meetings: the meeting, attendance, agenda items, papers and outcomes."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.audit.services import apply_changes, audit_record
from secretariat.core.services import ServiceError, save_or_refuse, validated_save
from secretariat.core.validation import checks
from secretariat.directory.models import Body, Organisation, Person
from secretariat.labels.models import Label
from secretariat.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Outcome,
    OutcomeVerb,
    Paper,
    meeting_reference,
)

LABEL_FIELDS = ("label", "title_label", "summary_label", "report_label", "name_label")


def _parse_labels(values: dict) -> dict:
    for name in LABEL_FIELDS:
        if name in values:
            values[name] = Label.parse(values[name], field=name)
    return values


def _check_times(start, end) -> None:
    if start and end and end <= start:
        raise ServiceError({"end_time": "The meeting cannot end before it starts."})


@checks(Meeting)
@transaction.atomic
def meeting_create(
    *,
    actor,
    body: Body,
    number: int,
    date: dt.date,
    start_time=None,
    end_time=None,
    location: str = "",
    label=Label.WHITE,
    status: str = Meeting.Status.PLANNED,
    next_meeting_date: dt.date | None = None,
) -> Meeting:
    if not isinstance(body, Body):
        raise ServiceError({"body": "A meeting belongs to a body of the directory."})
    if number is None or number < 1:
        raise ServiceError({"number": f"Meeting number {number!r} must be a whole number from 1."})
    if date is None:
        raise ServiceError({"date": "A meeting needs a date."})
    if Meeting.objects.filter(body=body, number=number).exists():
        raise ServiceError({"number": f"{body.code} already has a meeting number {number}."})
    _check_times(start_time, end_time)
    if next_meeting_date and next_meeting_date <= date:
        raise ServiceError({"next_meeting_date": "The next meeting must come after this one."})
    reference = meeting_reference(body.code, number, date)
    clash = Meeting.objects.filter(reference=reference).values_list("body_id", "number").first()
    if clash == (body.pk, number):
        # Another writer created this very meeting since the check above.
        raise ServiceError({"number": f"{body.code} already has a meeting number {number}."})
    if clash is not None:
        raise ServiceError({"number": f"The reference {reference} is already used."})
    meeting = Meeting(
        body=body,
        number=number,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location,
        label=Label.parse(label),
        status=status,
        next_meeting_date=next_meeting_date,
        reference=reference,
    )
    validated_save(meeting, unique=False)
    save_or_refuse(
        meeting, field="number", message=f"{body.code} already has a meeting number {number}."
    )
    audit_record(actor=actor, verb="meeting.create", obj=meeting)
    return meeting


@checks(Meeting)
@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, version, **changes) -> Meeting:
    """Change a meeting's fields; `version` is the one the writer edited (a stale one is
    refused with StaleVersion, nothing written)."""
    _parse_labels(changes)
    number = changes.get("number", meeting.number)
    if (
        number != meeting.number
        and Meeting.objects.filter(body=meeting.body, number=number).exists()
    ):
        raise ServiceError(
            {"number": f"{meeting.body.code} already has a meeting number {number}."}
        )
    _check_times(
        changes.get("start_time", meeting.start_time), changes.get("end_time", meeting.end_time)
    )
    date = changes.get("date", meeting.date)
    if number is None or number < 1:
        raise ServiceError({"number": f"Meeting number {number!r} must be a whole number from 1."})
    if date is None:
        raise ServiceError({"date": "A meeting needs a date."})
    if (
        changes.get("status", meeting.status) == Meeting.Status.CANCELLED
        and meeting.status != Meeting.Status.CANCELLED
    ):
        raise ServiceError(
            {
                "status": "Cancel a meeting with its Cancel button, which records why and tells "
                "everyone who had it."
            }
        )
    reference = meeting_reference(meeting.body.code, number, date)
    derived = {}
    if reference != meeting.reference:
        if Meeting.objects.filter(reference=reference).exclude(pk=meeting.pk).exists():
            raise ServiceError({"number": f"The reference {reference} is already used."})
        derived["reference"] = reference
    apply_changes(
        actor=actor,
        instance=meeting,
        changes=changes,
        verb="meeting.update",
        allowed={
            "number",
            "date",
            "start_time",
            "end_time",
            "location",
            "status",
            "label",
            "next_meeting_date",
        },
        version=version,
        derived=derived,
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, version, reason: str) -> Meeting:
    """Call off a meeting that has not been held, from the `version` the officer saw. It keeps
    its reference and record; the version goes up, so a calendar's SEQUENCE rises with it and
    clients replace the event with a cancelled one."""
    # What the database holds, not what a form remembered: it may have been held since.
    meeting.status = Meeting.objects.values_list("status", flat=True).get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError({"status": f"{meeting.reference} is already cancelled."})
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CLOSED):
        raise ServiceError(
            {
                "status": f"{meeting.reference} has been held ({meeting.get_status_display()}"
                "): a meeting that took place cannot be cancelled."
            }
        )
    if not isinstance(reason, str) or not reason.strip():
        raise ServiceError({"reason": "Say why the meeting is cancelled."})
    apply_changes(
        actor=actor,
        instance=meeting,
        changes={"status": Meeting.Status.CANCELLED, "cancellation_reason": reason.strip()},
        verb="meeting.cancel",
        allowed={"status", "cancellation_reason"},
        version=version,
    )
    return meeting


# The name the issue gives it; `meeting_cancel` follows the services' noun_verb rule.
cancel_meeting = meeting_cancel


def _items_heard(meeting: Meeting, status: str, items_heard, items_missed) -> list | None:
    """The top-level items a part attendee heard, checked; None for full attendance or
    apologies (which list none)."""
    if items_heard is not None and items_missed is not None:
        raise ServiceError({"items_missed": "Give the items heard or the items missed, not both."})
    given = items_heard if items_heard is not None else items_missed
    field = "items_heard" if items_heard is not None else "items_missed"
    if status != Attendance.Status.PART:
        if given:
            raise ServiceError(
                {field: "Only part attendance lists items: full attendance heard every item."}
            )
        return None
    chosen = list(given or ())
    for item in chosen:
        if not isinstance(item, AgendaItem) or item.meeting_id != meeting.pk:
            raise ServiceError(
                {field: f"Every item listed must be an agenda item of {meeting.reference}."}
            )
        if item.parent_id is not None:
            raise ServiceError(
                {field: f"List items, not sub-points: item {item.number} is a sub-point."}
            )
    if items_missed is None:
        return chosen
    missed = {item.pk for item in chosen}
    return list(
        AgendaItem.objects.filter(meeting=meeting, parent__isnull=True).exclude(pk__in=missed)
    )


@checks(Attendance, items_heard=None, items_missed=None)
@transaction.atomic
def attendance_record(
    *,
    actor,
    meeting: Meeting,
    person: Person,
    status: str,
    capacity: str = Attendance.Capacity.MEMBER,
    note: str = "",
    items_heard=None,
    items_missed=None,
) -> Attendance:
    """Record (or correct) one person's attendance at a meeting.

    Part attendance says which items were heard (`items_heard`), or which were missed
    (`items_missed`: the rest were heard); RED on an item reaches only those who heard it."""
    if not isinstance(meeting, Meeting):
        raise ServiceError({"meeting": "Attendance is recorded at a meeting."})
    if not isinstance(person, Person):
        raise ServiceError({"person": "Attendance is recorded for a person of the directory."})
    if status not in Attendance.Status.values:
        raise ServiceError(
            {
                "status": f"{status!r} is not an attendance status: use "
                f"{', '.join(Attendance.Status.values)}."
            }
        )
    if capacity not in Attendance.Capacity.values:
        raise ServiceError(
            {
                "capacity": f"{capacity!r} is not a capacity: use "
                f"{', '.join(Attendance.Capacity.values)}."
            }
        )
    heard = _items_heard(meeting, status, items_heard, items_missed)
    existing = Attendance.objects.filter(meeting=meeting, person=person).first()
    if existing:
        before = sorted(existing.items_heard.values_list("number", flat=True))
        after = sorted(item.number for item in heard or ())
        apply_changes(
            actor=actor,
            instance=existing,
            verb="attendance.update",
            changes={"status": status, "capacity": capacity, "note": note},
            allowed={"status", "capacity", "note"},
        )
        if before != after:
            existing.items_heard.set(heard or ())
            audit_record(
                actor=actor,
                verb="attendance.items_heard",
                obj=existing,
                changes={"items_heard": [before, after]},
            )
        return existing
    attendance = Attendance(
        meeting=meeting, person=person, status=status, capacity=capacity, note=note
    )
    validated_save(attendance)
    attendance.save()
    changes: dict = {"meeting": meeting.reference, "status": status}
    if heard is not None:
        attendance.items_heard.set(heard)
        changes["items_heard"] = sorted(item.number for item in heard)
    audit_record(actor=actor, verb="attendance.record", obj=attendance, changes=changes)
    return attendance


ITEM_FIELDS = {
    "kind",
    "label",
    "title",
    "title_label",
    "summary",
    "summary_label",
    "restricted_text",
    "withheld_notice",
    "presenter",
    "party",
    "report_to_panel",
    "report_heading",
    "report_text",
    "report_label",
}


@checks(AgendaItem)
@transaction.atomic
def item_add(
    *,
    actor,
    meeting: Meeting,
    title: str = "",
    number: int | None = None,
    parent: AgendaItem | None = None,
    papers=(),
    **fields,
) -> AgendaItem:
    """Add an agenda item, or a sub-point when `parent` is given, at the end unless numbered."""
    unknown = sorted(set(fields) - ITEM_FIELDS)
    if unknown:
        raise ServiceError({unknown[0]: f"An agenda item has no field '{unknown[0]}'."})
    _parse_labels(fields)
    if parent is not None and parent.meeting_id != meeting.pk:
        raise ServiceError({"parent": "A sub-point belongs to an item of the same meeting."})
    if parent is not None and parent.parent_id is not None:
        raise ServiceError({"parent": "Sub-points cannot have sub-points of their own."})
    if (
        "party" in fields
        and fields["party"] is not None
        and not isinstance(fields["party"], Organisation)
    ):
        raise ServiceError({"party": "The party must be an organisation of the directory."})
    siblings = AgendaItem.objects.filter(meeting=meeting, parent=parent)
    if number is None:
        number = (max(siblings.values_list("number", flat=True), default=0)) + 1
    elif siblings.filter(number=number).exists():
        where = f"item {parent.number}" if parent else meeting.reference
        raise ServiceError({"number": f"{where} already has a point numbered {number}."})
    item = AgendaItem(meeting=meeting, parent=parent, number=number, title=title, **fields)
    if parent is not None and "label" not in fields:
        item.label = parent.label
    validated_save(item)
    item.save()
    for paper in papers:
        _attach(item, paper)
    audit_record(
        actor=actor,
        verb="item.add",
        obj=item,
        changes={"meeting": meeting.reference, "number": number},
    )
    return item


def _attach(item: AgendaItem, paper: Paper) -> None:
    if paper.body_id != item.meeting.body_id:
        raise ServiceError({"papers": f"Paper {paper.reference} was tabled for another body."})
    item.papers.add(paper)


@checks(AgendaItem)
@transaction.atomic
def item_update(*, actor, item: AgendaItem, version, **changes) -> AgendaItem:
    """Change an item's texts and labels from the `version` the writer edited."""
    _parse_labels(changes)
    if (
        "party" in changes
        and changes["party"] is not None
        and not isinstance(changes["party"], Organisation)
    ):
        raise ServiceError({"party": "The party must be an organisation of the directory."})
    apply_changes(
        actor=actor,
        instance=item,
        changes=changes,
        verb="item.update",
        allowed=ITEM_FIELDS,
        version=version,
    )
    return item


@checks(Paper)
@transaction.atomic
def paper_create(
    *,
    actor,
    body: Body,
    reference: str,
    title: str,
    label=Label.WHITE,
    title_label=Label.WHITE,
    distribution=(),
) -> Paper:
    if Paper.objects.filter(reference=reference).exists():
        raise ServiceError({"reference": f"A paper {reference} already exists."})
    paper = Paper(
        body=body,
        reference=reference,
        title=title,
        label=Label.parse(label),
        title_label=Label.parse(title_label, field="title_label"),
    )
    validated_save(paper)
    paper.save()
    for person in distribution:
        if not isinstance(person, Person):
            raise ServiceError(
                {"distribution": "A paper is distributed to people of the directory."}
            )
        paper.distribution.add(person)
    audit_record(actor=actor, verb="paper.create", obj=paper)
    return paper


@transaction.atomic
def paper_attach(*, actor, item: AgendaItem, paper: Paper) -> None:
    _attach(item, paper)
    audit_record(actor=actor, verb="paper.attach", obj=item, changes={"paper": paper.reference})


@checks(OutcomeVerb)
@transaction.atomic
def outcome_verb_create(*, actor, word: str, description: str = "") -> OutcomeVerb:
    word = word.strip().upper()
    if not word.replace(" ", "").isalpha():
        raise ServiceError(
            {"word": f"Outcome verb {word!r} must be a word in capitals, e.g. ENDORSED."}
        )
    if OutcomeVerb.objects.filter(word=word).exists():
        raise ServiceError({"word": f"The verb {word} already exists."})
    verb = OutcomeVerb.objects.create(word=word, description=description)
    audit_record(actor=actor, verb="outcome_verb.create", obj=verb)
    return verb


def _verb(verb) -> OutcomeVerb:
    if isinstance(verb, OutcomeVerb):
        return verb
    found = OutcomeVerb.objects.filter(word=str(verb).strip().upper(), active=True).first()
    if found is None:
        words = ", ".join(OutcomeVerb.objects.filter(active=True).values_list("word", flat=True))
        raise ServiceError({"verb": f"{verb!r} is not an outcome verb: use one of {words}."})
    return found


@checks(Outcome, verb=None)
@transaction.atomic
def outcome_record(
    *,
    actor,
    meeting: Meeting,
    item: AgendaItem,
    verb,
    text: str,
    label=Label.WHITE,
    joins_paragraph: int | None = None,
) -> Outcome:
    """Record a decision taken at `meeting` on one of its items."""
    if item.meeting_id != meeting.pk:
        raise ServiceError(
            {"item": f"That item belongs to another meeting, not {meeting.reference}."}
        )
    text = text.strip().rstrip(".")
    if not text:
        raise ServiceError({"text": "An outcome says what it applies to, e.g. 'the update'."})
    label = Label.parse(label)
    position = (max(item.outcomes.values_list("position", flat=True), default=0)) + 1
    outcome = Outcome(
        item=item,
        verb=_verb(verb),
        text=text,
        label=label,
        position=position,
        joins_paragraph=_paragraph_number(joins_paragraph),
    )
    validated_save(outcome)
    outcome.save()
    audit_record(
        actor=actor,
        verb="outcome.record",
        obj=outcome,
        changes={"meeting": meeting.reference, "item": item.number},
    )
    return outcome


def _paragraph_number(value) -> int | None:
    """Which paragraph of the item's text an outcome joins: a whole number from 1, or none."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ServiceError(
            {
                "joins_paragraph": "Give the number of a paragraph of the item's text (1 is the "
                "first), or leave it empty for a sentence of its own."
            }
        )
    return value


@checks(Outcome, verb=None)
@transaction.atomic
def outcome_update(*, actor, outcome: Outcome, version, **changes) -> Outcome:
    _parse_labels(changes)
    if "verb" in changes:
        changes["verb"] = _verb(changes["verb"])
    if "joins_paragraph" in changes:
        changes["joins_paragraph"] = _paragraph_number(changes["joins_paragraph"])
    apply_changes(
        actor=actor,
        instance=outcome,
        changes=changes,
        verb="outcome.update",
        allowed={"verb", "text", "label", "joins_paragraph"},
        version=version,
    )
    return outcome


def ensure_default_verbs() -> None:
    for word, description in {
        "NOTED": "The body took note.",
        "AGREED": "The body agreed.",
        "APPROVED": "The body approved.",
        "RECOMMENDED": "The body recommended to another body.",
    }.items():
        OutcomeVerb.objects.get_or_create(word=word, defaults={"description": description})


@transaction.atomic
def items_reorder(
    *, actor, meeting: Meeting, order: list[int], parent: AgendaItem | None = None
) -> None:
    """Renumber the items of an agenda (or the sub-points of `parent`) in the `order` of their
    ids. A position is not an item's content, so items keep their versions; but an order built
    from an agenda that has changed since (an item added elsewhere) is refused."""
    if parent is not None and parent.meeting_id != meeting.pk:
        raise ServiceError({"parent": "A sub-point belongs to an item of the same meeting."})
    siblings = {
        item.pk: item
        for item in AgendaItem.objects.select_for_update().filter(meeting=meeting, parent=parent)
    }
    if len(set(order)) != len(order) or set(order) != set(siblings):
        raise ServiceError(
            {"order": "The agenda has changed since this page was loaded: reload it and try again."}
        )
    before = sorted(siblings, key=lambda pk: siblings[pk].number)
    if before == list(order):
        return
    # Two passes, so that no two items ever hold the same number on the way.
    offset = max(item.number for item in siblings.values()) + len(order)
    for item in siblings.values():
        item.number += offset
        item.save(update_fields=["number"])
    for number, pk in enumerate(order, start=1):
        siblings[pk].number = number
        siblings[pk].save(update_fields=["number"])
    audit_record(
        actor=actor,
        verb="agenda.reorder",
        obj=parent or meeting,
        changes={"order": [[before.index(pk) + 1, n] for n, pk in enumerate(order, start=1)]},
    )
