"""The `secretariat` command guides a newcomer: its own commands first, a clear word on an
unmigrated workspace, progress while it works."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from secretariat.core.commands import project_commands
from secretariat.core.progress import TerminalProgress


def _run(data_dir, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "SECRETARIAT_DATA_DIR": str(data_dir), "NO_COLOR": "1"}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "secretariat.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_lists_the_projects_commands_first_with_one_line_each(tmp_path, db):
    result = _run(tmp_path, "help")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "docs/cli.md" in out
    own, django = out.split("Django's commands", 1)
    # Whole names: `serve` is no part of Django's `runserver`.
    django_names = set(django.replace(",", " ").split())
    for name, _ in project_commands():
        line = next(line for line in own.splitlines() if line.split()[:1] == [name])
        # One line each: the name and a sentence that ends on that line.
        assert line.rstrip().endswith((".", "…")) and len(line.split()) > 3, line
        assert name not in django_names
    assert "migrate" in django and "migrate" not in own
    assert "[django]" in django


@pytest.mark.parametrize("command", [["assurance_due"], ["render", "SSC_72_2702", "headlines"]])
def test_it_names_the_command_to_run_on_a_workspace_never_migrated(tmp_path, command):
    result = _run(tmp_path, *command)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "has never been migrated" in result.stderr
    assert "Run `secretariat migrate`" in result.stderr
    assert str(tmp_path / "secretariat.sqlite3") in result.stderr


def test_it_still_answers_help_for_a_command_on_a_workspace_never_migrated(tmp_path):
    result = _run(tmp_path, "assurance_due", "--help")
    assert result.returncode == 0, result.stderr
    assert "--as-of" in result.stdout


def _terminal():
    stream = io.StringIO()
    return stream, TerminalProgress(stream, tty=True)


def test_it_draws_a_bar_on_a_terminal_and_keeps_lines_above_it():
    stream, progress = _terminal()
    with progress.counting("Rendering", 4) as counter:
        counter.advance(2, note="2019")
        progress("2019: 2 published")
        counter.advance(2, note="2020")
    text = stream.getvalue()
    assert "Rendering [###############...............] 2/4 (50%) 2019" in text
    # The line clears the bar, stands on its own line, and the bar is drawn again below it.
    assert "\r\x1b[K  2019: 2 published\n\r\x1b[K  Rendering [" in text
    assert text.endswith("Rendering [##############################] 4/4 (100%) 2020\n")


def test_it_writes_a_line_a_quarter_where_no_one_watches_a_bar():
    stream = io.StringIO()
    progress = TerminalProgress(stream, tty=False)
    with progress.counting("Rendering", 8) as counter:
        for _ in range(8):
            counter.advance()
    assert stream.getvalue().splitlines() == [
        "  Rendering: 8 to do",
        "  Rendering: 2/8 (25%)",
        "  Rendering: 4/8 (50%)",
        "  Rendering: 6/8 (75%)",
        "  Rendering: 8/8 (100%)",
    ]
