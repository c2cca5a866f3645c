"""The meeting page runs the same number of queries however many items the meeting has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.meetings.tests.factories import make_meeting
from secretariat.publishing import cache as records

# The page's own 15, one query for each register beyond assurance that links its items
# (secretariat/meetings/links.py: the change and operations registers), whatever their size,
# and the database's generation (publishing/cache.py), when the meeting is read afresh.
BUDGET = 18
# Read again with nothing written since: the record, its projection, the reader's answers, the
# register links and the account (user, person, memberships: directory/backends.py) come from
# memory; the session (the generation read with it), the second factor's device, the generation
# (for the record), the meeting and its documents.
WARM_BUDGET = 5


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["officer", "present", "absent", "anonymous"])
def test_it_runs_a_constant_number_of_queries_with_5_and_100_items(client_as, persona):
    small = make_meeting(number=901, items=5)
    large = make_meeting(number=902, items=100)
    client = client_as(persona)
    client.get("/")  # warm the session
    records.clear()
    few = _queries(client, f"/meetings/{small.reference}/")
    many = _queries(client, f"/meetings/{large.reference}/")
    assert few == many, f"{persona}: {few} queries with 5 items, {many} with 100"
    assert many <= BUDGET
    warm_few = _queries(client, f"/meetings/{small.reference}/")
    warm_many = _queries(client, f"/meetings/{large.reference}/")
    assert warm_few == warm_many <= WARM_BUDGET, (persona, warm_few, warm_many)
