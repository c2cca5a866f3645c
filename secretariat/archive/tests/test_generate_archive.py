"""`secretariat generate_archive`: deterministic from its seed, and its bulk rows keep the
invariants the per-row services enforce."""

from __future__ import annotations

import io
import re
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count

from secretariat.actions.models import Action, ActionUpdate
from secretariat.archive.models import ArchiveRun
from secretariat.audit.models import AuditEvent
from secretariat.directory.models import SEC_PARTY_CATEGORIES, Body, Membership, Organisation
from secretariat.labels.models import Label
from secretariat.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Outcome,
    meeting_reference,
)

SMALL = ["--years", "2", "--bodies", "SSC,PANEL,SCIRS"]


def generate(*args: str) -> str:
    out = io.StringIO()
    call_command("generate_archive", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """What a run wrote, by natural keys only (row ids differ from run to run)."""
    return {
        "meetings": sorted(Meeting.objects.values_list("reference", "date", "label")),
        "items": sorted(
            AgendaItem.objects.values_list(
                "meeting__reference", "parent__number", "number", "label", "title", "summary"
            ),
            key=repr,
        ),
        "outcomes": sorted(
            Outcome.objects.values_list("item__meeting__reference", "verb__word", "text"), key=repr
        ),
        "actions": sorted(
            Action.objects.values_list("reference", "label", "status", "owner__full_name")
        ),
        "attendance": sorted(
            Attendance.objects.values_list("meeting__reference", "person__full_name", "status")
        ),
        "parties": sorted(Organisation.objects.values_list("name", "category", "pseudonym")),
    }


def generate_and_undo(*args: str) -> dict:
    with transaction.atomic():
        generate(*args)
        taken = snapshot()
        transaction.set_rollback(True)
    return taken


@pytest.mark.django_db
def test_it_generates_the_same_archive_from_the_same_seed():
    first = generate_and_undo(*SMALL, "--seed", "7")
    second = generate_and_undo(*SMALL, "--seed", "7")
    other = generate_and_undo(*SMALL, "--seed", "8")
    assert first == second

    def regular(run):
        return [reference for reference, *_ in run["meetings"] if not reference.startswith("SCIRS")]

    assert regular(first) == regular(other), "fixed cadences do not depend on the seed"
    assert first["items"] != other["items"]


@pytest.mark.django_db
def test_it_prints_progress_and_the_time_taken():
    output = generate(*SMALL)
    assert re.search(r"^  2024: \d+ meetings, [\d,]+ agenda items", output, re.M)
    assert re.search(r"^  2025: ", output, re.M)
    assert re.search(r"^Done in \d+\.\d s: ", output, re.M)


@pytest.mark.django_db
def test_it_records_one_audit_event_for_the_whole_run():
    before = AuditEvent.objects.count()
    generate(*SMALL)
    run = ArchiveRun.objects.get()
    assert run.complete and run.counts["meetings"] > 0
    events = list(AuditEvent.objects.all()[: AuditEvent.objects.count() - before])
    assert [(event.verb, event.object_id) for event in events] == [
        ("archive.generate", str(run.pk))
    ]
    assert "bulk import" in events[0].summary


@pytest.mark.django_db
def test_it_refuses_a_second_run_and_writes_nothing():
    generate(*SMALL)
    meetings = Meeting.objects.count()
    with pytest.raises(CommandError, match="already holds a generated archive"):
        generate(*SMALL)
    assert Meeting.objects.count() == meetings
    assert ArchiveRun.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "0"], "--years 0"),
        (["--scale", "0"], "--scale 0"),
        (["--bodies", "SSC,NOPE"], "NOPE is not a body"),
    ],
)
def test_it_names_the_bad_option_and_writes_nothing(args, message):
    meetings = Meeting.objects.count()
    with pytest.raises(CommandError, match=message):
        generate(*args)
    assert Meeting.objects.count() == meetings
    assert not ArchiveRun.objects.exists()


@pytest.mark.django_db
def test_it_gives_every_body_meetings_at_its_cadence():
    generate("--years", "1")
    per_body = dict(
        Meeting.objects.filter(date__year=2025)
        .values_list("body__code")
        .annotate(n=Count("id"))
        .values_list("body__code", "n")
    )
    assert per_body["SSC"] == 23  # twice a month, once in December
    assert per_body["PANEL"] == per_body["OPSG"] == per_body["TAG"] == 12
    assert 3 <= per_body["SCIRS"] <= 7  # as needed
    items = AgendaItem.objects.filter(parent__isnull=True, meeting__date__year=2025).count()
    assert 16 <= items / sum(per_body.values()) <= 22
    # A realistic mix: mostly WHITE and GREEN, some AMBER and RED.
    mix = dict(
        AgendaItem.objects.filter(meeting__date__year=2025, parent__isnull=True)
        .values_list("label")
        .annotate(n=Count("id"))
        .values_list("label", "n")
    )
    assert set(mix) == set(Label)
    assert mix[Label.WHITE] + mix[Label.GREEN] > 2 * (mix[Label.AMBER] + mix[Label.RED])
    parties = Organisation.objects.filter(category__in=SEC_PARTY_CATEGORIES)
    assert 140 <= parties.count() <= 160
    assert not parties.exclude(category="dcc").filter(pseudonym="").exists()


@pytest.mark.django_db
def test_it_copies_the_body_tree_at_scale():
    generate("--years", "1", "--scale", "3", "--bodies", "SSC")
    for copy in ("B", "C"):
        body = Body.objects.get(code=f"SSC{copy}")
        assert body.parent.code == f"PANEL{copy}"
        assert body.meetings.count() == 23
        assert Body.objects.filter(code=f"SCIRS{copy}", parent=body).exists()
    assert not Meeting.objects.filter(body__code="PANELB").exists()
    assert not Body.objects.filter(code="SSCD").exists()


@pytest.mark.django_db
def test_it_keeps_the_invariants_the_services_enforce():
    demo_meeting = Meeting.objects.get(reference="SSC_72_2702")
    demo_items = demo_meeting.items.count()
    generate("--years", "4", "--until", "2020", "--bodies", "SSC,SCIRS")
    generated = Meeting.objects.filter(body__code__in=["SSC", "SCIRS"])

    # The demo's meetings keep their numbers and contents; references derive from the fields.
    assert Meeting.objects.get(reference="SSC_72_2702").items.count() == demo_items
    assert not generated.filter(date=demo_meeting.date, body=demo_meeting.body).exclude(
        pk=demo_meeting.pk
    )
    for code, number, date, reference in generated.values_list(
        "body__code", "number", "date", "reference"
    ):
        assert reference == meeting_reference(code, number, date)

    # Items numbered 1..n per meeting, sub-points 1..m per item, one level deep.
    numbers = defaultdict(list)
    for meeting_id, parent_id, number, grandparent in AgendaItem.objects.filter(
        meeting__in=generated
    ).values_list("meeting_id", "parent_id", "number", "parent__parent_id"):
        numbers[(meeting_id, parent_id)].append(number)
        assert grandparent is None
    for key, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), key

    # A Panel highlight is labelled at least as high as the title it quotes.
    marked = AgendaItem.objects.filter(meeting__in=generated, report_to_panel=True)
    assert marked.exists()
    for title_label, report_label in marked.values_list("title_label", "report_label"):
        assert report_label >= title_label

    # Outcomes numbered 1..k per item, with texts as outcome_record stores them.
    positions = defaultdict(list)
    for item_id, position, text in Outcome.objects.filter(item__meeting__in=generated).values_list(
        "item_id", "position", "text"
    ):
        positions[item_id].append(position)
        assert text == text.strip().rstrip(".")
    for found in positions.values():
        assert sorted(found) == list(range(1, len(found) + 1))

    # Actions: label at least the item's, due on or after their meeting, referenced in order,
    # status and completion those of their last update.
    actions = Action.objects.filter(meeting__in=generated).select_related("item", "meeting__body")
    assert actions.exists()
    last_update = {}
    for update in (
        ActionUpdate.objects.filter(action__in=actions)
        .select_related("meeting", "action__meeting")
        .order_by("meeting__date")
    ):
        assert update.meeting.body_id == update.action.meeting.body_id
        assert update.meeting.date > update.action.meeting.date
        assert update.label >= update.action.label
        last_update[update.action_id] = update
    raised = defaultdict(list)
    for action in actions:
        assert action.label >= action.item.label
        assert action.item.meeting_id == action.meeting_id
        assert action.due_date >= action.meeting.date
        raised[action.meeting_id].append(action.reference)
        update = last_update.get(action.pk)
        if update is None:
            assert action.status == Action.Status.OPEN and action.completed_on is None
        else:
            assert action.status == update.status
            completed = update.meeting.date if update.status == "complete" else None
            assert action.completed_on == completed
    for meeting_id, references in raised.items():
        meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
        prefix = f"{meeting.body.code}{meeting.number}/"
        assert sorted(references) == [f"{prefix}{n:02d}" for n in range(1, len(references) + 1)]
    assert actions.filter(status="complete").count() > 0.8 * actions.count()

    # Attendance by those whose term covers the day (presenters apart), once each.
    terms = defaultdict(list)
    for person_id, body_id, start, end in Membership.objects.values_list(
        "person_id", "body_id", "term_start", "term_end"
    ):
        terms[(person_id, body_id)].append((start, end))
    for person_id, body_id, date, capacity in (
        Attendance.objects.filter(meeting__in=generated)
        .exclude(capacity="presenter")
        .values_list("person_id", "meeting__body_id", "meeting__date", "capacity")
    ):
        assert any(
            start <= date and (end is None or date <= end)
            for start, end in terms[(person_id, body_id)]
        ), (person_id, body_id, date, capacity)


@pytest.mark.django_db
def test_it_publishes_headlines_that_verify_against_their_hashes(client):
    from secretariat.publishing.models import PublicationRecord
    from secretariat.publishing.verification import verify_record

    before = PublicationRecord.objects.count()
    output = generate("--years", "1", "--bodies", "SSC", "--publish")
    assert "23 Meeting Headlines published" in output
    # The rendering is counted: its progress shows while it runs (a line a quarter off a terminal).
    assert "Rendering Meeting Headlines: 23 to do" in output
    assert "Rendering Meeting Headlines: 12/23 (52%) 2025" in output
    assert "Rendering Meeting Headlines: 23/23 (100%) 2025" in output
    records = PublicationRecord.objects.order_by("-id")[
        : PublicationRecord.objects.count() - before
    ]
    assert len(records) == 23
    record = records[0]
    assert record.kind == "headlines" and record.label == Label.WHITE
    assert verify_record(record) == []
    page = client.get(f"/meetings/{record.meeting.reference}/headlines")
    assert page.status_code == 200
    assert record.meeting.reference in client.get("/publications/").content.decode()


@pytest.mark.django_db
def test_its_ledger_chain_holds_and_its_index_is_the_rebuilds(client):
    """The publications are written in bulk and indexed after the rest of the archive, which
    is indexed while they render: every published version re-renders to its hashes in an
    unbroken chain, and the index is row for row, ids included, what a rebuild makes."""
    from secretariat.search import index
    from secretariat.search.models import Entry

    generate("--years", "1", "--bodies", "SSC,OPSG", "--publish")
    out = io.StringIO()
    call_command("verify_publications", stdout=out)
    assert "MISMATCH" not in out.getvalue()
    columns = [field.attname for field in Entry._meta.concrete_fields]
    written = list(Entry.objects.order_by("pk").values_list(*columns))
    assert {row[columns.index("kind")] for row in written} >= {"publication", "meeting", "item"}
    index.rebuild()
    assert list(Entry.objects.order_by("pk").values_list(*columns)) == written
    # The words reach the engine's own index, as the ORM's inserts did.
    page = client.get("/search/", {"q": "update"})
    assert (
        page.status_code == 200
        and '<p class="count" role="status">0 results' not in page.content.decode()
    )
