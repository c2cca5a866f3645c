"""Two officers creating the same meeting number at once both pass the service's check; the
database's unique constraint decides, and the loser meets the same ServiceError the check gives,
never an IntegrityError (a 500)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models import QuerySet

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import meeting_create

NUMBER = 9001


def test_it_turns_a_constraint_lost_after_the_check_into_the_services_error(db, monkeypatch):
    # As if another writer inserted number 72 between this service's check and its insert.
    real_exists = QuerySet.exists
    monkeypatch.setattr(
        QuerySet, "exists", lambda qs: False if qs.model is Meeting else real_exists(qs)
    )
    ssc = Body.objects.get(code="SSC")
    before = (Meeting.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as raised:
        meeting_create(actor=TESTS, body=ssc, number=72, date=dt.date(2019, 3, 1))
    assert raised.value.message_dict == {"number": ["SSC already has a meeting number 72."]}
    # The transaction the caller is in stays usable.
    assert (Meeting.objects.count(), AuditEvent.objects.count()) == before


def _remove_committed(reference: str) -> None:
    """The winner's rows were committed by its own connection: remove them the same way, with
    triggers off (the audit log refuses deletes) so later tests see the demo as it was."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SELECT id FROM meetings_meeting WHERE reference = %s", [reference])
        ids = [str(row[0]) for row in cursor.fetchall()]
        if ids:
            cursor.execute(
                "DELETE FROM audit_auditevent WHERE object_type = 'meetings.meeting' "
                "AND object_id = ANY(%s)",
                [ids],
            )
            cursor.execute(
                "DELETE FROM meetings_historicalmeeting WHERE reference = %s", [reference]
            )
            cursor.execute("DELETE FROM meetings_meeting WHERE reference = %s", [reference])
            # The winner's events were the audit chain's last: its head goes back to the last
            # one left, so that the chain still verifies for the tests after this one.
            cursor.execute(
                "UPDATE audit_chainhead SET count = last.chain_index, link = last.chain_link "
                "FROM (SELECT chain_index, chain_link FROM audit_auditevent "
                "WHERE chain_index IS NOT NULL ORDER BY chain_index DESC LIMIT 1) AS last "
                "WHERE name = 'audit.auditevent'"
            )


def test_it_answers_eight_concurrent_creations_with_one_meeting_and_seven_clear_errors(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    threads = 8
    barrier = threading.Barrier(threads)
    results: list[object] = []
    lock = threading.Lock()

    def create() -> None:
        try:
            ssc = Body.objects.get(code="SSC")
            barrier.wait(timeout=30)
            outcome: object = meeting_create(
                actor=TESTS, body=ssc, number=NUMBER, date=dt.date(2031, 5, 6)
            )
        except Exception as error:  # the test reports whatever each thread met
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    workers = [threading.Thread(target=create) for _ in range(threads)]
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
    finally:

        def cleanup() -> None:
            try:
                with transaction.atomic():
                    _remove_committed(f"SSC_{NUMBER}_0605")
            finally:
                connections.close_all()

        cleaner = threading.Thread(target=cleanup)
        cleaner.start()
        cleaner.join(timeout=60)

    created = [result for result in results if isinstance(result, Meeting)]
    refused = [result for result in results if isinstance(result, ServiceError)]
    assert len(results) == threads
    assert len(created) == 1, results
    assert len(refused) == threads - 1, results
    for error in refused:
        assert error.message_dict == {"number": [f"SSC already has a meeting number {NUMBER}."]}
