"""The operations register: ratings and streaks computed from the levels and values, the seeds'
facts on its pages, the officers' forms, canaries kept from readers not cleared for them, and
query counts that do not grow with the register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.audit.models import AuditEvent
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body
from secretariat.operations import measures
from secretariat.operations.models import Measure, Rating
from secretariat.operations.services import (
    incident_record,
    issue_raise,
    measure_create,
    owed_report_create,
    streak_rule_set,
    value_record,
)

MAY = dt.date(2019, 5, 31)


def test_it_rates_each_month_from_the_levels():
    measure = Measure(target=Decimal("99"), minimum=Decimal("96"), higher_is_better=True)
    assert [measure.rating(Decimal(v)) for v in ("99", "96.5", "95.9")] == [
        Rating.GREEN,
        Rating.AMBER,
        Rating.RED,
    ]
    lower = Measure(target=Decimal("2"), minimum=Decimal("5"), higher_is_better=False)
    assert [lower.rating(Decimal(v)) for v in ("1", "4", "6")] == [
        Rating.GREEN,
        Rating.AMBER,
        Rating.RED,
    ]


def test_it_counts_the_ota_measures_five_months_and_follows_a_corrected_value(db):
    ota = Measure.objects.prefetch_related("values").get(code="ota-firmware")
    assert measures.streak(ota, MAY).length == 5
    value_record(actor=TESTS, measure=ota, month=dt.date(2019, 2, 1), value="99.5")
    ota = Measure.objects.prefetch_related("values").get(code="ota-firmware")
    assert measures.streak(ota, MAY).length == 2
    assert AuditEvent.objects.filter(verb="operations.value_correct").exists()


def test_it_reports_a_streak_by_the_rule_in_force(db):
    found = Measure.objects.prefetch_related("values")
    assert [s.measure.code for s in measures.reportable_streaks(found, MAY)] == ["ota-firmware"]
    streak_rule_set(actor=TESTS, valid_from=dt.date(2019, 1, 1), months=6)
    assert measures.reportable_streaks(found, MAY) == []


def test_it_shows_the_heatmap_with_a_text_alternative(client_as):
    text = client_as("present").get("/operations/measures/ota-firmware/").content.decode()
    assert "<svg" in text and 'role="img"' in text and "<desc" in text
    assert "5 consecutive months at AMBER or worse" in text


def test_it_lets_an_officer_record_an_incident_through_the_form(client_as):
    response = client_as("officer").post(
        "/operations/new/incident/",
        {
            "body": Body.objects.get(code="OPSG").pk,
            "reference": "MI-2019-06-01",
            "occurred_on": "2019-06-02",
            "service": "A test service",
            "duration_minutes": "30",
            "severity": "2",
            "label": "AMBER",
        },
    )
    assert response.status_code == 302
    assert "MI-2019-06-01" in client_as("officer").get("/operations/").content.decode()


def test_it_refuses_a_minimum_on_the_wrong_side_naming_the_field(client_as):
    response = client_as("officer").post(
        "/operations/new/measure/",
        {
            "body": Body.objects.get(code="OPSG").pk,
            "code": "x",
            "name": "X",
            "target": "90",
            "minimum": "95",
            "higher_is_better": "on",
            "label": "GREEN",
        },
    )
    assert response.status_code == 400
    assert "minimum: The minimum level lies on the worse side" in response.content.decode()


@pytest.fixture
def canaries(db):
    opsg = Body.objects.get(code="OPSG")
    incident_record(
        actor=TESTS,
        body=opsg,
        reference="MI-CANARY",
        occurred_on=MAY,
        service="CANARY-SERVICE",
        duration_minutes=1,
        severity=1,
        summary="CANARY-SUMMARY",
        label="RED",
    )
    issue_raise(
        actor=TESTS,
        body=Body.objects.get(code="DQSG"),
        reference="DQ-CANARY",
        title="CANARY-ISSUE",
        raised_on=MAY,
        priority=1,
    )
    owed_report_create(actor=TESTS, body=opsg, title="CANARY-OWED", asked_on=MAY, due_on=MAY)
    measure_create(
        actor=TESTS,
        body=opsg,
        code="canary",
        name="CANARY-MEASURE",
        target=1,
        minimum=0,
        label="AMBER",
    )


@pytest.mark.parametrize("persona", ["chair", "present", "party", "panel", "outsider", "anonymous"])
def test_it_keeps_every_canary_from_readers_not_cleared(canaries, client_as, persona):
    client = client_as(persona)
    for url in ("/operations/", "/api/operations", "/meetings/OPSG_32_1405/"):
        text = client.get(url).content.decode()
        assert "CANARY" not in text, (persona, url)
    assert client.get("/operations/incidents/MI-CANARY/").status_code == 404
    assert client.get("/operations/issues/DQ-CANARY/").status_code == 404
    assert client.get("/operations/measures/canary/").status_code == 404


def test_it_shows_the_canaries_to_the_officer(canaries, client_as):
    text = client_as("officer").get("/operations/").content.decode()
    assert all(word in text for word in ("CANARY-SERVICE", "CANARY-ISSUE", "CANARY-OWED"))


def _grow(count: int, start: int) -> None:
    opsg = Body.objects.get(code="OPSG")
    for number in range(start, start + count):
        incident_record(
            actor=TESTS,
            body=opsg,
            reference=f"MI-BULK-{number}",
            occurred_on=MAY,
            service="Bulk",
            duration_minutes=1,
            severity=2,
            label="GREEN",
        )
        measure = measure_create(
            actor=TESTS, body=opsg, code=f"bulk-{number}", name="Bulk", target=99, minimum=96
        )
        value_record(actor=TESTS, measure=measure, month=MAY, value=97)


@pytest.mark.parametrize("url", ["/operations/", "/api/operations"])
def test_it_keeps_the_query_count_flat_with_register_size(client_as, url):
    client = client_as("officer")
    _grow(2, 100)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(20, 200)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
