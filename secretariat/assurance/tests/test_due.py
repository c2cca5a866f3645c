"""What is due and overdue, on the page and from the command line, through the one door."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command


def _run(*args, stderr=None) -> str:
    out = io.StringIO()
    call_command("assurance_due", *args, stdout=out, stderr=stderr or io.StringIO())
    return out.getvalue()


def test_it_lists_what_is_due_and_overdue_on_a_date(db):
    output = _run("--as-of", "2019-06-30")
    lines = output.splitlines()
    assert lines[0] == "Assessments due as of 30 June 2019 (window 90 days):"
    assert lines[1].split() == [
        "OVERDUE",
        "20",
        "Jun",
        "2019",
        "FUSA",
        "(year",
        "2)",
        "Gas",
        "Network",
        "Party",
        "'A'",
    ]
    assert lines[2].split()[:7] == ["DUE", "19", "Sep", "2019", "FUSA", "(year", "2)"]
    assert "Large Supplier 'A'" in lines[2]
    assert len(lines) == 3
    assert "Northmoor" not in output


def test_it_warns_when_the_register_ends_long_before_the_day_it_plans_as_of(db):
    warning = io.StringIO()
    output = _run("--as-of", "2026-12-01", stderr=warning)
    assert output.startswith("Assessments due as of 01 December 2026")
    assert warning.getvalue().startswith(
        "Warning: the register's records end on 01 January 2020, 2,526 days before "
        "01 December 2026 (--as-of)"
    )
    assert "Give --as-of YYYY-MM-DD" in warning.getvalue()
    quiet = io.StringIO()
    _run("--as-of", "2019-06-30", stderr=quiet)
    assert quiet.getvalue() == ""


def test_it_lists_every_user_with_all(db):
    output = _run("--as-of", "2019-06-30", "--all")
    assert "UPCOMING  10 Apr 2020  SSA (year 3)     Small Supplier 'AG'" in output
    # A year later Greyfell serves more than the weighed thresholds: its year 3 is a FUSA.
    later = _run("--as-of", "2020-03-01", "--all")
    assert "FUSA (year 3)    Small Supplier 'AG'" in later


def test_it_lists_only_what_the_named_user_may_see(db):
    output = _run("--as-of", "2019-06-30", "--all", "--as", "party")
    lines = output.splitlines()[1:]
    assert len(lines) == 1
    assert "SSA (year 3)" in lines[0] and "Brightwater Supply Ltd" in lines[0]
    assert _run("--as-of", "2019-06-30", "--all", "--as", "outsider").splitlines()[1:] == [
        "  Nothing due."
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "30/06/2019"), "--as-of '30/06/2019' is not a date: write it as YYYY-MM-DD."),
        (("--window", "-1"), "--window -1 must be 0 or more days."),
        (("--as", "nobody"), "--as 'nobody': there is no such user."),
    ],
)
def test_it_refuses_bad_arguments_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError) as error:
        _run(*args)
    assert str(error.value) == message


def test_it_shows_the_officer_every_due_party_on_the_page(client_as):
    response = client_as("officer").get("/assurance/due/?as_of=2019-06-30")
    parties = [row["party"] for row in response.context["rows"]]
    assert parties == [
        "Eastline Gas Networks (Gas Network Party 'A')",
        "Northmoor Energy Ltd (Large Supplier 'A')",
    ]
    assert "Overdue" in response.content.decode()


def test_it_shows_a_party_only_its_own_row(client_as):
    response = client_as("party").get("/assurance/due/?as_of=2019-06-30&all=1")
    assert [row["party"] for row in response.context["rows"]] == [
        "Brightwater Supply Ltd (Small Supplier 'AA')"
    ]


def test_it_answers_a_bad_date_with_a_message_and_no_rows(client_as):
    response = client_as("officer").get("/assurance/due/?as_of=yesterday")
    assert response.status_code == 400
    assert response.context["rows"] == []
    assert "as_of: &#x27;yesterday&#x27; is not a date; write it as YYYY-MM-DD." in (
        response.content.decode()
    )


# What `assurance_due --all --as <persona>` lists on 30 June 2019: each party's row reaches the
# secretariat and the party's own users. The command has no anonymous form: it runs as an
# operator, or as a named user.
CLI_SEES = {
    "officer": 16,
    "chair": 0,
    "present": ["Northmoor Energy Ltd"],
    "absent": 0,
    "party": ["Brightwater Supply Ltd"],
    "panel": ["Harbourline Power plc"],
    "outsider": 0,
}


@pytest.mark.parametrize(("persona", "expected"), CLI_SEES.items())
def test_it_lists_for_each_persona_only_the_rows_it_may_see(db, persona, expected):
    lines = _run("--as-of", "2019-06-30", "--all", "--as", persona).splitlines()[1:]
    if expected == 0:
        assert lines == ["  Nothing due."]
    elif isinstance(expected, int):
        assert len(lines) == expected
    else:
        assert len(lines) == len(expected)
        for line, name in zip(lines, expected, strict=True):
            assert name in line
