"""The database's generation: a key that changes with every committed write, for caches that
must never serve what the database no longer says.

A cache keyed by `current()` is sound without knowing what its entries depend on: every table
but those listed in `EXCLUDED` (each with the reason no cached page reads it) carries a trigger
that changes the generation in the same transaction as the write. Read the generation before
the rows an entry is built from: the entry is then at least as new as its key, and a reader who
sees a later generation never gets it.

* SQLite runs one writer at a time: each row written sets `core_generation` to the next count
  and a new random token, so two states (a rolled-back transaction's included) never share a
  key.
* PostgreSQL runs writers side by side: one row in `core_generation` would queue every writer
  behind the others (and deadlock with row locks taken in another order), so each statement
  that writes instead adds a row with a random token to `core_generationlog`, which waits for
  nobody. The key is the count of logged statements and the sum of their tokens (modulo
  2**62), read in one statement: a state differs from every other by at least one statement's
  row, whether committed by others or written earlier in the reader's own transaction (a
  rolled-back savepoint's rows are gone; the next statement adds a new token). Now and then a
  statement folds the other transactions' committed rows into `core_generation` (the same
  count and sum), under an advisory lock it does not wait for.

The triggers are (re)made after every `migrate` (a later migration's table gets its own, and
SQLite drops a table's triggers when it rebuilds it), and `migrate` itself moves the
generation on. `secretariat/core/tests/test_generation.py` checks that every table has its
trigger or a reason here.
"""

from __future__ import annotations

from django.db import connections

SQLITE_ROW = "core_generation"
LOG = "core_generationlog"
MODULUS = 2**62
# One logged statement in COMPACT_EVERY (by its row's id) folds the log into the row.
COMPACT_EVERY = 256
ADVISORY_LOCK = 7_140_531_202

# The generation's own models: bookkeeping of the database, not records (counts of a
# workspace's records leave them out; on PostgreSQL the log grows with every statement written).
MODELS = frozenset({"core.Generation", "core.GenerationLog"})

# Tables whose writes no cached page can depend on, and why.
EXCLUDED: dict[str, str] = {
    SQLITE_ROW: "the generation itself",
    LOG: "the generation itself",
    "django_session": "sessions: read for each request, never by a cached page",
    "axes_accessattempt": "sign-in attempts, written on every failed sign-in",
    "axes_accessattemptexpiration": "sign-in attempts' expiry",
    "axes_accessfailurelog": "sign-in failures' log",
    "axes_accesslog": "sign-ins' log, written on every sign-in",
    "otp_static_staticdevice": "second factors: throttling counters written at each sign-in",
    "otp_static_statictoken": "recovery codes, used up at sign-in",
    "otp_totp_totpdevice": "second factors: last use and throttling written at each sign-in",
    "audit_auditevent": "the audit log: written beside every write, read only by its own pages",
    "audit_chainhead": "the audit log's chain heads",
    "audit_elevatedread": "what an elevated reader read: written by reading",
    "workspace_paperdownload": "who downloaded a paper: written by reading",
    "django_tasks_database_dbtaskresult": "the task queue: a task's work writes its own tables",
}

# Columns of watched tables whose changes no cached page can depend on, and why: an UPDATE that
# sets only these moves nothing.
UNWATCHED_COLUMNS: dict[str, dict[str, str]] = {
    "auth_user": {"last_login": "written at every sign-in; accounts build each request's reader"},
    "workspace_apitoken": {"last_used_at": "written as a token is used; tokens are never shown"},
}


def _update_of(connection, cursor, table: str) -> str:
    """`UPDATE`, or `UPDATE OF` the columns that are watched."""
    unwatched = UNWATCHED_COLUMNS.get(table)
    if not unwatched:
        return "UPDATE"
    columns = [
        column.name
        for column in connection.introspection.get_table_description(cursor, table)
        if column.name not in unwatched
    ]
    return "UPDATE OF " + ", ".join(f'"{column}"' for column in columns)


def columns(vendor: str) -> tuple[str, str]:
    """The generation's count and token as two SQL expressions, for a statement that joins the
    row as `g` (`LEFT JOIN core_generation g ON g.id = 1`): read in the same statement as other
    rows (the session's, core/sessions.py), it is read no later than they are. For a statement
    with parameters: its `%` is doubled."""
    if vendor == "postgresql":
        return (
            f"g.n + (SELECT count(*) FROM {LOG})",
            f"(g.token + (SELECT coalesce(sum(token), 0) FROM {LOG})) %% {MODULUS}",
        )
    return "g.n", "g.token"


def current(using: str = "default") -> tuple[int, int] | None:
    """The generation now, or None where it cannot be known (the row is missing: a flushed
    database before `migrate` has run again); then nothing may be served from a cache."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT g.n + (SELECT count(*) FROM {LOG}), "
                f"(g.token + (SELECT coalesce(sum(token), 0) FROM {LOG})) % {MODULUS} "
                f"FROM {SQLITE_ROW} g WHERE g.id = 1"
            )
        else:
            cursor.execute(f"SELECT n, token FROM {SQLITE_ROW} WHERE id = 1")
        row = cursor.fetchone()
    return (int(row[0]), int(row[1])) if row else None


def tables(using: str = "default") -> list[str]:
    """Every table of the database that carries the trigger: all but the excluded, SQLite's
    own and full-text search's (a virtual table cannot have triggers; its shadow tables are
    written only through it, by the triggers of the table it indexes)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
            names = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
            rows = cursor.fetchall()
            virtual = [
                name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")
            ]
            names = [
                name
                for name, _ in rows
                if not name.startswith("sqlite_")
                and name not in virtual
                and not any(name.startswith(f"{v}_") for v in virtual)
            ]
    return [name for name in names if name not in EXCLUDED]


_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION secretariat_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tx bigint := txid_current();
    logged bigint;
BEGIN
    INSERT INTO {LOG} (txid, token)
        VALUES (tx, floor(random() * {MODULUS})::bigint) RETURNING id INTO logged;
    IF logged % {COMPACT_EVERY} = 0 AND pg_try_advisory_xact_lock({ADVISORY_LOCK}) THEN
        WITH folded AS (DELETE FROM {LOG} WHERE txid <> tx RETURNING token)
        UPDATE {SQLITE_ROW} SET
            n = n + (SELECT count(*) FROM folded),
            token = (token + (SELECT coalesce(sum(token), 0) FROM folded)) % {MODULUS}
        WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$;
"""


def install(using: str = "default") -> int:
    """Make the generation's row and every table's trigger, where missing; move the generation
    on (what `migrate` wrote was written before some triggers existed). Returns the number of
    tables watched."""
    connection = connections[using]
    watched = tables(using)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in watched:
                update = _update_of(connection, cursor, table)
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER secretariat_generation AFTER INSERT OR {update} "
                    f'OR DELETE OR TRUNCATE ON "{table}" '
                    "FOR EACH STATEMENT EXECUTE FUNCTION secretariat_generation()"
                )
            cursor.execute(
                f"INSERT INTO {SQLITE_ROW} (id, n, token) VALUES (1, 0, 0) ON CONFLICT DO NOTHING"
            )
            cursor.execute(
                f"INSERT INTO {LOG} (txid, token) "
                f"VALUES (txid_current(), floor(random() * {MODULUS})::bigint)"
            )
        else:
            bump = f"UPDATE {SQLITE_ROW} SET n = n + 1, token = random() WHERE id = 1"
            for table in watched:
                for name, event in (
                    ("insert", "INSERT"),
                    ("update", _update_of(connection, cursor, table)),
                    ("delete", "DELETE"),
                ):
                    cursor.execute(
                        f'CREATE TRIGGER IF NOT EXISTS "secretariat_generation_{name}_{table}" '
                        f'AFTER {event} ON "{table}" BEGIN {bump}; END'
                    )
            cursor.execute(f"INSERT OR IGNORE INTO {SQLITE_ROW} (id, n, token) VALUES (1, 0, 0)")
            cursor.execute(bump)
    return len(watched)


def watched(using: str = "default") -> set[str]:
    """The tables that carry the trigger now, as the database says (for the tests)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'secretariat_generation'"
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT tbl_name, count(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'secretariat_generation_%' GROUP BY tbl_name"
        )
        return {name for name, count in cursor.fetchall() if count == 3}


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    install(using)
