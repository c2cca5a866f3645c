"""Settings come from the environment through helpers that refuse bad values loudly."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from secretariat.env import env_bool, env_int, env_list, proxy_ssl_header, tasks_backend


def test_it_reads_booleans_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG='maybe' is not a boolean"):
        env_bool("X_FLAG", False)


def test_it_reads_numbers_and_lists(monkeypatch):
    monkeypatch.setenv("X_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("X_NUMBER", 1)
    monkeypatch.setenv("X_HOSTS", "a.example, b.example,")
    assert env_list("X_HOSTS", []) == ["a.example", "b.example"]


def _run(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "secretariat.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_refuses_to_start_with_a_bad_setting(tmp_path):
    env = {**os.environ, "SECRETARIAT_DATA_DIR": str(tmp_path), "DEBUG": "perhaps"}
    env.pop("DATABASE_URL", None)
    result = _run(env, "check")
    assert result.returncode != 0
    assert "DEBUG='perhaps' is not a boolean" in result.stderr


def test_it_keeps_the_workspace_in_sqlite_wal_mode_in_its_data_folder(tmp_path):
    env = {**os.environ, "SECRETARIAT_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    result = _run(env, "demo", "--no-serve")
    assert result.returncode == 0, result.stderr
    database = tmp_path / "secretariat.sqlite3"
    # It says what it did, and shows how far the loading has got on the way.
    assert f"Created the demo workspace at {database}" in result.stdout
    assert "Loading the demo: 9/9 (100%)" in result.stdout
    again = _run(env, "demo", "--no-serve")
    assert f"Reused the demo workspace at {database}: it holds the demo already." in again.stdout
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT count(*) FROM meetings_meeting").fetchone()[0] > 0


def test_it_trusts_a_proxys_https_header_only_when_named():
    assert proxy_ssl_header("") is None
    assert proxy_ssl_header("X-Forwarded-Proto") == ("HTTP_X_FORWARDED_PROTO", "https")
    with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER='X Proto;'"):
        proxy_ssl_header("X Proto;")


def test_it_knows_the_two_ways_of_running_background_tasks():
    assert tasks_backend("database") == {"BACKEND": "django_tasks_db.DatabaseBackend"}
    with pytest.raises(ImproperlyConfigured, match="SECRETARIAT_TASKS='celery' is not one of"):
        tasks_backend("celery")


def test_it_documents_every_setting_it_reads_in_env_example():
    root = Path(__file__).resolve().parents[2]
    read = set(
        re.findall(
            r'env_(?:str|bool|int|list)\("([A-Z_]+)"',
            (root / "secretariat" / "settings.py").read_text(),
        )
    )
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (root / ".env.example").read_text(), re.M))
    assert read and not read - documented, f"not in .env.example: {sorted(read - documented)}"
