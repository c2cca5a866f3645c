"""The register lists one part at a time, 50 rows a page, filtered and sorted in the database;
a page costs the same queries with 5 rows or 120; filters that make no sense say so."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.assurance.models import Assessment
from secretariat.assurance.register import PER_PAGE
from secretariat.assurance.services import assessment_create, party_role_add
from secretariat.core.testing import TESTS

D = dt.date


def _add(make_party, how_many: int, *, year: int = 2019) -> list[Assessment]:
    made = []
    for index in range(how_many):
        party = make_party("small_supplier")
        party_role_add(actor=TESTS, organisation=party, role="import_supplier", since=D(2018, 1, 1))
        day = D(year, 1 + index % 12, 1 + index % 27)
        made.append(
            assessment_create(
                actor=TESTS,
                organisation=party,
                kind="vusa",
                cycle_year=2,
                fieldwork_start=day,
                fieldwork_end=day,
            )
        )
    return made


def _queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_it_pages_the_assessments_and_keeps_its_queries_flat(client_as, make_party):
    client = client_as("officer")
    _add(make_party, 5, year=2030)
    small, _ = _queries(client, "/assurance/?show=assessments&year=2030")
    _add(make_party, 115, year=2030)
    large, response = _queries(client, "/assurance/?show=assessments&year=2030")
    assert large == small
    total = response.context["total"]
    assert len(response.context["rows"]) == PER_PAGE
    assert response.context["page"].paginator.num_pages == -(-total // PER_PAGE)
    last = response.context["page"].paginator.num_pages
    _, final = _queries(client, f"/assurance/?show=assessments&year=2030&page={last}")
    assert len(final.context["rows"]) == total - PER_PAGE * (last - 1)


def test_it_filters_by_year_pseudonym_and_kind_and_sorts(client_as, make_party):
    made = _add(make_party, 3, year=2031)
    client = client_as("officer")
    response = client.get("/assurance/?year=2031&sort=oldest")
    rows = [row["record"] for row in response.context["rows"]]
    assert rows == sorted(made, key=lambda a: a.fieldwork_start)
    one = made[1].organisation.pseudonym
    response = client.get(f"/assurance/?year=2031&party='{one.lower()}'")
    assert [row["record"] for row in response.context["rows"]] == [made[1]]
    response = client.get("/assurance/?year=2031&kind=fusa")
    assert response.context["total"] == 0
    assert "No assessments to show for these filters" in response.content.decode()


def test_it_never_lists_what_the_door_hides_whatever_the_filters(client_as, make_party):
    _add(make_party, 3, year=2032)
    for persona in ("anonymous", "outsider", "absent"):
        response = client_as(persona).get("/assurance/?year=2032")
        assert response.context["total"] == 0, persona


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("show=everything", "show: 'everything' is not a part of the register"),
        ("kind=best", "kind: 'best' is not a kind of assessment"),
        ("category=pirates", "category: 'pirates' is not a party category"),
        ("party=A1", "party: 'A1' is not a pseudonym"),
        ("year=19", "year: '19' is not a year"),
        ("sort=random", "sort: 'random' is not a way to sort this list"),
    ],
)
def test_it_says_what_is_wrong_with_a_filter(client_as, query, message):
    response = client_as("officer").get(f"/assurance/?{query}&page=abc")
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())


def test_it_shows_the_letters_and_notifications_as_parts(client_as):
    client = client_as("officer")
    letters = client.get("/assurance/?show=letters")
    assert letters.context["section_title"] == "Director's Letters"
    assert all(row["record"].reference.startswith("DL-") for row in letters.context["rows"])
    notifications = client.get("/assurance/?show=notifications&sort=party")
    assert notifications.context["total"] >= 1


def test_the_due_list_plans_only_what_its_reader_may_read(client_as, make_party):
    url = "/assurance/due/?as_of=2019-06-30&all=1"
    officer, officer_page = _queries(client_as("officer"), url)
    party, party_page = _queries(client_as("party"), url)
    outsider, outsider_page = _queries(client_as("outsider"), url)
    _add(make_party, 20, year=2019)
    assert _queries(client_as("party"), url)[0] == party
    assert _queries(client_as("outsider"), url)[0] == outsider
    assert outsider < party <= officer
    assert outsider_page.context["rows"] == []
    own = {row["row"].organisation.pk for row in party_page.context["rows"]}
    assert len(own) == 1
    assert len(officer_page.context["rows"]) > len(party_page.context["rows"])
