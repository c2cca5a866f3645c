"""The public portal: one line per public document, its earlier versions linked, in a fixed
number of queries however many documents a year holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.publishing.services import publication_issue
from secretariat.publishing.tests.support import build_meeting

# The span of years, then the year's documents with their meetings and bodies.
ANONYMOUS_BUDGET = 2


def _publish(meeting, user_of, reason=""):
    return publication_issue(
        actor=user_of("officer"),
        approver=user_of("chair"),
        meeting=meeting,
        kind="headlines",
        reason=reason,
    )


def _portal(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/publications/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_it_lists_each_document_once_with_its_versions_in_fixed_queries(user_of, client_as):
    anonymous = client_as("anonymous")
    first, _ = build_meeting({"items": [{"title": "Open item"}]}, number=901)
    _publish(first, user_of)
    _, before = _portal(anonymous)
    assert before <= ANONYMOUS_BUDGET

    later = [
        build_meeting({"items": [{"title": "Open item"}]}, number=902 + n, date=day)[0]
        for n, day in enumerate((dt.date(2019, 6, 12), dt.date(2019, 7, 10)))
    ]
    for meeting in later:
        _publish(meeting, user_of)
    _publish(later[0], user_of, reason="A correction.")  # version 2

    page, after = _portal(anonymous)
    assert after == before, "the portal's queries grew with its documents"
    base = f"/meetings/{later[0].reference}/headlines"
    line = next(line for line in page.splitlines() if f'href="{base}"' in line)
    assert f"{later[0].reference} – SSC Meeting Headlines</a> — 12 June 2019" in line
    following = page[page.index(line) :].split("</li>")[0]
    assert "version 2" in following
    assert f'(earlier: <a href="{base}?version=1">1</a>)' in following
    assert f'<a href="{base}.pdf">PDF</a>' in following
    # Newest meeting first, each document listed once.
    newest_first = (later[1], later[0], first)
    positions = [page.index(f'href="/meetings/{m.reference}/headlines"') for m in newest_first]
    assert positions == sorted(positions)
    assert page.count(f'href="{base}"') == 1
