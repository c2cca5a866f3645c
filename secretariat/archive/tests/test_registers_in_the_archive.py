"""The archive generator's change and operations registers: deterministic from the seed, and
their bulk rows keep the rules the registers' services enforce."""

from __future__ import annotations

import io
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction

from secretariat.changes.models import Change, ChangeLink, InputRequest, StageEntry, Vote
from secretariat.meetings.models import Meeting
from secretariat.operations.models import (
    Incident,
    IncidentReview,
    MeasureValue,
    OwedReport,
    Reprioritisation,
    SubGroupIssue,
)
from secretariat.reports.compiler import compile_report
from secretariat.reports.periods import month_start
from secretariat.reports.services import draft_report

ARGS = ["--years", "3", "--until", "2016", "--bodies", "PANEL,SSC,OPSG,DQSG,TABASC,SMKIPMA,CB"]


def generate(*extra: str) -> None:
    call_command("generate_archive", *ARGS, *extra, stdout=io.StringIO())


def registers() -> dict:
    return {
        "changes": sorted(
            Change.objects.values_list(
                "reference", "kind", "title", "raised_on", "decision", "converted_to__reference"
            ),
            key=repr,
        ),
        "stages": sorted(
            StageEntry.objects.values_list("change__reference", "stage__key", "entered_on"),
            key=repr,
        ),
        "links": sorted(
            ChangeLink.objects.values_list("item__meeting__reference", "change__reference")
        ),
        "votes": sorted(Vote.objects.values_list("change__reference", "solution", "category")),
        "incidents": sorted(Incident.objects.values_list("reference", "occurred_on", "service")),
        "reviews": sorted(
            IncidentReview.objects.values_list("item__meeting__reference", "incident__reference")
        ),
        "values": sorted(MeasureValue.objects.values_list("measure__code", "month", "value")),
        "owed": sorted(OwedReport.objects.values_list("title", "asked_on", "due_on"), key=repr),
        "issues": sorted(SubGroupIssue.objects.values_list("reference", "status", "priority")),
    }


def generate_and_undo(*extra: str) -> dict:
    with transaction.atomic():
        generate(*extra)
        taken = registers()
        transaction.set_rollback(True)
    return taken


@pytest.mark.django_db
def test_it_generates_the_same_registers_from_the_same_seed():
    first = generate_and_undo("--seed", "3")
    assert first == generate_and_undo("--seed", "3")
    other = generate_and_undo("--seed", "4")
    assert first["changes"] != other["changes"] and first["incidents"] != other["incidents"]
    assert all(first[key] for key in first), {key: len(rows) for key, rows in first.items()}


@pytest.mark.django_db
def test_it_keeps_the_change_registers_rules():
    before = set(Change.objects.values_list("pk", flat=True))
    generate()
    changes = list(Change.objects.exclude(pk__in=before).select_related("converted_to", "path"))
    assert changes and len({c.reference for c in changes}) == len(changes)
    for change in changes:
        assert Change.Kind(change.kind).name in ("DRAFT", "MODIFICATION")
        assert change.reference.startswith("DP" if change.kind == Change.Kind.DRAFT else "MP")
        if change.converted_to is not None:
            assert change.kind == Change.Kind.DRAFT
            assert change.converted_to.kind == Change.Kind.MODIFICATION
            assert change.converted_to.raised_on > change.raised_on
        if change.decision == Change.Decision.APPROVED and change.release_id:
            assert change.implementation_date == change.release.release_date
    entered = defaultdict(list)
    generated = StageEntry.objects.exclude(change__in=before)
    for entry in generated.select_related("stage").order_by("entered_on", "id"):
        assert entry.stage.valid_from <= entry.entered_on
        entered[entry.change_id].append(entry.stage.position)
    # Stages in order; a closing stage (implemented, withdrawn) is the last.
    assert all(positions == sorted(positions) for positions in entered.values())
    # Every link is to an item of a held meeting that recorded an outcome on it.
    for link in ChangeLink.objects.exclude(change__in=before).select_related("item__meeting"):
        assert link.item.meeting.status == Meeting.Status.CLOSED
        assert link.item.outcomes.exists()
    votes = Counter(
        Vote.objects.exclude(change__in=before).values_list("change_id", "solution", "voted_on")
    )
    assert votes and set(votes.values()) == {5}, "a vote per party category and solution"
    for vote in (
        Vote.objects.exclude(change__in=before)
        .exclude(item=None)
        .select_related("item__meeting__body")
    ):
        assert vote.item.meeting.body.code == "CB" and vote.item.meeting.date == vote.voted_on
    given = InputRequest.objects.exclude(change__in=before).exclude(given_at=None)
    for request in given.select_related("given_at__meeting"):
        assert request.given_at.meeting.body == request.body
        assert request.given_on == request.given_at.meeting.date >= request.requested_on
        assert "involvement is not required" in request.response


@pytest.mark.django_db
def test_it_keeps_the_operations_registers_rules():
    demo = {
        model: set(model.objects.values_list("pk", flat=True))
        for model in (IncidentReview, OwedReport, SubGroupIssue, Reprioritisation)
    }
    generate()

    def generated(model):
        return model.objects.exclude(pk__in=demo[model])

    values = Counter(MeasureValue.objects.values_list("measure_id", "month"))
    assert values and set(values.values()) == {1}
    assert all(month.day == 1 for _, month in values)
    assert all(generated(model).exists() for model in demo)
    for review in generated(IncidentReview).select_related("item__meeting__body", "incident"):
        meeting = review.item.meeting
        assert meeting.body.code == "OPSG" and meeting.status == Meeting.Status.CLOSED
        # Reviewed at the first meeting after the incident's month.
        assert month_start(meeting.date) > month_start(review.incident.occurred_on)
    reviewed = set(IncidentReview.objects.values_list("incident_id", flat=True))
    assert len(reviewed) == IncidentReview.objects.count(), "each incident reviewed once"
    for owed in generated(OwedReport).select_related("asked_at__meeting"):
        assert owed.asked_at.meeting.date == owed.asked_on < owed.due_on
        if owed.escalated_on:
            assert owed.escalated_on > owed.due_on and owed.escalated_to.code == "PANEL"
    for issue in generated(SubGroupIssue):
        assert 1 <= issue.priority <= 4
        assert (issue.status == SubGroupIssue.Status.CLOSED) == (issue.closed_on is not None)
    for move in generated(Reprioritisation).select_related("item__meeting__body", "issue"):
        assert move.before != move.after and move.item.meeting.body.code == "DQSG"
        assert move.changed_on == move.item.meeting.date >= move.issue.raised_on


@pytest.mark.django_db
def test_it_compiles_a_generated_panel_report_whose_counts_agree_with_the_outcomes():
    generate()
    reviews = IncidentReview.objects.select_related("item__meeting")
    assert reviews.exists()
    # A Panel meeting whose report's period holds an OPSG meeting that reviewed incidents.
    reviewed = sorted({review.item.meeting.date for review in reviews})
    report = next(
        report
        for report in map(draft_report, Meeting.objects.filter(body__code="PANEL"))
        if any(report.period_start <= day <= report.period_end for day in reviewed)
    )
    compiled = compile_report(report)
    # The generated highlights count the registers' records, and the counts agree.
    filled = {p.placeholder for p in compiled.provenance}
    assert "{incidents}" in filled, filled
    counted = next(p for p in compiled.provenance if p.placeholder == "{incidents}")
    assert all(address.startswith("/operations/incidents/") for _, address in counted.records)
    assert compiled.disagreements == []
    # Take one outcome away and the count disagrees.
    review = reviews.filter(item__meeting__date__gte=compiled.period.start).first()
    review.item.outcomes.all().delete()
    again = compile_report(report)
    assert any(review.incident.reference in d.text for d in again.disagreements)
