"""A workspace on the old schema, the Panel report with its own versions and ledger, migrates into
the one ledger with every stored value as it was, and verifies.

The old workspace is built in a workspace of its own (a fresh SQLite file, in a separate process,
since migrations cannot run inside a test's transaction): migrated and loaded with the demo, taken
back to the schema before the one ledger (the report's rows return to its own tables), given a
correction published as the old code published it (microseconds and all), then migrated forward.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    r"""
    import datetime as dt, json, sys
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from secretariat.demo.loader import load_demo
    from secretariat.documents import snapshot
    from secretariat.documents.hashing import content_hash, format_hashes

    call_command("migrate", verbosity=0)
    load_demo()

    OLD = [("reports", "0002_default_layout"), ("publishing", "0002_public_meeting_index")]
    executor = MigrationExecutor(connection)
    executor.migrate(OLD)
    old = MigrationExecutor(connection).loader.project_state(OLD).apps
    ReportVersion = old.get_model("reports", "ReportVersion")
    ReportPublication = old.get_model("reports", "ReportPublication")

    # The rows of an old workspace were rendered by the old code: every format's version 1.
    FIRST = {"docx": 1, "md": 1, "pdf": 1}
    for model in (ReportPublication, old.get_model("publishing", "PublicationRecord")):
        for row in model.objects.all():
            hashes = format_hashes(snapshot.load(row.snapshot), FIRST)
            model.objects.filter(pk=row.pk).update(hashes=hashes, content_hash=content_hash(hashes))

    # A correction as the report's old code published it: microseconds kept in the ledger and
    # in the document's issue time.
    first = ReportPublication.objects.get(part="report", number=1)
    when = dt.datetime(2019, 6, 8, 9, 30, 15, 123456, tzinfo=dt.timezone.utc)
    frozen = dict(first.snapshot)
    frozen["meta"] = {
        **first.snapshot["meta"],
        "version": 2,
        "status": "Version 2, published 8 June 2019. Corrects version 1: Typing.",
        "issued": when.isoformat(),
    }
    hashes = format_hashes(snapshot.load(frozen), FIRST)
    version = ReportVersion.objects.create(
        report_id=first.report_id, part="report", number=2, status="published",
        reason="Typing.", drafted_by_id=first.published_by_id,
        approved_by_id=first.approved_by_id, approved_at=when, snapshot=first.version.snapshot,
    )
    ReportPublication.objects.create(
        version=version, report_id=first.report_id, part="report", number=2,
        audience=first.audience, label=first.label, title=first.title, reason="Typing.",
        snapshot=frozen, hashes=hashes, content_hash=content_hash(hashes), published_at=when,
        published_by_id=first.published_by_id, approved_by_id=first.approved_by_id,
    )

    def rows(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return sorted([str(value) for value in row] for row in cursor.fetchall())

    before_reports = rows(
        "SELECT part, number, snapshot, hashes, content_hash, published_at, label, audience "
        "FROM reports_reportpublication"
    )
    before_meetings = rows(
        "SELECT kind, number, snapshot, hashes, content_hash, published_at "
        "FROM publishing_publicationrecord"
    )

    call_command("migrate", verbosity=0)

    after_reports = rows(
        "SELECT kind, number, snapshot, hashes, content_hash, published_at, label, audience "
        "FROM publishing_publicationrecord WHERE kind IN ('panel-report', 'appendix-a')"
    )
    after_meetings = rows(
        "SELECT kind, number, snapshot, hashes, content_hash, published_at "
        "FROM publishing_publicationrecord WHERE kind NOT IN ('panel-report', 'appendix-a')"
    )
    versions = rows(
        "SELECT kind, number, status, snapshot IS NOT NULL FROM publishing_publicationversion "
        "WHERE kind IN ('panel-report', 'appendix-a')"
    )
    tables = connection.introspection.table_names()
    import io
    call_command("verify_publications", stdout=io.StringIO())
    json.dump(
        {
            "before_reports": before_reports,
            "after_reports": after_reports,
            "before_meetings": before_meetings,
            "after_meetings": after_meetings,
            "versions": versions,
            "old_tables": [
                t for t in tables if t in ("reports_reportversion", "reports_reportpublication")
            ],
        },
        sys.stdout,
    )
    """
)

KIND_OF_PART = {"report": "panel-report", "appendix-a": "appendix-a"}


def test_it_moves_an_old_workspaces_report_into_the_one_ledger_unchanged(tmp_path: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "secretariat.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite3'}",
        "SECRETARIAT_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout)

    # The rows moved with every stored value as it was: snapshots and hashes byte for byte,
    # published_at to the microsecond (the old report ledger kept them).
    moved = sorted([KIND_OF_PART[row[0]], *row[1:]] for row in found["before_reports"])
    assert found["after_reports"] == moved
    assert len(moved) == 3
    assert any(".123456" in row[5] for row in moved)
    # The meeting documents' rows are untouched; every version moved; the old tables are gone.
    assert found["after_meetings"] == found["before_meetings"]
    assert found["versions"] == [
        ["appendix-a", "1", "published", "1"],
        ["panel-report", "1", "published", "1"],
        ["panel-report", "2", "published", "1"],
    ]
    assert found["old_tables"] == []
