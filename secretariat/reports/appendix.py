"""Appendix A's named distribution and the decisions that put a highlight on it.

Appendix A is RED for a named distribution, fixed when the appendix is first approved for issue:
Panel papers go out days before the meeting, so who turns up cannot be who reads it. By default
the distribution is the Panel's members and alternates (and chair) in office on the paper's day,
and the officers compiling the report (who opened it, edited its sections, approve it). A
secretariat role alone puts nobody on it.

A highlight above the report's label reaches the appendix only through a decision of its own
meeting, recorded here as the outcome that decided it (`highlight_decide`), never by the item's
'report to the Panel' mark alone.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Case, OuterRef, Q, When
from django.utils import timezone

from secretariat.audit.services import audit_record
from secretariat.core.listed import listed, unlisted
from secretariat.core.services import ServiceError, SystemActor
from secretariat.directory.models import MEMBER_ROLES, Membership, Person
from secretariat.labels.access import Scope, covering_q
from secretariat.meetings.access import editor_role
from secretariat.meetings.models import AgendaItem, Outcome
from secretariat.meetings.readers import reader_for
from secretariat.reports.models import HighlightDecision, PanelReport, SectionOverride


def _compilers(report: PanelReport, extra=()) -> set[int]:
    found = {report.opened_by_id, *(getattr(user, "pk", None) for user in extra)}
    if report.pk is not None:
        found |= set(
            SectionOverride.objects.filter(report=report).values_list("written_by_id", flat=True)
        )
    users = [pk for pk in found if isinstance(pk, int)]
    return set(Person.objects.filter(user_id__in=users).values_list("pk", flat=True))


def default_distribution(report: PanelReport, day: dt.date, extra=()) -> frozenset[int]:
    """The Panel's members and alternates on `day`, and the officers compiling the report
    (`extra`: users about to approve or publish it)."""
    members = Membership.objects.filter(
        covering_q(day), body_id=report.meeting.body_id, role__in=MEMBER_ROLES
    ).values_list("person_id", flat=True)
    return frozenset({*members, *_compilers(report, extra)})


def distribution_read_with(report: str = "", body: str = "meeting__body_id") -> dict:
    """Annotations for a query of reports: each report's distribution, fixed or by default (as
    `distribution_of` finds it), read with the report. For a query of something else that leads
    to one, `report` is the path to it (`panel_report__` from its Panel meeting) and `body` to
    its meeting's body id."""
    day = OuterRef(OuterRef(f"{report}report_date"))
    members = Membership.objects.filter(
        covering_q(day),  # type: ignore[arg-type]  # the report's day, in the database
        body_id=OuterRef(OuterRef(body)),
        role__in=MEMBER_ROLES,
    ).values("person_id")
    writers = SectionOverride.objects.filter(report=OuterRef(OuterRef(f"{report}pk"))).values(
        "written_by_id"
    )
    by_default = Person.objects.filter(
        Q(pk__in=members) | Q(user_id=OuterRef(f"{report}opened_by_id")) | Q(user_id__in=writers)
    )
    named = PanelReport.appendix_distribution.through.objects.filter(
        panelreport=OuterRef(f"{report}pk")
    )
    fixed_at = f"{report}distribution_fixed_at__isnull"
    return {
        "fixed_people": Case(When(**{fixed_at: False}, then=listed(named, "person_id"))),
        "default_people": Case(When(**{fixed_at: True}, then=listed(by_default, "pk"))),
    }


def distribution_of(report: PanelReport | None, meeting=None) -> frozenset[int]:
    """Who Appendix A is for: the fixed distribution once issued, the default before."""
    if report is None:
        return frozenset()
    if report.pk is not None and report.distribution_fixed_at is not None:
        return fixed_distribution(report)
    if report.pk is not None and report.__dict__.get("default_people") is not None:
        # Read with the report (`distribution_read_with`), unfixed then.
        return frozenset(unlisted(report.__dict__["default_people"]))
    # Read once per report as loaded, as the fixed distribution is: a page asks it of both
    # audiences and the compile.
    cached = report.__dict__.get("_default_distribution")
    if cached is None:
        cached = default_distribution(report, report.report_date)
        report._default_distribution = cached  # type: ignore[attr-defined]
    return cached


def fixed_distribution(report: PanelReport) -> frozenset[int]:
    """The fixed distribution, read once per report as loaded (with it, where the query asked
    for `distribution_read_with`): a page asks it of both the report's audiences and its
    compile. The fixing service keeps it up to date."""
    cached = getattr(report, "_fixed_distribution", None)
    if cached is None:
        read = report.__dict__.get("fixed_people")
        cached = frozenset(
            unlisted(read)
            if read is not None
            else report.appendix_distribution.values_list("pk", flat=True)
        )
        report._fixed_distribution = cached  # type: ignore[attr-defined]
    return cached


def appendix_scope(people: frozenset[int]) -> Scope:
    """Every fragment of Appendix A belongs to its distribution, and to nobody else."""
    return Scope(people=people)


@transaction.atomic
def appendix_distribution_fix(*, actor, report: PanelReport, people=None) -> frozenset[int]:
    """Fix Appendix A's distribution (once): the default, and `people` when an officer names
    more. Later versions of the appendix go to the same people."""
    if not isinstance(report, PanelReport) or report.pk is None:
        raise ServiceError({"report": "Open the report before fixing its distribution."})
    if report.distribution_fixed_at is not None:
        return fixed_distribution(report)
    named = list(people or ())
    if any(not isinstance(person, Person) for person in named):
        raise ServiceError({"people": "The distribution names people of the directory."})
    chosen = default_distribution(report, report.report_date, extra=[actor]) | {
        person.pk for person in named
    }
    report.appendix_distribution.set(chosen)
    report._fixed_distribution = frozenset(chosen)  # type: ignore[attr-defined]
    report.distribution_fixed_at = timezone.now()
    report.save(update_fields=["distribution_fixed_at"])
    audit_record(
        actor=actor,
        verb="report.distribution",
        obj=report,
        changes={"people": len(chosen)},
    )
    return frozenset(chosen)


@transaction.atomic
def highlight_decide(*, actor, item: AgendaItem, outcome: Outcome) -> HighlightDecision:
    """Record that the item's own meeting decided (by `outcome`) to report it to the Panel."""
    if not isinstance(item, AgendaItem):
        raise ServiceError({"item": "Choose the agenda item whose highlight goes to the Panel."})
    if not isinstance(actor, SystemActor) and editor_role(reader_for(actor), item.meeting) != (
        "officer"
    ):
        raise ServiceError(
            {
                "actor": f"Only a secretariat officer of the {item.meeting.body.display_code} "
                "records its decisions."
            }
        )
    if not isinstance(outcome, Outcome) or outcome.item.meeting_id != item.meeting_id:
        raise ServiceError(
            {"outcome": f"The decision must be an outcome of {item.meeting.reference}."}
        )
    if not item.report_to_panel or not item.report_text.strip():
        raise ServiceError(
            {"item": f"Item {item.number} has no highlight for the Panel: write it first."}
        )
    if HighlightDecision.objects.filter(item=item).exists():
        raise ServiceError({"item": f"Item {item.number} is already reported to the Panel."})
    decision = HighlightDecision.objects.create(
        item=item,
        outcome=outcome,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        verb="report.highlight_decide",
        obj=decision,
        changes={"meeting": item.meeting.reference, "item": item.number},
    )
    return decision
