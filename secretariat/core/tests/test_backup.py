"""`secretariat backup FILE` and `secretariat restore FILE`, through the command line, on SQLite
and on PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from secretariat.serving import DATABASE, base_env, demo_workspace, run_cli


def sqlite_counts(folder: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


@pytest.fixture
def workspace():
    folder = demo_workspace()
    (folder / "media" / "papers").mkdir(parents=True)
    (folder / "media" / "papers" / "SSC_72_01.pdf").write_bytes(b"%PDF-1.7 uploaded paper")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_it_round_trips_a_sqlite_workspace_with_its_files_and_a_verified_ledger(
    workspace, tmp_path
):
    backup = tmp_path / "workspace.backup"
    taken = run_cli(base_env(workspace), "backup", str(backup))
    assert taken.returncode == 0, taken.stderr
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    restored = run_cli(base_env(fresh), "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    counts = sqlite_counts(fresh)
    assert counts == sqlite_counts(workspace)
    published = counts["publishing_publicationrecord"]
    assert published > 0 and counts["meetings_agendaitem"] > 20
    assert f"{published} published versions match the ledger." in restored.stdout
    # Both keyed chains still hold in the copy: the key is the environment's, not the backup's.
    assert f"{counts['audit_auditevent']} audit events hold in their chain" in restored.stdout
    paper = fresh / "media" / "papers" / "SSC_72_01.pdf"
    assert paper.read_bytes() == b"%PDF-1.7 uploaded paper"


def test_it_refuses_to_restore_over_a_workspace_without_force(workspace, tmp_path):
    backup = tmp_path / "workspace.backup"
    assert run_cli(base_env(workspace), "backup", str(backup)).returncode == 0
    with contextlib.closing(sqlite3.connect(workspace / DATABASE)) as connection:
        connection.execute("DELETE FROM actions_action")
        connection.commit()
    refused = run_cli(base_env(workspace), "restore", str(backup))
    assert refused.returncode != 0
    assert "The workspace is not empty" in refused.stderr and "--force" in refused.stderr
    assert sqlite_counts(workspace)["actions_action"] == 0
    forced = run_cli(base_env(workspace), "restore", str(backup), "--force")
    assert forced.returncode == 0, forced.stderr
    assert sqlite_counts(workspace)["actions_action"] > 0


def test_it_fails_a_restore_under_another_chain_key(workspace, tmp_path):
    # The chains are keyed from the environment: a copy restored under another key fails both
    # verifies, so a backup alone is not enough to forge a verifying chain.
    backup = tmp_path / "workspace.backup"
    assert run_cli(base_env(workspace), "backup", str(backup)).returncode == 0
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    env = base_env(fresh, SECRETARIAT_CHAIN_KEY=secrets.token_urlsafe(50))
    restored = run_cli(env, "restore", str(backup))
    assert restored.returncode != 0
    assert "MISMATCH" in restored.stderr


def test_it_fails_a_restore_whose_ledger_does_not_verify(workspace, tmp_path):
    with contextlib.closing(sqlite3.connect(workspace / DATABASE)) as connection:
        connection.execute(
            "UPDATE publishing_publicationrecord SET content_hash = ? WHERE id = "
            "(SELECT min(id) FROM publishing_publicationrecord)",
            ["0" * 64],
        )
        connection.commit()
    backup = tmp_path / "workspace.backup"
    assert run_cli(base_env(workspace), "backup", str(backup)).returncode == 0
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    restored = run_cli(base_env(fresh), "restore", str(backup))
    assert restored.returncode != 0
    assert "MISMATCH" in restored.stderr


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.backup"
    bogus.write_bytes(b"not a backup")
    refused = run_cli(base_env(tmp_path), "restore", str(bogus))
    assert refused.returncode != 0
    assert "is not a secretariat backup" in refused.stderr


def test_it_backs_up_online_while_writers_go_on(workspace, tmp_path):
    """The backup finishes while another connection keeps committing writes: it is not blocked
    by them, and it holds one consistent moment (an intact file, the rows of one commit)."""
    done = threading.Event()
    writes_during: list[int] = []

    def write() -> None:
        with contextlib.closing(
            sqlite3.connect(workspace / DATABASE, timeout=30, isolation_level=None)
        ) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            number = 0
            while not done.is_set():
                number += 1
                connection.execute(
                    "INSERT INTO django_session (session_key, session_data, expire_date) "
                    "VALUES (?, 'x', '2099-01-01')",
                    [f"load-{number:08d}"],
                )
            writes_during.append(number)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        backup = tmp_path / "online.backup"
        taken = run_cli(base_env(workspace), "backup", str(backup), timeout=120)
    finally:
        done.set()
        writer.join()
    assert taken.returncode == 0, taken.stderr
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert run_cli(base_env(fresh), "restore", str(backup)).returncode == 0
    with contextlib.closing(sqlite3.connect(fresh / DATABASE)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copied = connection.execute(
            "SELECT count(*) FROM django_session WHERE session_key LIKE 'load-%'"
        ).fetchone()[0]
    # Writers went on through the backup: more rows were written than the copy holds.
    assert writes_during and writes_during[0] > copied


# PostgreSQL ------------------------------------------------------------------------------------


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("runs in the PostgreSQL suite (DATABASE_URL=postgres://...)")
    from secretariat.core.backup import BackupError, pg_tool

    try:
        pg_tool("pg_dump")
        pg_tool("pg_restore")
    except BackupError as error:
        pytest.skip(str(error))
    return url


@contextlib.contextmanager
def scratch_database(url: str):
    """A database of its own on the suite's PostgreSQL server, dropped afterwards."""
    import psycopg

    name = f"secretariat_backup_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def test_it_round_trips_a_postgresql_workspace_with_a_verified_ledger(tmp_path):
    url = _postgres_url()
    backup = tmp_path / "workspace.backup"
    with scratch_database(url) as source, scratch_database(url) as target:
        env = {**base_env(tmp_path), "DATABASE_URL": source}
        loaded = run_cli(env, "demo", "--no-serve")
        assert loaded.returncode == 0, loaded.stderr
        taken = run_cli(env, "backup", str(backup))
        assert taken.returncode == 0, taken.stderr
        refused = run_cli(env, "restore", str(backup))
        assert refused.returncode != 0 and "not empty" in refused.stderr
        restored = run_cli({**env, "DATABASE_URL": target}, "restore", str(backup))
        assert restored.returncode == 0, restored.stderr
        counts = postgres_counts(target)
        assert counts == postgres_counts(source)
        published = counts["publishing_publicationrecord"]
        assert published > 0
        assert f"{published} published versions match the ledger." in restored.stdout
        assert f"{counts['audit_auditevent']} audit events hold in their chain" in restored.stdout


def test_it_refuses_a_backup_of_the_other_engine(workspace, tmp_path):
    url = _postgres_url()
    backup = tmp_path / "workspace.backup"
    assert run_cli(base_env(workspace), "backup", str(backup)).returncode == 0
    with scratch_database(url) as target:
        refused = run_cli({**base_env(tmp_path), "DATABASE_URL": target}, "restore", str(backup))
    assert refused.returncode != 0
    assert "a sqlite backup cannot be restored into postgresql" in refused.stderr
