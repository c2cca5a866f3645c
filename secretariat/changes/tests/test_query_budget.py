"""The register's pages ask the database a number of times that does not grow with the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.changes.models import Release, Stage
from secretariat.changes.services import change_raise, change_update, stage_enter
from secretariat.core.testing import TESTS


def _add(count: int, start: int) -> None:
    release = Release.objects.get(name="june-2020")
    stage = Stage.objects.get(key="development")
    for number in range(start, start + count):
        change = change_raise(
            actor=TESTS,
            reference=f"DP{number}",
            title=f"Bulk {number}",
            raised_on=dt.date(2019, 7, 1),
        )
        change_update(actor=TESTS, change=change, release=release)
        stage_enter(actor=TESTS, change=change, stage=stage, entered_on=dt.date(2019, 7, 1))


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/changes/", "/changes/releases/june-2020/", "/api/changes", "/changes/DP075/"]
)
@pytest.mark.parametrize("persona", ["officer", "anonymous"])
def test_it_keeps_the_query_count_flat_with_register_size(client_as, url, persona):
    client = client_as(persona)
    _add(3, 800)
    small = _queries(client, url)
    _add(30, 810)
    assert _queries(client, url) == small
