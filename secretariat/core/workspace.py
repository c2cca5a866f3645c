"""The workspace a command works on: where its database is, and whether it is ready.

A data folder that was never migrated has no tables; a command run on it would fail deep in a
query with a traceback. `problem()` says so first, naming the command that fixes it."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError


def name(alias: str = DEFAULT_DB_ALIAS) -> str:
    """The database as a person would find it: the SQLite file, or PostgreSQL's name and host."""
    settings = connections[alias].settings_dict
    if settings["ENGINE"].endswith("sqlite3"):
        return str(settings["NAME"])
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"database {settings['NAME']} on {host}{port}"


def problem(alias: str = DEFAULT_DB_ALIAS) -> str:
    """What stops a command from working on the workspace, or "" when it is ready."""
    connection = connections[alias]
    try:
        executor = MigrationExecutor(connection)
        if not executor.recorder.has_table():
            return (
                f"The workspace at {name(alias)} has never been migrated: it has no tables yet. "
                "Run `secretariat migrate` to create them (or `secretariat demo --no-serve` for "
                "the demo workspace), then run this command again."
            )
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return (
            f"Cannot open the workspace at {name(alias)}: {error}".rstrip()
            + " Check DATABASE_URL (or SECRETARIAT_DATA_DIR)."
        )
    if plan:
        return (
            f"The workspace at {name(alias)} has {len(plan)} migration"
            f"{'s' if len(plan) != 1 else ''} not yet applied. Run `secretariat migrate`, "
            "then run this command again."
        )
    return ""


__all__ = ["name", "problem"]
