"""The operations register's overview at twenty years: a page of incidents at a time with a
picture of them all (labelled for every incident it counts), and the measures pictured over
their latest months, with each measure's whole history on its own page."""

from __future__ import annotations

import datetime as dt
import re

from secretariat.core.testing import TESTS
from secretariat.directory.models import Body
from secretariat.operations.services import incident_record, measure_create, value_record
from secretariat.operations.views import HEATMAP_MONTHS, INCIDENTS_PER_PAGE


def _incident(reference: str, day: dt.date, label: str = "GREEN") -> None:
    incident_record(
        actor=TESTS,
        body=Body.objects.get(code="OPSG"),
        reference=reference,
        occurred_on=day,
        service="Bulk",
        duration_minutes=1,
        severity=2,
        label=label,
    )


def test_it_lists_a_page_of_incidents_and_pictures_them_all(client_as):
    # An AMBER incident long ago, then more GREEN ones than a page holds.
    _incident("MI-OLD-AMBER", dt.date(2001, 3, 5), label="AMBER")
    for number in range(INCIDENTS_PER_PAGE):
        _incident(f"MI-BULK-{number:03}", dt.date(2030, 1, 1) + dt.timedelta(days=number))
    officer = client_as("officer")
    first = officer.get("/operations/").content.decode()
    assert "MI-BULK-049" in first and "MI-OLD-AMBER" not in first
    assert 'href="?page=2" rel="next"' in first
    # The picture counts every incident, so the page is labelled for the AMBER one too.
    assert "March 2001: 1" in first
    assert re.search(r"labelled up to <span[^>]*>AMBER", first)
    second = officer.get("/operations/?page=2").content.decode()
    assert "MI-OLD-AMBER" in second and "MI-BULK-049" not in second

    # A member of the community not cleared for AMBER: neither the row nor its count.
    party = client_as("party").get("/operations/").content.decode()
    assert "March 2001" not in party and "MI-OLD-AMBER" not in party


def test_it_pictures_the_latest_months_and_keeps_the_whole_history_on_the_measure(client_as):
    measure = measure_create(
        actor=TESTS,
        body=Body.objects.get(code="OPSG"),
        code="long-history",
        name="Long history",
        target=99,
        minimum=96,
        label="WHITE",
    )
    months = [dt.date(2030 + n // 12, n % 12 + 1, 1) for n in range(HEATMAP_MONTHS + 4)]
    for month in months:
        value_record(actor=TESTS, measure=measure, month=month, value=97)
    overview = client_as("anonymous").get("/operations/").content.decode()
    assert "Long history, January 2033: 97" in overview  # the 37th month
    assert "Long history, April 2030: 97" not in overview
    page = client_as("anonymous").get("/operations/measures/long-history/").content.decode()
    assert "Long history, January 2030: 97" in page and "Long history, April 2033: 97" in page
