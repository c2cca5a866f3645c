"""The period's register read once (`PeriodRegister`) answers as the per-question selectors do,
for every kind and every month of the period, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.assurance import selectors
from secretariat.assurance.period import PeriodRegister
from secretariat.reports.periods import add_months, month_end


def _months(start: dt.date, end: dt.date):
    month = start
    while month <= end:
        yield month, min(month_end(month), end)
        month = add_months(month, 1)


def _same_answers(start: dt.date, end: dt.date) -> int:
    facts = PeriodRegister(start, end)
    asked = 0
    for first, last in [(start, end), *_months(start, end)]:
        for kind in selectors.COUNT_KINDS:
            counted = selectors.status_counts(kind, first, last)
            assert facts.status_counts(kind, first, last) == counted, (kind, first, last)
            assert facts.total(kind, first, last) == counted.total
            asked += 1
        assert facts.decisions_for_period(first, last) == selectors.decisions_for_period(
            first, last
        )
        assert facts.letters_for_period(first, last) == selectors.letters_for_period(first, last)
    return asked


@pytest.mark.django_db
def test_it_answers_as_the_selectors_do_for_the_demo():
    assert _same_answers(dt.date(2019, 1, 1), dt.date(2019, 6, 30)) > 30


@pytest.mark.django_db
def test_it_answers_as_the_selectors_do_for_a_generated_register():
    call_command(
        "generate_archive",
        "--years",
        "2",
        "--until",
        "2016",
        "--bodies",
        "SSC",
        stdout=io.StringIO(),
    )
    assert selectors.status_counts("vusa", dt.date(2015, 1, 1), dt.date(2016, 12, 31)).total
    _same_answers(dt.date(2015, 1, 1), dt.date(2016, 12, 31))


@pytest.mark.django_db
def test_it_reads_the_period_in_four_queries_whatever_it_is_asked():
    facts = PeriodRegister(dt.date(2019, 1, 1), dt.date(2019, 6, 30))
    with CaptureQueriesContext(connection) as queries:
        for first, last in _months(facts.start, facts.end):
            for kind in selectors.COUNT_KINDS:
                facts.status_counts(kind, first, last)
            facts.decisions_for_period(first, last)
            facts.letters_for_period(first, last)
    assert len(queries) == 4


@pytest.mark.django_db
def test_its_totals_read_no_agenda_links():
    # The report's count sentences state totals only: the decisions, letters and notifications.
    facts = PeriodRegister(dt.date(2019, 1, 1), dt.date(2019, 6, 30))
    with CaptureQueriesContext(connection) as queries:
        for first, last in _months(facts.start, facts.end):
            for kind in selectors.COUNT_KINDS:
                facts.total(kind, first, last)
    assert len(queries) == 3
    assert not any("assurance_agendalink" in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_it_refuses_a_slice_outside_what_it_read():
    facts = PeriodRegister(dt.date(2019, 4, 1), dt.date(2019, 5, 31))
    with pytest.raises(ValueError, match="outside the period read"):
        facts.status_counts("vusa", dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    with pytest.raises(ValueError, match="not a kind"):
        facts.status_counts("nonsense", dt.date(2019, 4, 1), dt.date(2019, 4, 30))
