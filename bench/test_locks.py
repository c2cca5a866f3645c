"""bench/locks.py, bounded by operation counts: four writers and two publishers at once on a
file-based SQLite copy of the test database meet no "database is locked", lose no write, and
leave both chains verifying. SQLite only: on PostgreSQL the run would write into the suite's
shared test database (run `bench/locks.py` against a database of its own there)."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from secretariat.serving import DATABASE, base_env

BENCH = Path(__file__).with_name("locks.py")


@pytest.fixture(scope="module")
def workspace_copy(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    """The demo the suite loaded, committed, copied whole into a file of the bench's own: taken
    before any test's transaction opens (a backup waits forever on a source being written)."""
    if connection.vendor != "sqlite":
        pytest.skip("a file-based SQLite copy of the test database; PostgreSQL runs the bench")
    folder = tmp_path_factory.mktemp("locks")
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(folder / DATABASE)) as copy:
            connection.connection.backup(copy)
    return folder


def test_it_meets_no_locked_database_with_four_writers_while_publications_run(workspace_copy):
    env = base_env(workspace_copy, SECRETARIAT_CHAIN_KEY=settings.SECRETARIAT_CHAIN_KEY)
    argv = ["--here", "--no-save", "--ops", "15", "--publications", "2"]
    result = subprocess.run(
        [sys.executable, str(BENCH), *argv], env=env, capture_output=True, text=True, timeout=300
    )

    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert '"database is locked": 0' in out and "other errors: 0" in out, out
    assert "lost writes: 0" in out and "chains: verified" in out, out
    # At least the bounded number of writes and of publications happened (a publisher that lost
    # the race for a version number is refused clearly, never with another error).
    writes = next(line for line in out.splitlines() if line.startswith("writes"))
    assert int(writes.split()[1]) >= 4 * 15, out
    publications = next(line for line in out.splitlines() if line.startswith("publications"))
    assert int(publications.split()[1]) >= 1, out
