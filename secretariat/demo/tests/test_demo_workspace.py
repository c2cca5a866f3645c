"""The demo: idempotent, and SSC_72 carries the seed's 20 items in order."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from secretariat.core import generation
from secretariat.core.testing import skip_without_seeds
from secretariat.demo.loader import load_demo
from secretariat.meetings.models import AgendaItem, Meeting

SEED = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "seeds"
    / "ssc-72-meeting-headlines-2019-02-27.md"
)


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.label not in generation.MODELS
    }


def test_it_loads_twice_without_duplicates(db):
    before = _counts()
    load_demo()
    assert _counts() == before


def test_it_loads_through_the_command_without_duplicates(db, capsys):
    before = _counts()
    call_command("demo", no_serve=True)
    assert _counts() == before
    out = capsys.readouterr().out
    assert "officer" in out
    assert "Reused the demo workspace" in out
    assert "The demo accounts count as having a second factor (TOTP) here, on loopback" in out


def test_it_says_what_it_added_to_a_workspace_missing_part_of_the_demo(db, capsys):
    User = get_user_model()
    User.objects.get(username="outsider").delete()
    call_command("demo", no_serve=True)
    out = capsys.readouterr().out
    assert "Added 1 records to the demo workspace" in out
    assert User.objects.filter(username="outsider").exists()


def _norm(text: str) -> str:
    text = text.replace("\\", "").replace("*", "").replace("‘", "'").replace("’", "'")
    text = re.sub(r"\((WHITE|GREEN|AMBER|RED)\)\s*$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def seed_items() -> list[tuple[int, str, str | None]]:
    if not SEED.exists():
        skip_without_seeds(
            f"Seed documents not found at {SEED}: the fidelity check needs ../shared beside the clone."
        )
    items = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(?:#+\s*)?\**\s*(\d{1,2})\.\s+(.+?)\s*$", line)
        if match:
            raw = match.group(2).replace("*", "")
            label = re.search(r"\((WHITE|GREEN|AMBER|RED)\)\s*$", raw)
            items.append((int(match.group(1)), _norm(raw), label.group(1) if label else None))
    return items


def test_it_holds_the_seeds_20_items_in_order_with_their_labels(db):
    expected = seed_items()
    assert [number for number, _, _ in expected] == list(range(1, 21))
    meeting = Meeting.objects.get(reference="SSC_72_2702")
    items = list(AgendaItem.objects.filter(meeting=meeting, parent=None).order_by("number"))
    got = [
        (item.number, _norm(item.title), item.label.name if item.label else None) for item in items
    ]
    assert got == expected
    assert meeting.next_meeting_date.isoformat() == "2019-03-13"
    assert AgendaItem.objects.filter(parent__meeting=meeting, parent__number=1).count() == 6
    assert AgendaItem.objects.filter(parent__meeting=meeting, parent__number=19).count() == 4
