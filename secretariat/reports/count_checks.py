"""Counts against outcomes: the disagreements a compile finds, an officer's resolution of one
(with a recorded reason), and the rule that an unresolved disagreement blocks publication.

A resolution is an audit event on the report (`report.count_resolve`, its key and reason): it is
append-only, names its officer and its time, and needs no table of its own."""

from __future__ import annotations

from django.db import transaction

from secretariat.audit.models import AuditEvent
from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError
from secretariat.meetings.access import may_publish
from secretariat.meetings.readers import reader_for
from secretariat.reports.models import PanelReport

VERB = "report.count_resolve"


def resolutions(report: PanelReport) -> dict[str, AuditEvent]:
    """Each resolved key's latest resolution."""
    if report.pk is None:
        return {}
    found = {}
    for event in AuditEvent.objects.filter(
        verb=VERB, object_type=report._meta.label_lower, object_id=str(report.pk)
    ).order_by("at", "id"):
        found[event.raw_changes().get("key", "")] = event
    return found


def unresolved(report: PanelReport, disagreements) -> list:
    resolved = resolutions(report)
    return [d for d in disagreements if d.key not in resolved]


@transaction.atomic
def count_resolve(*, actor, report: PanelReport, key: str, reason: str, disagreements) -> None:
    """An officer accepts a disagreement of counts and outcomes, saying why."""
    if not may_publish(reader_for(actor), report.meeting):
        raise ServiceError({"actor": "Only the Panel's secretariat officers resolve a count."})
    if key not in {d.key for d in disagreements}:
        raise ServiceError({"key": "No such disagreement in this report's compile."})
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError({"reason": "Say why the count stands."})
    audit_record(
        actor=actor,
        verb=VERB,
        obj=report,
        summary=f"Count check resolved for {report}: {reason}"[:300],
        changes={"key": key, "reason": reason},
    )


def check_publishable(report: PanelReport) -> None:
    """Refuse publication while a count disagrees with the outcomes and no officer resolved it."""
    from secretariat.reports.compiler import compile_report

    open_ = unresolved(report, compile_report(report).disagreements)
    if open_:
        raise ServiceError(
            {
                "counts": "A count disagrees with the meetings' outcomes; resolve it on the "
                "compile page first: " + " ".join(d.text for d in open_)
            }
        )
