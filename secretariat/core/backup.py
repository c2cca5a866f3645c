"""Backups of a workspace: the database, consistent and taken online, and the uploaded files.

A backup is one gzipped tar file:
  manifest.json      engine, when, the row count of every table (checked again on restore)
  database.sqlite3   SQLite: `VACUUM INTO`, one read transaction, so writers go on meanwhile
                     (in WAL mode a reader never blocks them) and the copy is one moment's state
  database.dump      PostgreSQL: `pg_dump --format=custom`, which reads in one snapshot
  media/...          the media folder, when there is one

Keys that live in the environment (SECRET_KEY and any other) are never in it: keep them apart,
in the secret store that holds the environment, so that a stolen backup is not also the key.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction

from secretariat.core.clock import now


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


FORMAT = 1
MANIFEST = "manifest.json"
SQLITE = "database.sqlite3"
DUMP = "database.dump"
MEDIA = "media"
# Tables that `migrate` fills by itself: rows there do not make a workspace "non-empty".
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission"}


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {vendor}.")
    return vendor


def table_counts() -> dict[str, int]:
    """Rows in every table of the database (not only Django's models: a migration's own tables
    count too)."""
    # SQLite's own tables (sqlite_sequence, sqlite_stat1) are left out: VACUUM INTO rebuilds them.
    names = sorted(
        name for name in connection.introspection.table_names() if not name.startswith("sqlite_")
    )
    counts = {}
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def workspace_is_empty() -> bool:
    return (
        not any(count for name, count in table_counts().items() if name not in BOOKKEEPING)
        and not _media_files()
    )


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> list[Path]:
    root = _media_root()
    return [path for path in root.rglob("*") if path.is_file()] if root.is_dir() else []


# PostgreSQL's client tools --------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: on PATH, else the newest of Debian's versioned folders (a newer
    client reads and writes older servers' dumps)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(f"{name} not found: install PostgreSQL's client tools.")
    return str(candidates[-1])


def _pg_arguments() -> tuple[list[str], dict[str, str]]:
    config = connection.settings_dict
    arguments = ["--dbname", config["NAME"]]
    if config.get("HOST"):
        arguments += ["--host", config["HOST"]]
    if config.get("PORT"):
        arguments += ["--port", str(config["PORT"])]
    if config.get("USER"):
        arguments += ["--username", config["USER"]]
    env = {**os.environ}
    # The password goes through the environment, never the command line others can read.
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return arguments, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# Backup ---------------------------------------------------------------------------------------


def backup(destination: Path) -> dict:
    """Write the workspace to `destination` (replaced only once the backup is complete) and
    return its manifest."""
    kind = engine()
    destination = destination.resolve()
    with tempfile.TemporaryDirectory(prefix="secretariat-backup-") as work:
        folder = Path(work)
        if kind == "sqlite":
            database = folder / SQLITE
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(database)])
            counts = _sqlite_counts(database)
        else:
            database = folder / DUMP
            counts = _pg_dump(database)
        manifest = {
            "format": FORMAT,
            "engine": kind,
            "taken_at": now().isoformat(),
            "tables": counts,
            "media_files": len(_media_files()),
        }
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
            archive.add(database, arcname=database.name)
            if _media_root().is_dir():
                archive.add(_media_root(), arcname=MEDIA)
        partial.replace(destination)
    return manifest


def _pg_dump(database: Path) -> dict[str, int]:
    """Dump and count in one snapshot: this transaction exports it and pg_dump reads from it, so
    the counts in the manifest are those of the rows in the dump, whatever is written meanwhile."""
    arguments, env = _pg_arguments()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts()
        _run(
            [
                pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(database),
                *arguments,
            ],
            env,
        )
    return counts


def _sqlite_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as copy:
        names = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            name: copy.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(now().timestamp())
    archive.addfile(info, io.BytesIO(data))


# Restore --------------------------------------------------------------------------------------


@contextlib.contextmanager
def opened(source: Path) -> Iterator[tuple[dict, Path]]:
    """The backup unpacked in a temporary folder, with its manifest."""
    if not source.is_file():
        raise BackupError(f"FILE: {source} is not a file.")
    with tempfile.TemporaryDirectory(prefix="secretariat-restore-") as work:
        folder = Path(work)
        try:
            with tarfile.open(source, "r:gz") as archive:
                # The "data" filter refuses absolute paths, links out of the folder and devices.
                archive.extractall(folder, filter="data")
            manifest = json.loads((folder / MANIFEST).read_text())
        except (tarfile.TarError, OSError, ValueError) as error:
            raise BackupError(f"FILE: {source} is not a secretariat backup ({error}).") from None
        if manifest.get("format") != FORMAT:
            raise BackupError(f"FILE: backup format {manifest.get('format')!r} is not known.")
        yield manifest, folder


def restore(source: Path, *, force: bool) -> dict:
    """Replace the workspace with the backup's. Refuses a workspace with anything in it unless
    `force`; returns the manifest. The caller verifies the records afterwards."""
    kind = engine()
    with opened(source) as (manifest, folder):
        if manifest["engine"] != kind:
            raise BackupError(
                f"FILE: a {manifest['engine']} backup cannot be restored into {kind}: restore it "
                f"into a {manifest['engine']} workspace and move the data from there."
            )
        if not force and not workspace_is_empty():
            raise BackupError(
                "The workspace is not empty: restoring would replace it. Use --force to drop "
                "its schema and records and restore the backup in their place."
            )
        if kind == "sqlite":
            _restore_sqlite(folder / SQLITE)
        else:
            _restore_postgresql(folder / DUMP)
        _restore_media(folder / MEDIA)
        counts = table_counts()
        if counts != manifest["tables"]:
            different = sorted(
                name
                for name in set(counts) | set(manifest["tables"])
                if counts.get(name) != manifest["tables"].get(name)
            )
            raise BackupError(f"Restored row counts differ from the backup's in: {different}.")
    return manifest


def _restore_sqlite(database: Path) -> None:
    # SQLite's backup API writes the whole copy over the live file, pages and schema alike, in
    # one transaction, and other connections see the new database when it commits.
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(database)) as source:
        source.backup(connection.connection)
    connections.close_all()


def _restore_postgresql(dump: Path) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connections.close_all()
    arguments, env = _pg_arguments()
    _run(
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *arguments,
            str(dump),
        ],
        env,
    )


def _restore_media(media: Path) -> None:
    root = _media_root()
    if root.exists():
        shutil.rmtree(root)
    if media.is_dir():
        shutil.copytree(media, root)
