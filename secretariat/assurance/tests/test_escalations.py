"""Non-compliances the SSC referred to the Panel, for the report's confidential Appendix A: the
real name only for those cleared for it."""

from __future__ import annotations

import datetime as dt

from secretariat.assurance.selectors import (
    decisions_for_period,
    escalations_for_period,
    letters_for_period,
)
from secretariat.documents.labelled import Document, Row, Section, Table, Text, project
from secretariat.labels.models import Label
from secretariat.meetings.readers import reader_for

D = dt.date
MAY = (D(2019, 5, 1), D(2019, 5, 31))


def test_it_collects_the_non_compliances_referred_in_may_2019(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        rows = escalations_for_period(*MAY, today=D(2019, 6, 7))
    assert [(row.public_name, row.meeting_reference) for row in rows] == [
        ("Other User 'M'", "SSC_77_0805"),
        ("Other User 'N'", "SSC_78_2205"),
    ]
    n = rows[1]
    assert n.assessment_abbreviation == "VUSA"
    assert n.assessment_type == "Verification User Security Assessment"
    assert (n.status_kind, n.status, n.status_set_on) == (
        "Compliance Status",
        "Non-compliant",
        D(2019, 5, 22),
    )
    assert [(nc.obligation, nc.severity, nc.plan_state) for nc in n.non_compliances] == [
        ("G3.2(a)", "High", "Agreed"),
        ("G6.3", "High", "Proposed"),
    ]
    assert n.label == Label.RED
    assert escalations_for_period(D(2019, 4, 1), D(2019, 4, 30)) == []


def test_it_flags_overdue_plans_as_of_the_day_asked(db):
    rows = escalations_for_period(*MAY, today=D(2019, 8, 1))
    assert [nc.plan_overdue for nc in rows[1].non_compliances] == [True, False]


def _appendix(rows) -> Document:
    return Document(
        kind="appendix",
        title="Appendix A",
        sections=(
            Section(
                heading=Text("User Security Assessments — Identified Non-Compliances"),
                blocks=(
                    Table(
                        ("Party", "Assessment", "Status"),
                        tuple(
                            Row(
                                (
                                    row.party_text,
                                    Text(row.assessment_abbreviation),
                                    Text(row.status),
                                ),
                                row.label,
                                row.scope,
                            )
                            for row in rows
                        ),
                    ),
                ),
            ),
        ),
    )


def _cells(user) -> list[tuple[str, ...]]:
    projected = project(_appendix(escalations_for_period(*MAY)), reader_for(user))
    table = projected.sections[0].blocks[0]
    return [tuple(cell.text for cell in row.cells) for row in table.rows]


def test_it_shows_the_real_name_only_to_those_cleared_for_red(user_of):
    assert _cells(user_of("officer")) == [
        ("Quayside Metering Ltd", "VUSA", "Compliant, subject to remediation"),
        ("Brookvale Data Services Ltd", "VUSA", "Non-compliant"),
    ]
    # Present at SSC_77 and SSC_78: the rows, by pseudonym.
    assert _cells(user_of("present")) == [
        ("Other User 'M'", "VUSA", "Compliant, subject to remediation"),
        ("Other User 'N'", "VUSA", "Non-compliant"),
    ]
    for persona in ("absent", "party", "panel", "outsider"):
        assert _cells(user_of(persona)) == []
    rows = escalations_for_period(*MAY)
    assert rows[0].party_name(reader_for(user_of("officer"))) == "Quayside Metering Ltd"
    assert rows[0].party_name(reader_for(user_of("present"))) == "Other User 'M'"


def test_it_lists_the_statuses_and_letters_of_a_period(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        decisions = decisions_for_period(*MAY, kind="vusa")
    assert [d.public_name for d in decisions] == [
        "Small Supplier 'AF'",
        "Small Supplier 'AG'",
        "Other User 'M'",
        "Small Supplier 'AH'",
        "Other User 'N'",
    ]
    assert {d.label for d in decisions} == {Label.RED}
    letters = letters_for_period(D(2019, 4, 1), D(2019, 4, 30))
    assert [(letter.public_name, letter.meeting_reference) for letter in letters] == [
        ("Small Supplier 'AE'", "SSC_75_1004"),
        ("Small Supplier 'B'", "SSC_76_2404"),
    ]
