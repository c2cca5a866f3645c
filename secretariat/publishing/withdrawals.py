"""Withdrawing a published version: the service that appends the ledger's withdrawal row, and
what the readers' side asks of withdrawals (which versions still stand, what a withdrawn one's
address may say).

A withdrawal changes no ledger row: the version's row and its frozen document stay as they were
(verify still checks them), and a `Withdrawal` row is appended beside it, once. From then on the
version's address answers 410 Gone with a notice that carries nothing of its content; the
reason shows only to readers its own label admits (a WHITE reason to everyone); the document's
plain address serves the latest version still standing; the portal drops the version and the
feed carries a deletion entry for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError
from secretariat.core.validation import checks
from secretariat.labels.access import Viewer
from secretariat.labels.models import Label
from secretariat.meetings.access import meeting_scope
from secretariat.publishing.models import PublicationRecord, Withdrawal
from secretariat.publishing.services import PUBLISHERS, _check_role, _kind


@checks(Withdrawal, record=None, reason_label=None)
def publication_withdraw(*, actor, record, reason: str, reason_label=None) -> Withdrawal:
    """Withdraw a published version, saying why. Only a secretariat officer of the meeting's
    body may (as only they publish); a version is withdrawn once."""
    if not isinstance(record, PublicationRecord):
        raise ServiceError({"record": "Choose a published version to withdraw."})
    kind = _kind(record.kind)
    meeting = record.meeting
    _check_role(actor, meeting, kind, doing="withdraw", allowed=PUBLISHERS)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            {"reason": "Say why the version is withdrawn: its readers are told that it was."}
        )
    label = (
        Label(record.label)
        if reason_label in (None, "")
        else Label.parse(reason_label, field="reason_label")
    )
    with transaction.atomic():
        # The ledger row is the lock two withdrawers of the same version queue on.
        PublicationRecord.objects.select_for_update().filter(pk=record.pk).first()
        if Withdrawal.objects.filter(publication_id=record.pk).exists():
            raise ServiceError({"record": f"{record} is already withdrawn."})
        try:
            with transaction.atomic():
                withdrawal = Withdrawal.objects.create(
                    publication=record,
                    reason=reason,
                    reason_label=label,
                    withdrawn_at=timezone.now().replace(microsecond=0),
                    withdrawn_by=actor,
                )
        except IntegrityError:
            raise ServiceError({"record": f"{record} is already withdrawn."}) from None
        audit_record(
            actor=actor,
            verb=f"{kind.verb}.withdraw",
            obj=withdrawal,
            changes={
                "meeting": meeting.reference,
                "kind": kind.slug,
                "number": record.number,
                "reason": reason,
                "reason_label": label.name,
            },
        )
    return withdrawal


# -- the readers' side -----------------------------------------------------------------------------


def standing(records) -> list:
    """The versions not withdrawn, in the order given (`records` read with their withdrawal)."""
    return [record for record in records if record.withdrawn is None]


def reason_for(viewer: Viewer, withdrawal: Withdrawal) -> str:
    """The withdrawal's reason if its label admits the viewer in the meeting's scope, else ''."""
    meeting = withdrawal.publication.meeting
    if viewer.admits(withdrawal.reason_label, meeting_scope(meeting)):
        return withdrawal.reason
    return ""


@dataclass
class Gone(Exception):
    """A withdrawn version was asked for (or every version is withdrawn): the view answers 410
    with `withdrawal`'s notice, and a link to `standing` (the latest version still standing)."""

    withdrawal: Withdrawal
    standing: PublicationRecord | None = None
