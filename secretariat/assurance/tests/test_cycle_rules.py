"""The cycle planner's default rules, case by case across categories, portfolios and cycle
years, under both regimes (before and after SECMP0059, 28 February 2019)."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.assurance.models import AssessmentRegime, Band
from secretariat.assurance.planner import DueState, next_due
from secretariat.assurance.services import (
    assessment_create,
    party_role_add,
    portfolio_record,
    rule_set,
)
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS

D = dt.date
ROLE = {
    "large_supplier": "import_supplier",
    "small_supplier": "import_supplier",
    "electricity_network": "electricity_distributor",
    "gas_network": "gas_transporter",
    "other_user": "other_user",
    "shared_resource_provider": "other_user",
}
AFTER_MP59 = D(2019, 6, 30)
BEFORE_MP59 = D(2018, 6, 30)

# category, portfolio (domestic, non-domestic) or None, last assessment (kind, year) or None,
# as of, expected next (kind, year)
CASES = [
    # Large portfolios take a FUSA every year; a cycle still lasts three years.
    ("large_supplier", (2_000_000, 0), ("fusa", 1), AFTER_MP59, ("fusa", 2)),
    ("large_supplier", (2_000_000, 0), ("fusa", 2), AFTER_MP59, ("fusa", 3)),
    ("large_supplier", (2_000_000, 0), ("fusa", 3), AFTER_MP59, ("fusa", 1)),
    # A Large Supplier whose portfolio shrank follows the smaller parties' cycle.
    ("large_supplier", (100_000, 0), ("fusa", 1), AFTER_MP59, ("vusa", 2)),
    # Without a snapshot the category decides.
    ("large_supplier", None, ("fusa", 1), AFTER_MP59, ("fusa", 2)),
    ("small_supplier", None, ("fusa", 1), AFTER_MP59, ("vusa", 2)),
    # Small portfolios: FUSA, VUSA, SSA, then a new cycle.
    ("small_supplier", (100_000, 0), ("fusa", 1), AFTER_MP59, ("vusa", 2)),
    ("small_supplier", (100_000, 0), ("vusa", 2), AFTER_MP59, ("ssa", 3)),
    ("small_supplier", (100_000, 0), ("ssa", 3), AFTER_MP59, ("fusa", 1)),
    # The thresholds: 250,000 domestic and 50,000 non-domestic premises, "above" when exceeded.
    ("small_supplier", (250_000, 0), ("fusa", 1), AFTER_MP59, ("vusa", 2)),
    ("small_supplier", (250_001, 0), ("fusa", 1), AFTER_MP59, ("fusa", 2)),
    ("small_supplier", (0, 50_000), ("fusa", 1), AFTER_MP59, ("vusa", 2)),
    ("small_supplier", (0, 50_001), ("fusa", 1), AFTER_MP59, ("fusa", 2)),
    # A mixed portfolio is weighed: 150,000/250,000 + 25,000/50,000 = 1.1 is above.
    ("small_supplier", (150_000, 25_000), ("fusa", 1), AFTER_MP59, ("fusa", 2)),
    ("small_supplier", (125_000, 25_000), ("fusa", 1), AFTER_MP59, ("vusa", 2)),
    # Before SECMP0059 non-domestic premises did not count.
    ("small_supplier", (0, 60_000), ("fusa", 1), BEFORE_MP59, ("vusa", 2)),
    ("small_supplier", (0, 60_000), ("fusa", 1), AFTER_MP59, ("fusa", 2)),
    # Network Parties follow the same thresholds.
    ("electricity_network", (2_400_000, 0), ("fusa", 1), AFTER_MP59, ("fusa", 2)),
    ("electricity_network", (100_000, 0), ("fusa", 1), AFTER_MP59, ("vusa", 2)),
    ("gas_network", (100_000, 0), ("vusa", 2), AFTER_MP59, ("ssa", 3)),
    # Other Users: a VUSA in year 2 since SECMP0059, an SSA before it.
    ("other_user", (0, 0), ("fusa", 1), AFTER_MP59, ("vusa", 2)),
    ("other_user", (0, 0), ("vusa", 2), AFTER_MP59, ("ssa", 3)),
    ("other_user", (0, 0), ("ssa", 3), AFTER_MP59, ("fusa", 1)),
    ("other_user", (0, 0), ("fusa", 1), BEFORE_MP59, ("ssa", 2)),
    ("other_user", (0, 0), ("ssa", 2), BEFORE_MP59, ("ssa", 3)),
    # Whatever the portfolio, a party's first assessment is a FUSA.
    ("small_supplier", (100_000, 0), None, AFTER_MP59, ("fusa", 1)),
    ("other_user", (0, 0), None, BEFORE_MP59, ("fusa", 1)),
]


def _party(make_party, category, portfolio, last, as_of):
    party = make_party(category)
    party_role_add(actor=TESTS, organisation=party, role=ROLE[category], since=D(2016, 1, 4))
    if portfolio is not None:
        portfolio_record(
            actor=TESTS,
            organisation=party,
            as_of=D(2016, 1, 1),
            domestic_premises=portfolio[0],
            non_domestic_premises=portfolio[1],
        )
    if last is not None:
        start = dt.date(as_of.year - 1, 9, 2)
        assessment_create(
            actor=TESTS,
            organisation=party,
            kind=last[0],
            cycle_year=last[1],
            fieldwork_start=start,
            fieldwork_end=start + dt.timedelta(days=4),
        )
    return party


@pytest.mark.parametrize(
    ("category", "portfolio", "last", "as_of", "expected"),
    CASES,
    ids=[f"{c}-{p}-{last}-{a.year}" for c, p, last, a, _ in CASES],
)
def test_it_plans_the_next_assessment_by_category_portfolio_and_year(
    make_party, category, portfolio, last, as_of, expected
):
    party = _party(make_party, category, portfolio, last, as_of)
    row = next_due(party, as_of)
    assert (row.kind, row.cycle_year) == expected


def test_it_makes_the_next_assessment_due_twelve_months_after_the_last_fieldwork(make_party):
    party = _party(make_party, "small_supplier", (100_000, 0), ("fusa", 1), AFTER_MP59)
    row = next_due(party, AFTER_MP59)
    assert row.due_on == D(2019, 9, 6)
    assert row.state == DueState.DUE
    later = next_due(party, D(2019, 9, 7))
    assert later.state == DueState.OVERDUE


def test_it_makes_a_first_fusa_due_when_the_party_became_a_user(make_party):
    party = _party(make_party, "small_supplier", (100_000, 0), None, AFTER_MP59)
    row = next_due(party, AFTER_MP59)
    assert (row.kind, row.due_on, row.state) == ("fusa", D(2016, 1, 4), DueState.OVERDUE)


def test_it_leaves_parties_without_a_rule_unplanned(make_party):
    party = _party(make_party, "shared_resource_provider", None, None, AFTER_MP59)
    row = next_due(party, AFTER_MP59)
    assert row.state == DueState.NO_RULE and row.kind is None
    assert "no rule for a Shared Resource Provider in year 1" in row.note


def test_it_plans_nobody_who_holds_no_user_role(make_party):
    assert next_due(make_party("small_supplier"), AFTER_MP59) is None


def test_it_follows_the_rules_as_officers_change_them(make_party):
    party = _party(make_party, "other_user", (0, 0), ("fusa", 1), AFTER_MP59)
    regime = AssessmentRegime.objects.get(valid_to__isnull=True)
    rule_set(
        actor=TESTS, regime=regime, category="other_user", band=Band.ANY, cycle_year=2, kind="ssa"
    )
    assert next_due(party, AFTER_MP59).kind == "ssa"


def test_it_refuses_a_cycle_that_does_not_start_with_a_fusa(db):
    regime = AssessmentRegime.objects.get(valid_to__isnull=True)
    with pytest.raises(ServiceError) as error:
        rule_set(
            actor=TESTS, regime=regime, category="other_user", band="any", cycle_year=1, kind="vusa"
        )
    assert error.value.message_dict == {
        "kind": ["A cycle starts with a Full User Security Assessment."]
    }
