"""Index rows take their ids after the highest of their day: on PostgreSQL a writer holds the
day's lock from reading that id to its commit, so two writers indexing the same day queue
instead of inserting the same id (an IntegrityError for the second)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from secretariat.core.testing import TESTS
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.services import item_update
from secretariat.search.index import DAY_SHIFT, LOCK_SPACE
from secretariat.search.models import Entry


def _taken_elsewhere(ordinal: int) -> bool:
    """Whether another connection can take the day's lock now (it cannot while a writer holds
    it): asked without waiting."""
    answer: list[bool] = []

    def ask() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_SPACE, ordinal])
                answer.append(cursor.fetchone()[0])
        finally:
            connections.close_all()

    other = threading.Thread(target=ask)
    other.start()
    other.join(timeout=30)
    return not answer[0]


def test_it_holds_the_days_id_lock_from_the_index_write_to_the_commit(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's write transaction serialises index writers already")
    item = AgendaItem.objects.filter(meeting__reference="SSC_72_2702").order_by("number").first()
    item_update(actor=TESTS, item=item, version=item.version, summary="Indexed again, once.")
    ids = list(Entry.objects.filter(record=f"item:{item.pk}").values_list("pk", flat=True))
    assert ids
    days = {pk >> DAY_SHIFT for pk in ids}
    # Still inside the writer's transaction (the test's): each day it wrote is locked to others.
    assert all(_taken_elsewhere(day) for day in days)
