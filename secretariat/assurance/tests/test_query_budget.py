"""Each page reads in a fixed number of queries, however many records the register holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.assurance.services import (
    agenda_place,
    assessment_create,
    noncompliance_add,
    party_role_add,
    plan_add,
    status_decide,
)
from secretariat.core.testing import TESTS

D = dt.date
BUDGETS = {
    "/assurance/": 11,
    "/assurance/due/?as_of=2019-06-30&all=1": 12,
    "/assurance/meetings/SSC_72_2702/": 9,
}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _grow(make_party, make_meeting, how_many: int) -> None:
    meeting = make_meeting(D(2019, 7, 10))
    for _ in range(how_many):
        party = make_party("small_supplier")
        party_role_add(actor=TESTS, organisation=party, role="import_supplier", since=D(2018, 1, 1))
        assessment = assessment_create(
            actor=TESTS,
            organisation=party,
            kind="fusa",
            cycle_year=1,
            fieldwork_start=D(2019, 6, 3),
            fieldwork_end=D(2019, 6, 7),
        )
        finding = noncompliance_add(
            actor=TESTS, assessment=assessment, obligation="G4.1", description="x", severity="low"
        )
        plan_add(
            actor=TESTS,
            non_compliance=finding,
            description="y",
            start_on=D(2019, 7, 1),
            due_on=D(2019, 8, 1),
        )
        agenda_place(actor=TESTS, meeting=meeting, record=assessment)
        status_decide(actor=TESTS, assessment=assessment, meeting=meeting, status="Approved")


@pytest.mark.parametrize("url", BUDGETS)
@pytest.mark.parametrize("persona", ["officer", "present", "party"])
def test_it_reads_each_list_in_a_fixed_number_of_queries(
    client_as, make_party, make_meeting, url, persona
):
    client = client_as(persona)
    before = _queries(client, url)
    assert before <= BUDGETS[url]
    _grow(make_party, make_meeting, 6)
    assert _queries(client, url) == before


def test_it_reads_an_assessment_page_within_its_budget(
    client_as, demo_assessment, django_assert_max_num_queries
):
    client = client_as("present")
    url = f"/assurance/assessments/{demo_assessment('OUN-19').pk}/"
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
