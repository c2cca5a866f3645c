"""SSC_72's Minutes and Confidential Minutes as the seed has them: who may open each, what each
reader receives of the Confidential Minutes (frozen once, projected per reader), the record of
every delivery, and verification of the frozen record."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from secretariat.core.testing import below_the_application
from secretariat.publishing.access_matrix import AMBER_RECORD, RED_RECORD
from secretariat.publishing.models import Delivery, FrozenRecord, PublicationRecord
from secretariat.publishing.verification import verify_record

SSC72 = "/meetings/SSC_72_2702"

TABLE = {
    # persona: (Minutes, Confidential Minutes, AMBER record in it, RED record in it)
    "anonymous": (404, 404, False, False),
    "party": (404, 404, False, False),
    "outsider": (404, 404, False, False),
    "panel": (404, 404, False, False),
    "absent": (200, 200, True, False),
    "present": (200, 200, True, True),
    "chair": (200, 200, True, True),
    "officer": (200, 200, True, True),
}


@pytest.mark.parametrize("persona", TABLE)
def test_it_answers_the_ssc72_table(client_as, persona):
    minutes, confidential, amber, red = TABLE[persona]
    client = client_as(persona)
    assert client.get(f"{SSC72}/minutes").status_code == minutes
    response = client.get(f"{SSC72}/confidential-minutes.md")
    assert response.status_code == confidential
    text = response.content.decode()
    assert (AMBER_RECORD in text) is amber
    assert (RED_RECORD in text) is red


def test_it_records_each_delivery_with_the_hash_of_what_was_received(client_as, user_of):
    record = PublicationRecord.objects.get(
        meeting__reference="SSC_72_2702", kind="confidential-minutes"
    )
    client_as("absent").get(f"{SSC72}/confidential-minutes.md")
    client_as("present").get(f"{SSC72}/confidential-minutes.pdf")
    absent = Delivery.objects.get(publication=record, reader=user_of("absent"))
    present = Delivery.objects.get(publication=record, reader=user_of("present"))
    assert (absent.format, absent.label) == ("md", 2)
    assert (present.format, present.label) == ("pdf", 3)
    assert absent.projection_hash != present.projection_hash
    # A reader refused gets nothing delivered.
    client_as("party").get(f"{SSC72}/confidential-minutes.md")
    assert not Delivery.objects.filter(reader=user_of("party")).exists()


def test_it_verifies_the_frozen_record_and_notices_a_change(db):
    record = PublicationRecord.objects.get(
        meeting__reference="SSC_72_2702", kind="confidential-minutes"
    )
    assert verify_record(record) == []
    kept = FrozenRecord.objects.get(publication=record)
    changed = dict(kept.record, title="Something else")
    # Append-only through the ORM: a tamperer writes the table directly.
    with below_the_application(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {FrozenRecord._meta.db_table} SET record = %s WHERE id = %s",
            [json.dumps(changed), kept.pk],
        )
    assert verify_record(record) == ["its frozen record does not match its hash"]
