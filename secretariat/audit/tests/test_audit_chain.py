"""The audit log's keyed chain, through `secretariat verify_audit` on the demo's log: an edited
event, a deleted one, a changed date or actor, two swapped, and a key other than the one it was
written with."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from secretariat.audit.models import AuditEvent
from secretariat.audit.services import audit_record
from secretariat.core.testing import TESTS, below_the_application

TABLE = AuditEvent._meta.db_table


def _sql(sql: str, params=()) -> None:
    with below_the_application(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _verify() -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="does not hold"):
        call_command("verify_audit", stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def _events(count: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("chain_index")[5 : 5 + count])


def _name(event: AuditEvent) -> str:
    return f"row {event.pk} ({event.verb} {event.object_type}:{event.object_id})"


def test_it_finds_the_demos_audit_log_whole(db):
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert f"{AuditEvent.objects.count()} audit events hold in their chain" in out.getvalue()


def test_it_finds_an_edited_event(db):
    (event,) = _events(1)
    _sql(f"UPDATE {TABLE} SET summary = %s WHERE id = %s", ["Nothing happened", event.pk])
    assert f"MISMATCH audit log: {_name(event)}: summary changed since it was written" in _verify()


def test_it_finds_a_deleted_event(db):
    (event,) = _events(1)
    _sql(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
    err = _verify()
    place = event.chain_index
    assert f"places {place} to {place} of the chain were deleted" in err


def test_it_finds_a_changed_date_and_actor(db):
    dated, acted = _events(2)
    _sql(f"UPDATE {TABLE} SET at = %s WHERE id = %s", [dated.at.replace(year=2001), dated.pk])
    other = get_user_model().objects.exclude(pk=acted.actor_id).first()
    _sql(
        f"UPDATE {TABLE} SET actor_id = %s, actor_name = %s WHERE id = %s",
        [other.pk, other.username, acted.pk],
    )
    err = _verify()
    assert f"{_name(dated)}: at changed since it was written" in err
    assert f"{_name(acted)}: actor, actor_name changed since it was written" in err


def test_it_finds_two_events_swapped(db):
    first, second = _events(2)
    _sql(f"UPDATE {TABLE} SET chain_index = 0 WHERE id = %s", [first.pk])
    _sql(f"UPDATE {TABLE} SET chain_index = %s WHERE id = %s", [first.chain_index, second.pk])
    _sql(f"UPDATE {TABLE} SET chain_index = %s WHERE id = %s", [second.chain_index, first.pk])
    err = _verify()
    assert f"{_name(first)} is not where it was written" in err
    assert f"{_name(second)} is not where it was written" in err


def test_it_finds_every_event_changed_under_another_key(db, settings):
    settings.SECRETARIAT_CHAIN_KEY = "another key, as a forger without the real one would use"
    assert "changed since it was written" in _verify()


def test_it_links_a_new_event_after_the_last(db):
    before = AuditEvent.objects.order_by("-chain_index").first()
    event = audit_record(actor=TESTS, verb="tests.chain", obj=before, summary="A new event")
    assert event.chain_index == before.chain_index + 1
    assert AuditEvent.objects.get(pk=event.pk).chain_link == event.chain_link
    call_command("verify_audit", stdout=io.StringIO())
