"""The minutes' life: planned → held → minutes drafted → circulated for comment → approved (by an
outcome of a later meeting of the same body) → published; and the Meeting Headlines, which may
be published once the meeting is held.

Every step writes through its owner's services: the meeting's status through the meetings',
the Minutes and Confidential Minutes through publishing's versions and its one ledger (with the
pre-publication check), the status line of each step here, audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from secretariat.actions.access import action_scope
from secretariat.audit.services import audit_record
from secretariat.core import clock
from secretariat.core.services import ServiceError
from secretariat.directory.models import MEMBER_ROLES
from secretariat.labels.access import Reader, Scope, covers
from secretariat.labels.models import Label, highest
from secretariat.meetings.access import item_scope, meeting_scope
from secretariat.meetings.models import AgendaItem, Meeting, Outcome
from secretariat.publishing import screening
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.publishing.services import (
    publication_issue,
    version_approve,
    version_draft,
    version_publish,
)
from secretariat.workspace.minutes_models import Circulation, DraftComment, MinutesApproval

MINUTES_KINDS = ("minutes", "confidential-minutes")
APPROVING_VERBS = ("APPROVED", "AGREED")
HELD = (Meeting.Status.HELD, Meeting.Status.CLOSED)
# The comment period the circulation form proposes.
COMMENT_DAYS = 14


@dataclass(frozen=True)
class Stage:
    name: str  # planned | held | drafted | circulated | approved | published
    title: str
    circulation: Circulation | None = None
    approval: MinutesApproval | None = None

    @property
    def open_for_comment(self) -> bool:
        return (
            self.name == "circulated"
            and self.circulation is not None
            and clock.today() <= self.circulation.deadline
        )


STEPS = [
    ("planned", "Planned"),
    ("held", "Held"),
    ("drafted", "Minutes drafted"),
    ("circulated", "Circulated for comment"),
    ("approved", "Approved"),
    ("published", "Published"),
]
_TITLES = dict(STEPS)


def _versions(meeting: Meeting) -> list[PublicationVersion]:
    return list(
        PublicationVersion.objects.filter(meeting=meeting, kind__in=MINUTES_KINDS).order_by(
            "kind", "number"
        )
    )


def stage_of(meeting: Meeting) -> Stage:
    """Where the meeting's minutes are: a fixed number of queries."""
    if meeting.status not in HELD:
        return Stage("planned", _TITLES["planned"])
    versions = _versions(meeting)
    approval = MinutesApproval.objects.filter(meeting=meeting).select_related("outcome").first()
    circulation = Circulation.objects.filter(meeting=meeting).order_by("-circulated_at").first()
    pending = [v for v in versions if v.status != PublicationVersion.Status.PUBLISHED]
    if versions and not pending:
        name = "published"
    elif approval is not None:
        name = "approved"
    elif circulation is not None:
        name = "circulated"
    elif versions:
        name = "drafted"
    else:
        name = "held"
    return Stage(name, _TITLES[name], circulation, approval)


def _require_stage(meeting: Meeting, *names: str) -> Stage:
    stage = stage_of(meeting)
    if stage.name not in names:
        wanted = " or ".join(_TITLES[name].lower() for name in names)
        raise ServiceError(
            {
                "stage": f"The minutes of {meeting.reference} are {stage.title.lower()}, not {wanted}."
            }
        )
    return stage


@transaction.atomic
def minutes_draft(*, actor, meeting: Meeting) -> list[PublicationVersion]:
    """Open the draft Minutes and Confidential Minutes of a held meeting."""
    _require_stage(meeting, "held")
    return [version_draft(actor=actor, meeting=meeting, kind=kind) for kind in MINUTES_KINDS]


@transaction.atomic
def minutes_circulate(*, actor, meeting: Meeting, deadline: dt.date | None) -> Circulation:
    """Send the draft minutes to the body's members for comment until `deadline`."""
    _require_stage(meeting, "drafted", "circulated")
    if deadline is None:
        raise ServiceError({"deadline": "Say until when members may comment."})
    if deadline < clock.today():
        raise ServiceError({"deadline": f"{deadline:%d %B %Y} has passed: choose a later day."})
    if not getattr(actor, "is_authenticated", False):
        raise ServiceError({"actor": "An officer circulates the minutes."})
    row = Circulation.objects.create(
        meeting=meeting, deadline=deadline, circulated_by=actor, circulated_at=clock.now()
    )
    audit_record(
        actor=actor,
        verb="minutes.circulate",
        obj=row,
        summary=f"{meeting.reference} minutes circulated for comment until {deadline:%d %B %Y}",
        changes={"deadline": deadline.isoformat()},
    )
    return row


# -- comments ---------------------------------------------------------------------------------------


def may_comment(reader: Reader, meeting: Meeting) -> bool:
    """The body's current members, alternates and chair, and its officers (no query)."""
    return any(
        body_id == meeting.body_id
        and (role in MEMBER_ROLES or role == "secretariat")
        and covers(start, end, reader.today)
        for body_id, role, start, end in reader.roles
    )


def comment_label(
    meeting: Meeting, item: AgendaItem | None, outcome: Outcome | None = None, action=None
) -> Label:
    """A comment is at the label of what it is on: an outcome's or an action's own label (with
    its item's title, under which it is listed), an item's highest fragment, or the Minutes
    (never below GREEN) for the draft as a whole."""
    if outcome is not None:
        return highest([meeting.label, outcome.label, outcome.item.title_label])
    if action is not None:
        labels = [meeting.label, action.label]
        return highest(labels + ([action.item.title_label] if action.item_id else []))
    if item is None:
        return highest([meeting.label, Label.GREEN])
    return highest([meeting.label, item.label, item.title_label, item.summary_label])


def comment_scope(meeting: Meeting, comment) -> Scope:
    """And in the scope of what it is on: RED on an item reaches those who heard it; on an
    action, its owner too; on the draft as a whole, the meeting's."""
    if comment.action_id is not None:
        return action_scope(comment.action)
    if comment.item_id is not None:
        return item_scope(comment.item, meeting)
    return meeting_scope(meeting)


@transaction.atomic
def comment_add(
    *,
    actor,
    reader: Reader,
    meeting: Meeting,
    item: AgendaItem | None,
    text: str,
    outcome: Outcome | None = None,
    action=None,
) -> DraftComment:
    """A member's comment on the draft: on an item, one of its outcomes or actions, or the
    draft as a whole."""
    stage = stage_of(meeting)
    if stage.name != "circulated" or stage.circulation is None:
        raise ServiceError(
            {"stage": f"The minutes of {meeting.reference} are not out for comment."}
        )
    if not stage.open_for_comment:
        raise ServiceError({"text": f"Comments closed on {stage.circulation.deadline:%d %B %Y}."})
    if not may_comment(reader, meeting):
        raise ServiceError({"actor": f"Only members of the {meeting.body.display_code} comment."})
    if outcome is not None:
        item = outcome.item
    elif action is not None:
        item = action.item
        if action.meeting_id != meeting.pk:
            raise ServiceError({"item": "That action belongs to another meeting."})
    if item is not None and item.meeting_id != meeting.pk:
        raise ServiceError({"item": "That item belongs to another meeting."})
    text = (text or "").strip()
    if not text:
        raise ServiceError({"text": "Write the comment."})
    label = comment_label(meeting, item, outcome, action)
    comment = DraftComment(
        meeting=meeting,
        item=item,
        outcome=outcome,
        action=action,
        author=actor,
        text=text,
        label=label,
        created_at=clock.now(),
    )
    # Nobody comments on what they may not read: the comment would carry it.
    if not reader.admits(label, comment_scope(meeting, comment)):
        raise ServiceError({"item": "No such item."})
    comment.save()
    audit_record(
        actor=actor,
        verb="minutes.comment",
        obj=comment,
        # The text stays out of the summary: it is at the comment's label.
        summary=f"Comment on the draft minutes of {meeting.reference}",
    )
    return comment


def comments_for(reader: Reader, meeting: Meeting) -> list[DraftComment]:
    """The comments on the draft the reader may read, through the door: one query."""
    rows = DraftComment.objects.filter(meeting=meeting).select_related(
        "author", "item", "outcome__verb", "action__meeting"
    )
    return [
        row
        for row in rows.order_by("created_at", "id")
        if reader.admits(row.label, comment_scope(meeting, row))
    ]


# -- approval at a later meeting ---------------------------------------------------------------------


def approvable_before(meeting: Meeting) -> list[Meeting]:
    """Earlier meetings of the body whose minutes a meeting may approve: circulated (or drafted)
    and not yet approved. One query. Only the minutes' own versions count: headlines published
    once the meeting was held leave its minutes to approve."""
    published = PublicationVersion.objects.filter(
        kind__in=MINUTES_KINDS, status=PublicationVersion.Status.PUBLISHED
    ).values("meeting_id")
    return list(
        Meeting.objects.filter(body_id=meeting.body_id, date__lt=meeting.date, status__in=HELD)
        .filter(publication_versions__kind="minutes")
        .exclude(pk__in=published)
        .exclude(approval__isnull=False)
        .distinct()
        .order_by("-date")[:6]
    )


@transaction.atomic
def minutes_approve(*, actor, meeting: Meeting, outcome: Outcome) -> MinutesApproval:
    """Record that `outcome`, decided at a later meeting of the same body, approved the minutes
    of `meeting`, and approve their versions (publishing freezes them as they now stand)."""
    later = outcome.item.meeting
    if later.body_id != meeting.body_id or later.date <= meeting.date:
        raise ServiceError(
            {
                "approves": f"The minutes of {meeting.reference} are approved at a later meeting "
                f"of the {meeting.body.display_code}, not at {later.reference}."
            }
        )
    if outcome.verb.word not in APPROVING_VERBS:
        raise ServiceError(
            {"verb": f"Minutes are approved by an outcome {' or '.join(APPROVING_VERBS)}."}
        )
    _require_stage(meeting, "drafted", "circulated")
    if not getattr(actor, "is_authenticated", False):
        raise ServiceError({"actor": "An officer or the chair records the approval."})
    approval = MinutesApproval.objects.create(
        meeting=meeting, outcome=outcome, approved_by=actor, approved_at=clock.now()
    )
    for version in _versions(meeting):
        if version.status != PublicationVersion.Status.PUBLISHED:
            version_approve(actor=actor, version=version)
    audit_record(
        actor=actor,
        verb="minutes.approve",
        obj=approval,
        summary=f"{meeting.reference} minutes approved at {later.reference} item "
        f"{outcome.item.number}",
        changes={"meeting": meeting.reference, "at": later.reference},
    )
    return approval


# -- publishing ---------------------------------------------------------------------------------------


def minutes_publish(
    *, actor, meeting: Meeting, override: screening.Override | None = None
) -> list[PublicationRecord]:
    """Publish the approved Minutes and Confidential Minutes, each through the ledger."""
    _require_stage(meeting, "approved")
    records = []
    for version in _versions(meeting):
        if version.status == PublicationVersion.Status.APPROVED:
            records.append(version_publish(actor=actor, version=version, override=override))
    return records


def headlines_publish(
    *, actor, meeting: Meeting, reason: str = "", override: screening.Override | None = None
) -> PublicationRecord:
    """The Meeting Headlines, once the meeting is held: drafted, approved and published by the
    officer in one step, after the preview, through the ledger and its check."""
    if meeting.status not in HELD:
        raise ServiceError(
            {"meeting": f"{meeting.reference} is not held yet: its headlines wait until it is."}
        )
    return publication_issue(
        actor=actor, meeting=meeting, kind="headlines", reason=reason, override=override
    )
