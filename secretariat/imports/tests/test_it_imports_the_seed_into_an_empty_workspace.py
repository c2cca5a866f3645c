"""The seed Meeting Headlines imported into an empty workspace render back as the seed reads:
the same twenty items, labels, outcomes, stock sentences, sub-points and summaries the demo's
fidelity test checks. The project's own Word, PDF and Markdown renderings, and the same text
without its Markdown, import to the same records; importing a file again changes nothing.

Each workspace is a fresh SQLite file (a copy of one migrated template), driven through the
`secretariat` command as an officer would run it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from secretariat.core.testing import skip_without_seeds
from secretariat.publishing.tests import test_fidelity as fidelity
from secretariat.publishing.tests.support import seeds_dir

SEED = fidelity.SEED_NAME
RECORDS = ["directory.body", "directory.organisation", "meetings.meeting", "meetings.agendaitem"]
OUTCOME_FIELDS = ("item", "verb", "text", "label", "position")


def _secretariat(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SECRETARIAT_DATA_DIR"] = str(data)
    result = subprocess.run(
        [sys.executable, "-m", "secretariat.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def seed_file() -> Path:
    folder = seeds_dir()
    if folder is None or not (folder / SEED).is_file():
        skip_without_seeds(f"Seed {SEED} not found beside the clone (../shared/seeds).")
    return folder / SEED


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("template")
    _secretariat(data, "migrate", "-v0")
    return data


@pytest.fixture
def workspace(template, tmp_path):
    def make(name: str) -> Path:
        data = tmp_path / name
        shutil.copytree(template, data)
        return data

    return make


def _records(data: Path) -> dict:
    """What an import made, without the ids of audit rows or times."""
    dumped = json.loads(_secretariat(data, "dumpdata", *RECORDS, "meetings.outcome").stdout)
    records: dict[str, list] = {}
    for row in dumped:
        fields = row["fields"]
        if row["model"] == "meetings.outcome":
            fields = {key: fields[key] for key in OUTCOME_FIELDS}
        records.setdefault(row["model"], []).append((row["pk"], fields))
    return records


def test_it_renders_the_imported_seed_back_as_the_seed_reads(seed_file, workspace):
    data = workspace("seed")
    first = _secretariat(data, "import", "headlines", str(seed_file))
    assert "SSC_72_2702" in first.stdout
    assert "created party: Small Supplier 'AA' (no real name; RED)" in first.stdout
    rendered = _secretariat(data, "render", "SSC_72_2702", "headlines", "--audience", "public")
    seed = fidelity.parse(seed_file.read_text(encoding="utf-8"))
    ours = fidelity.parse(rendered.stdout)
    assert [i.number for i in ours.items] == [i.number for i in seed.items] == list(range(1, 21))
    for theirs, mine in zip(seed.items, ours.items, strict=True):
        number = theirs.number
        assert (mine.title, mine.label) == (theirs.title, theirs.label), f"item {number}"
        assert mine.clauses() == theirs.clauses(), f"item {number}"
        assert mine.stock() == theirs.stock(), f"item {number}"
        assert mine.marked_bullets() == theirs.marked_bullets(), f"item {number}"
        body = " ".join(mine.texts)
        for summary in theirs.summaries():
            assert summary in body, f"item {number}: {summary[:60]}…"
    assert ours.next_meeting == seed.next_meeting == "13 March 2019"
    header = [text for text in ours.header if not text.startswith(("Draft", "Version "))]
    assert header == seed.header

    before = _records(data)
    again = _secretariat(data, "import", "headlines", str(seed_file))
    assert "already imported as SSC_72_2702; nothing changed" in again.stdout
    assert _records(data) == before


def test_it_imports_word_pdf_markdown_and_plain_text_to_the_same_records(
    seed_file, workspace, tmp_path
):
    source = workspace("source")
    _secretariat(source, "import", "headlines", str(seed_file))
    expected = _records(source)
    files = {}
    for fmt in ("md", "docx", "pdf"):
        files[fmt] = tmp_path / f"headlines.{fmt}"
        _secretariat(source, "render", "SSC_72_2702", "headlines", "-f", fmt, "-o", str(files[fmt]))
    markdown = files["md"].read_text(encoding="utf-8")
    plain = re.sub(r"^#+\s*", "", markdown, flags=re.M).replace("**", "").replace("\\", "")
    files["txt"] = tmp_path / "headlines.txt"
    files["txt"].write_text(plain, encoding="utf-8")
    for fmt, path in files.items():
        data = workspace(f"from-{fmt}")
        result = _secretariat(data, "import", "headlines", str(path))
        assert "created 20 items, 10 sub-points, 23 outcomes" in result.stdout, fmt
        assert _records(data) == expected, f"{fmt} imported to other records"
