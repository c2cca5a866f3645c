"""Minute-taking's writes beyond the meetings' own services: each officer's draft of what they
type (kept as they type, never the record), the save that writes the record once from it, and
outcomes that are register decisions too (an Assurance or Compliance Status set by the outcome,
through the assurance register's own service) or approve an earlier meeting's minutes."""

from __future__ import annotations

from django.db import transaction

from secretariat.assurance.models import AgendaLink, Assessment, StatusName
from secretariat.assurance.services.decisions import status_set
from secretariat.core import clock
from secretariat.core.services import ServiceError
from secretariat.labels.access import Reader
from secretariat.meetings.access import meeting_scope
from secretariat.meetings.models import AgendaItem, Meeting, Outcome
from secretariat.meetings.services import item_update, outcome_record
from secretariat.workspace import register_items
from secretariat.workspace.minutes_models import MinuteDraft

DRAFTED = {choice.value for choice in MinuteDraft.Field}


def _user(actor):
    if not getattr(actor, "is_authenticated", False):
        raise ServiceError({"actor": "A draft belongs to a signed-in officer."})
    return actor


def draft_keep(*, actor, item: AgendaItem, field: str, text: str, version) -> MinuteDraft | None:
    """Keep what the officer has typed into `field` so far, as their own draft of the item.

    Not audited and not the record: nobody else reads it. Typing back to what the record holds
    leaves no draft. `version` is the item's version the officer's form was opened on."""
    user = _user(actor)
    if field not in DRAFTED:
        raise ServiceError({"field": f"Only {', '.join(sorted(DRAFTED))} are drafted."})
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise ServiceError({"version": "The form carries no version: reload the page."}) from None
    text = text or ""
    if text.strip() == (getattr(item, field) or "").strip():
        MinuteDraft.objects.filter(user=user, item=item, field=field).delete()
        return None
    draft, _created = MinuteDraft.objects.update_or_create(
        user=user,
        item=item,
        field=field,
        defaults={"text": text, "version": version, "updated_at": clock.now()},
    )
    return draft


def draft_discard(*, actor, item: AgendaItem) -> int:
    """Throw away the officer's drafts of the item; the record stays as it is."""
    deleted, _ = MinuteDraft.objects.filter(user=_user(actor), item=item).delete()
    return deleted


def drafts_of(user, items) -> dict[int, dict[str, MinuteDraft]]:
    """The user's drafts of these items, by item and field: one query."""
    found: dict[int, dict[str, MinuteDraft]] = {}
    if not getattr(user, "is_authenticated", False):
        return found
    for draft in MinuteDraft.objects.filter(user=user, item__in=[item.pk for item in items]):
        found.setdefault(draft.item_id, {})[draft.field] = draft
    return found


@transaction.atomic
def minute_save(*, actor, item: AgendaItem, version, **values) -> AgendaItem:
    """Write the item's minute to the record once, from the version the officer typed on
    (stale: 409, nothing written), and drop their drafts of it: they are in the record now."""
    item_update(actor=actor, item=item, version=version, **values)
    if getattr(actor, "is_authenticated", False):
        MinuteDraft.objects.filter(user=actor, item=item).delete()
    return item


# -- register decisions in the same form -----------------------------------------------------------


def status_choices(meeting: Meeting) -> dict[str, list[tuple[str, str]]]:
    """The status names in use on the meeting's date, by kind of status: one query."""
    choices: dict[str, list[tuple[str, str]]] = {}
    names = StatusName.objects.select_related("status").order_by("status__position", "name")
    for name in names:
        if name.valid_on(meeting.date):
            choices.setdefault(name.status.kind, []).append((name.status.key, name.name))
    return choices


def _assessment_of(reader: Reader, item: AgendaItem) -> Assessment | None:
    from secretariat.assurance.selectors import visible_assessments

    ids = [pk for pk in (item.pk, item.parent_id) if pk is not None]
    link = (
        AgendaLink.objects.filter(item_id__in=ids, assessment__isnull=False)
        .filter(assessment__in=visible_assessments(reader).values("pk"))
        .select_related("assessment__organisation")
        .first()
    )
    return link.assessment if link else None


def _status(assessment: Assessment, key: str):
    from secretariat.assurance.models import Status

    status = Status.objects.filter(key=key, kind=assessment.status_kind).first()
    if status is None:
        raise ServiceError({"status": f"{key!r} is not a status this assessment takes."})
    return status


@transaction.atomic
def outcome_decide(
    *,
    actor,
    reader: Reader,
    meeting: Meeting,
    item: AgendaItem,
    verb,
    text: str,
    label,
    status: str = "",
    approves: str = "",
    letter: str = "",
    decision: str = "",
) -> Outcome:
    """An outcome, and the register decision it makes when `status` is given: the Assurance or
    Compliance Status of the assessment the item considers, set through the register's service;
    or, with `approves` (an earlier meeting's reference), the approval of that meeting's
    minutes; with `letter` ("approve") or `decision` (next_annual, ad_hoc), the approval of the
    Director's Letter or the decision on the notification the item considers. All or nothing: a
    refused decision leaves no outcome behind."""
    outcome = outcome_record(
        actor=actor, meeting=meeting, item=item, verb=verb, text=text, label=label
    )
    if status:
        assessment = _assessment_of(reader, item)
        if assessment is None:
            raise ServiceError({"status": "This item considers no assessment of the register."})
        status_set(
            actor=actor, assessment=assessment, outcome=outcome, status=_status(assessment, status)
        )
    if letter or decision:
        register_items.decide(
            actor=actor, reader=reader, item=item, outcome=outcome, letter=letter, decision=decision
        )
    if approves:
        from secretariat.workspace import life

        earlier = next(
            (m for m in life.approvable_before(meeting) if m.reference == approves), None
        )
        if earlier is None or not reader.admits(earlier.label, meeting_scope(earlier)):
            raise ServiceError(
                {
                    "approves": f"{approves!r} is not an earlier meeting whose minutes await approval."
                }
            )
        life.minutes_approve(actor=actor, meeting=earlier, outcome=outcome)
    return outcome


def item_assessments(reader: Reader, meeting: Meeting) -> dict[int, Assessment]:
    """The assessment each of the meeting's items considers, where the reader may read it
    through the register's door: one query."""
    from secretariat.assurance.selectors import visible_assessments

    links = (
        AgendaLink.objects.filter(item__meeting=meeting, assessment__isnull=False)
        .filter(assessment__in=visible_assessments(reader).values("pk"))
        .select_related("assessment__organisation", "assessment__follows")
    )
    return {link.item_id: link.assessment for link in links if link.assessment is not None}


def decisions_at(meeting: Meeting) -> dict[int, str]:
    """The status each outcome of the meeting set, by outcome: two queries."""
    from secretariat.assurance.models import StatusDecision

    decisions = (
        StatusDecision.objects.filter(outcome__item__meeting=meeting)
        .select_related("status")
        .prefetch_related("status__names")
    )
    return {decision.outcome_id: decision.status.name_on(meeting.date) for decision in decisions}
