"""Where the register meets the SSC's meetings: putting a record on an agenda (or linking an
item that already considers it), and the decisions only an outcome of such an item can make:
statuses, referrals to the Panel, approval of Director's Letters, decisions on notifications."""

from __future__ import annotations

from django.db import transaction

from secretariat.assurance.models import (
    ASSURANCE_BODY_CODE,
    AgendaLink,
    Assessment,
    AssessmentKind,
    DirectorsLetter,
    NonCompliance,
    Status,
    StatusDecision,
    StatusKind,
    StatusName,
    UserSystemNotification,
)
from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError, validated_save
from secretariat.core.validation import checks
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Meeting, Outcome
from secretariat.meetings.services import item_add, outcome_record

RECORD_TYPES = (Assessment, DirectorsLetter, UserSystemNotification)


def _possessive(name: str) -> str:
    # The seed writes "Small Supplier 'AA's" for a pseudonym ending in a quote.
    return f"{name}s" if name.endswith("'") else f"{name}'s"


def standard_title(record) -> str:
    """The agenda title the SSC uses: 'Verification User Security Assessment – Small Supplier
    'AA''. Only the pseudonym appears, never the real name."""
    party = record.organisation.public_name
    if isinstance(record, Assessment):
        return f"{AssessmentKind(record.kind).label} – {party}"
    if isinstance(record, DirectorsLetter):
        return f"Directors Letter – {party}"
    return f"Notification of a Second or Subsequent User System – {party}"


def standard_summary(record) -> str:
    """The public line of the Meeting Headlines for the item."""
    party = record.organisation.public_name
    if isinstance(record, Assessment):
        return f"The SSC considered {_possessive(party)} {AssessmentKind(record.kind).label}."
    if isinstance(record, DirectorsLetter):
        return f"The SSC considered {_possessive(party)} Director's Letter."
    return (
        f"The SSC considered the formal notification received by {party} intending to employ "
        "a second user system."
    )


def _require_record(record, field: str = "record"):
    if not isinstance(record, RECORD_TYPES):
        raise ServiceError(
            {field: "Choose an assessment, a Director's Letter or a notification of the register."}
        )
    return record


def _require_ssc(meeting: Meeting, field: str) -> None:
    if meeting.body.code != ASSURANCE_BODY_CODE:
        raise ServiceError(
            {
                field: f"{meeting.reference} is a meeting of the {meeting.body.display_code}; the "
                f"register is considered only at {ASSURANCE_BODY_CODE} meetings."
            }
        )


def _link_kwargs(record) -> dict:
    if isinstance(record, Assessment):
        return {"assessment": record}
    if isinstance(record, DirectorsLetter):
        return {"letter": record}
    return {"notification": record}


@transaction.atomic
def record_link(*, actor, item: AgendaItem, record) -> AgendaLink:
    """Link an SSC agenda item that already exists to the register record it considers."""
    _require_record(record)
    if not isinstance(item, AgendaItem):
        raise ServiceError({"item": "Choose an agenda item."})
    _require_ssc(item.meeting, "item")
    existing = AgendaLink.objects.filter(item=item).first()
    if existing is not None:
        if existing.record == record:
            return existing
        raise ServiceError(
            {
                "item": f"{item.meeting.reference} item {item.number} already considers "
                f"{existing.record}."
            }
        )
    if item.party is not None and item.party.pk != record.organisation_id:
        raise ServiceError(
            {
                "item": f"{item.meeting.reference} item {item.number} is about "
                f"{item.party.public_name}, not {record.organisation.public_name}."
            }
        )
    link = AgendaLink(item=item, **_link_kwargs(record))
    validated_save(link)
    link.save()
    audit_record(
        actor=actor,
        verb="assurance.agenda.link",
        obj=link,
        changes={"meeting": item.meeting.reference, "item": item.number, "record": str(record)},
    )
    return link


@transaction.atomic
def agenda_place(
    *, actor, meeting: Meeting, record, number: int | None = None, summary: str | None = None
) -> AgendaItem:
    """Put a register record on an SSC agenda: an item with the standard title and the party's
    pseudonym, at the record's label (RED by default), linked to the record."""
    _require_record(record)
    if not isinstance(meeting, Meeting):
        raise ServiceError({"meeting": "Choose a meeting."})
    _require_ssc(meeting, "meeting")
    if AgendaLink.objects.filter(item__meeting=meeting, **_link_kwargs(record)).exists():
        raise ServiceError({"record": f"{record} is already on the agenda of {meeting.reference}."})
    item = item_add(
        actor=actor,
        meeting=meeting,
        number=number,
        title=standard_title(record),
        title_label=Label.WHITE,
        label=record.label,
        summary=standard_summary(record) if summary is None else summary,
        summary_label=Label.WHITE,
        party=record.organisation,
    )
    record_link(actor=actor, item=item, record=record)
    return item


def _linked_meeting(outcome, record, field: str = "outcome") -> Meeting:
    """The SSC meeting at which `outcome` was decided, provided its item considers `record`."""
    if not isinstance(outcome, Outcome):
        raise ServiceError({field: "Choose an outcome recorded at an SSC meeting."})
    item = outcome.item
    meeting = item.meeting
    _require_ssc(meeting, field)
    linked_ids = {item.pk, item.parent_id} - {None}
    link = AgendaLink.objects.filter(item_id__in=linked_ids).first()
    if link is None or link.record != record:
        raise ServiceError(
            {
                field: f"That outcome was recorded at {meeting.reference} item {item.number}, "
                f"which does not consider {record}: put the record on that meeting's agenda first."
            }
        )
    return meeting


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


def _status_for(assessment: Assessment, status, meeting: Meeting) -> Status:
    """The status meant by `status` (a Status or its name on the meeting's date), refusing one of
    the wrong kind with a message that says which kind the assessment takes."""
    wanted = assessment.status_kind
    kind_label = StatusKind(wanted).label
    day = meeting.date
    if isinstance(status, Status):
        found_kind = status.kind
        name = status.name_on(day)
        if found_kind == wanted and not name:
            raise ServiceError(
                {"status": f"That status had no name on {day:%d %B %Y}: it was not in use then."}
            )
        candidates = [status]
    else:
        name = str(status or "").strip()
        names = [
            n
            for n in StatusName.objects.select_related("status").filter(name__iexact=name)
            if n.valid_on(day)
        ]
        candidates = [n.status for n in names]
        if not candidates:
            in_use = [
                n.name
                for n in StatusName.objects.filter(status__kind=wanted).order_by("status__position")
                if n.valid_on(day)
            ]
            raise ServiceError(
                {
                    "status": f"'{name}' is not {_a(kind_label)} on {day:%d %B %Y}: use one of "
                    f"{', '.join(in_use)}."
                }
            )
    right = [candidate for candidate in candidates if candidate.kind == wanted]
    if right:
        return right[0]
    other = StatusKind(candidates[0].kind).label
    after = (
        "a Full User Security Assessment" if wanted == StatusKind.COMPLIANCE else "a VUSA or SSA"
    )
    raise ServiceError(
        {
            "status": f"{assessment.abbreviation} – {assessment.organisation.public_name} takes "
            f"{_a(kind_label)}, but '{name}' is {_a(other)}, which the SSC sets only after {after}."
        }
    )


@transaction.atomic
def status_set(*, actor, assessment: Assessment, outcome: Outcome, status) -> StatusDecision:
    """Set an Assurance Status (after a FUSA) or a Compliance Status (after a VUSA or SSA).

    Only an outcome of an SSC meeting item linked to the assessment can set it, and it takes
    effect from that meeting's date. `status` is a Status or its name as used on that date."""
    if not isinstance(assessment, Assessment):
        raise ServiceError({"assessment": "Choose an assessment of the register."})
    meeting = _linked_meeting(outcome, assessment)
    chosen = _status_for(assessment, status, meeting)
    if StatusDecision.objects.filter(outcome=outcome).exists():
        raise ServiceError({"outcome": "That outcome has already set a status."})
    decision = StatusDecision(
        assessment=assessment, status=chosen, outcome=outcome, effective_from=meeting.date
    )
    decision.save()
    audit_record(
        actor=actor,
        verb="assurance.status.set",
        obj=assessment,
        summary=f"{assessment}: {chosen.name_on(meeting.date)} from {meeting.reference}",
        changes={"status": chosen.key, "meeting": meeting.reference, "outcome": outcome.pk},
    )
    return decision


def _item_at(meeting: Meeting, record) -> AgendaItem:
    link = (
        AgendaLink.objects.select_related("item")
        .filter(item__meeting=meeting, **_link_kwargs(record))
        .first()
    )
    if link is None:
        raise ServiceError(
            {
                "meeting": f"{record} is not on the agenda of {meeting.reference}: put it there first."
            }
        )
    return link.item


@transaction.atomic
def status_decide(
    *, actor, assessment: Assessment, meeting: Meeting, status, verb="AGREED", text: str = ""
) -> StatusDecision:
    """Record the SSC's outcome on the assessment's item at `meeting` and set the status by it."""
    item = _item_at(meeting, assessment)
    text = text or (
        f"the {StatusKind(assessment.status_kind).label} for {assessment.organisation.public_name}"
    )
    # Check the status before writing the outcome, so a refusal leaves nothing behind.
    _status_for(assessment, status, meeting)
    outcome = outcome_record(
        actor=actor, meeting=meeting, item=item, verb=verb, text=text, label=item.title_label
    )
    return status_set(actor=actor, assessment=assessment, outcome=outcome, status=status)


@transaction.atomic
def noncompliance_refer(*, actor, non_compliance: NonCompliance, outcome: Outcome) -> NonCompliance:
    """The SSC refers a non-compliance to the Panel, by an outcome of an item linked to its
    assessment; it then appears in the Panel report's confidential appendix."""
    if not isinstance(non_compliance, NonCompliance):
        raise ServiceError({"non_compliance": "Choose a non-compliance of the register."})
    if non_compliance.referred_by_id is not None:
        raise ServiceError(
            {
                "non_compliance": f"It was already referred to the Panel on {non_compliance.referred_on}."
            }
        )
    meeting = _linked_meeting(outcome, non_compliance.assessment)
    non_compliance.referred_by = outcome
    non_compliance.referred_on = meeting.date
    non_compliance.save(update_fields=["referred_by", "referred_on"])
    audit_record(
        actor=actor,
        verb="assurance.non_compliance.refer",
        obj=non_compliance,
        changes={"meeting": meeting.reference, "outcome": outcome.pk},
    )
    return non_compliance


@transaction.atomic
def letter_approve(*, actor, letter: DirectorsLetter, outcome: Outcome) -> DirectorsLetter:
    if not isinstance(letter, DirectorsLetter):
        raise ServiceError({"letter": "Choose a Director's Letter of the register."})
    if letter.approved_by_id is not None:
        raise ServiceError({"letter": f"The letter was already approved on {letter.approved_on}."})
    meeting = _linked_meeting(outcome, letter)
    if meeting.date < letter.submitted_on:
        raise ServiceError({"outcome": f"{meeting.reference} met before the letter was submitted."})
    letter.approved_by = outcome
    letter.approved_on = meeting.date
    letter.save(update_fields=["approved_by", "approved_on"])
    audit_record(
        actor=actor,
        verb="assurance.letter.approve",
        obj=letter,
        changes={"meeting": meeting.reference, "outcome": outcome.pk},
    )
    return letter


@checks(UserSystemNotification)
@transaction.atomic
def notification_decide(
    *,
    actor,
    notification: UserSystemNotification,
    outcome: Outcome,
    decision: str,
    review: Assessment | None = None,
) -> UserSystemNotification:
    """The SSC decides how to review a further User System: at the next annual assessment, or
    by an ad-hoc review."""
    if not isinstance(notification, UserSystemNotification):
        raise ServiceError({"notification": "Choose a notification of the register."})
    if decision not in UserSystemNotification.Decision.values:
        raise ServiceError(
            {
                "decision": f"{decision!r} is not a decision: use next_annual (review at the next "
                "annual assessment) or ad_hoc (an ad-hoc review)."
            }
        )
    if notification.decided_by_id is not None:
        raise ServiceError(
            {"notification": f"The SSC already decided on it on {notification.decided_on}."}
        )
    meeting = _linked_meeting(outcome, notification)
    if review is not None:
        if (
            not isinstance(review, Assessment)
            or review.organisation_id != notification.organisation_id
        ):
            raise ServiceError(
                {
                    "review": f"The review is an assessment of {notification.organisation.public_name}."
                }
            )
        if (
            decision == UserSystemNotification.Decision.AD_HOC
            and review.kind != AssessmentKind.AD_HOC
        ):
            raise ServiceError(
                {"review": "An ad-hoc review decision is reviewed by an ad-hoc review."}
            )
    notification.decision = decision
    notification.decided_by = outcome
    notification.decided_on = meeting.date
    notification.review = review
    notification.save(update_fields=["decision", "decided_by", "decided_on", "review"])
    audit_record(
        actor=actor,
        verb="assurance.notification.decide",
        obj=notification,
        changes={"decision": decision, "meeting": meeting.reference, "outcome": outcome.pk},
    )
    return notification
