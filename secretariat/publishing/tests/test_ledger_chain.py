"""The publication ledger's keyed chain (audit/chain.py), through `secretariat verify_publications`
on the demo's ledger: each kind of tampering by someone who can write to the database, the head
published in the feed, and on PostgreSQL the triggers that refuse UPDATE and DELETE."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from secretariat.audit.chain import head_of
from secretariat.core.models import AppendOnlyModel
from secretariat.core.testing import below_the_application
from secretariat.documents.hashing import content_hash, format_hashes
from secretariat.publishing.models import PublicationRecord
from secretariat.publishing.verification import rendered_from_record, verify_record

TABLE = PublicationRecord._meta.db_table


def _sql(sql: str, params=()) -> None:
    with below_the_application(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _verify(*args: str, reference: str = "SSC_72_2702") -> str:
    """verify_publications' complaints; fails the test if it exits 0. The chains are walked
    whole; only one meeting's versions are re-rendered, to keep the tests fast."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="mismatch"):
        call_command("verify_publications", "--reference", reference, *args, stdout=out, stderr=err)
    return err.getvalue()


def _loose(position: int = 0) -> PublicationRecord:
    """A ledger row nothing else points at (no frozen record, withdrawal or delivery), before
    the chain's last, so that deleting it leaves rows after it."""
    last = PublicationRecord.objects.order_by("-chain_index").first()
    rows = PublicationRecord.objects.filter(
        frozen__isnull=True, withdrawal__isnull=True, deliveries__isnull=True
    ).exclude(pk=last.pk)
    return rows.order_by("chain_index")[position]


def _name(record: PublicationRecord) -> str:
    return f"row {record.pk} ({record.meeting.reference} {record.kind} v{record.number})"


def test_it_finds_the_demos_ledger_whole(db):
    out = io.StringIO()
    call_command("verify_publications", stdout=out, stderr=io.StringIO())
    rows, link = head_of(PublicationRecord)
    assert rows == PublicationRecord.objects.count() > 0
    assert f"Its chain holds ({rows} rows, head {link[:16]}" in out.getvalue()


def test_it_finds_an_edited_snapshot_whose_hashes_were_recomputed(db):
    record = _loose()
    forged = json.loads(json.dumps(record.snapshot).replace("SSC", "XYZ"))
    assert forged != record.snapshot
    column = PublicationRecord._meta.get_field("snapshot")
    _sql(
        f"UPDATE {TABLE} SET snapshot = %s WHERE id = %s",
        [column.get_db_prep_value(forged, connection), record.pk],
    )
    record.refresh_from_db()
    hashes = format_hashes(rendered_from_record(record), record.renderers)
    _sql(
        f"UPDATE {TABLE} SET hashes = %s, content_hash = %s WHERE id = %s",
        [json.dumps(hashes), content_hash(hashes), record.pk],
    )
    record.refresh_from_db()
    # The plain hashes agree with the forged snapshot: only the keyed chain tells.
    assert verify_record(record) == []
    err = _verify()
    assert f"MISMATCH ledger: {_name(record)}: content_hash, hashes, snapshot changed" in err


def test_it_finds_a_deleted_row(db):
    record = _loose(1)
    place = record.chain_index
    _sql(f"DELETE FROM {TABLE} WHERE id = %s", [record.pk])
    err = _verify()
    assert "1 row(s) missing before row " in err
    assert f"places {place} to {place} of the chain were deleted" in err


def test_it_finds_a_changed_publication_date_and_publisher(db):
    dated, published = _loose(0), _loose(1)
    _sql(
        f"UPDATE {TABLE} SET published_at = %s WHERE id = %s",
        [dated.published_at.replace(year=dated.published_at.year - 1), dated.pk],
    )
    other = get_user_model().objects.exclude(pk=published.published_by_id).first()
    _sql(f"UPDATE {TABLE} SET published_by_id = %s WHERE id = %s", [other.pk, published.pk])
    err = _verify()
    assert f"{_name(dated)}: published_at changed since it was written" in err
    assert f"{_name(published)}: published_by changed since it was written" in err


def test_it_finds_two_rows_swapped_in_order(db):
    first, second = _loose(0), _loose(1)
    _sql(f"UPDATE {TABLE} SET chain_index = 0 WHERE id = %s", [first.pk])
    _sql(f"UPDATE {TABLE} SET chain_index = %s WHERE id = %s", [first.chain_index, second.pk])
    _sql(f"UPDATE {TABLE} SET chain_index = %s WHERE id = %s", [second.chain_index, first.pk])
    err = _verify()
    for record in (first, second):
        assert f"{_name(record)} is not where it was written in the chain" in err


def test_it_publishes_the_head_in_the_feed_and_checks_a_copy_of_it(db, client):
    feed = client.get("/publications/feed.atom").content.decode()
    rows, link = head_of(PublicationRecord)
    assert f'<chain:ledger-head rows="{rows}">{link}</chain:ledger-head>' in feed
    copied = re.search(r'rows="(\d+)">([0-9a-f]{64})<', feed).groups()
    call_command("verify_publications", "--head", ":".join(copied), stdout=io.StringIO())
    # The last row deleted and the head rewound to the row before: the chain alone holds, the
    # copy of the head does not.
    last = PublicationRecord.objects.get(chain_index=rows)
    before = PublicationRecord.objects.get(chain_index=rows - 1)
    for model in ("frozenrecord", "delivery", "withdrawal"):
        _sql(f"DELETE FROM publishing_{model} WHERE publication_id = %s", [last.pk])
    _sql(f"DELETE FROM {TABLE} WHERE id = %s", [last.pk])
    _sql(
        "UPDATE audit_chainhead SET count = %s, link = %s WHERE name = %s",
        [rows - 1, before.chain_link, "publishing.publicationrecord"],
    )
    ledger = [line for line in _verify("--head", ":".join(copied)).splitlines() if "ledger" in line]
    assert ledger == [
        f"MISMATCH ledger: the copied head's row {rows} is not in the chain any more"
    ], ledger


def test_it_refuses_a_head_that_is_not_one(db):
    with pytest.raises(CommandError, match="COUNT:LINK"):
        call_command("verify_publications", "--head", "twelve", stdout=io.StringIO())


postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"
)


@postgresql
@pytest.mark.parametrize(
    "statement", ["UPDATE {table} SET {column} = {column}", "DELETE FROM {table}"]
)
@pytest.mark.parametrize(
    ("table", "column"),
    [(TABLE, "title"), ("audit_auditevent", "summary"), ("publishing_frozenrecord", "record")],
)
def test_it_refuses_update_and_delete_below_the_application(db, statement, table, column):
    with (
        pytest.raises(DatabaseError, match="is append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=table, column=column))


@postgresql
def test_it_has_a_trigger_on_every_append_only_table(db):
    tables = {
        model._meta.db_table for model in apps.get_models() if issubclass(model, AppendOnlyModel)
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'secretariat_append_only'"
        )
        guarded = {row[0] for row in cursor.fetchall()}
    assert tables - guarded == set(), "append-only tables without the trigger"
