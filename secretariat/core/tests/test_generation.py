"""The database's generation (core/generation.py): every table but the excluded carries its
trigger, every write moves it, a rolled-back write leaves no key behind that a later state
could share, and what is excluded moves nothing."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction

from secretariat.core import generation
from secretariat.directory.models import Body, Person

pytestmark = pytest.mark.django_db


def _every_table() -> set[str]:
    return set(connection.introspection.table_names())


def test_every_table_is_watched_or_excluded_with_a_reason():
    watched = generation.watched()
    missing = sorted(set(generation.tables()) - watched)
    assert not missing, f"tables without the generation's trigger: {missing}"
    # Each exclusion names a table that exists, with its reason: none left behind by a rename.
    assert set(generation.EXCLUDED) <= _every_table()
    assert all(reason.strip() for reason in generation.EXCLUDED.values())
    # Every table a meeting's record is built from is among the watched.
    for table in (
        "meetings_meeting",
        "meetings_agendaitem",
        "meetings_outcome",
        "meetings_attendance",
        "meetings_attendance_items_heard",
        "meetings_paper_distribution",
        "actions_action",
        "directory_membership",
        "directory_person",
        "directory_organisation",
        "labels_stocksentence",
    ):
        assert table in watched


def test_a_write_to_any_watched_table_moves_the_generation():
    before = generation.current()
    body = Body.objects.order_by("pk").first()
    Body.objects.filter(pk=body.pk).update(name=body.name + " (renamed)")
    after = generation.current()
    assert before is not None and after is not None and after != before
    Person.objects.filter(pk=-1).delete()  # a statement that finds nothing may move it too
    again = generation.current()
    Body.objects.filter(pk=body.pk).update(name=body.name)
    assert generation.current() not in (before, after, again)


def test_a_session_written_moves_nothing():
    before = generation.current()
    session = SessionStore()
    session["seen"] = True
    session.save()
    assert generation.current() == before


def test_a_rolled_back_write_leaves_no_key_a_later_state_shares():
    body = Body.objects.order_by("pk").first()
    start = generation.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Body.objects.filter(pk=body.pk).update(name="Rolled back")
        rolled_back = generation.current()
        raise RuntimeError
    assert generation.current() == start
    Body.objects.filter(pk=body.pk).update(name="Kept")
    assert generation.current() not in (start, rolled_back)


def test_migrate_remakes_a_lost_trigger():
    table = "meetings_agendaitem"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER secretariat_generation ON {table}")
        else:
            cursor.execute(f'DROP TRIGGER "secretariat_generation_update_{table}"')
    assert table not in generation.watched()
    generation.install()
    assert table in generation.watched()


def test_without_its_row_the_generation_is_unknown():
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {generation.SQLITE_ROW}")
    assert generation.current() is None
    generation.install()
    assert generation.current() is not None


def test_a_sign_in_moves_nothing(client_as):
    before = generation.current()
    client_as("present")
    assert generation.current() == before


def test_an_account_changed_beyond_its_sign_in_time_moves_it(user_of):
    user = user_of("present")
    before = generation.current()
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert generation.current() != before
