"""Appendix A: the register's decisions and referrals of the period, and the highlights too
restricted for the report's body.

Every fragment is labelled as in the register (RED by default) and scoped to the appendix's named
distribution (reports/appendix.py): the SSC's referral of a non-compliance to the Panel, and the
report's pointer to "details in confidential Appendix A", are what bring these facts before the
people the paper is sent to. A party's
real name keeps its own label and scope (the party's), so it reaches only readers the one door
clears for it, exactly as `party_name(viewer, organisation)` answers; everyone else reads its
pseudonym.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from secretariat.assurance import selectors as register
from secretariat.assurance.period import PeriodRegister
from secretariat.documents.labelled import Document, Paragraph, Row, Section, Table, Text
from secretariat.documents.text import long_date
from secretariat.labels.access import Scope
from secretariat.labels.models import Label, highest
from secretariat.reports.compiler.pieces import group_pieces, section_body
from secretariat.reports.periods import Period

APPENDIX_LABEL = Label.RED


def _cell(text: str, label, scope: Scope) -> Text:
    return Text(text, Label(label), scope)


def _findings(escalations) -> list[str]:
    return [
        f"{nc.obligation} ({nc.severity}): {nc.description} Referred at "
        f"{escalation.meeting_reference}. Remediation: {nc.plan_state}"
        + (f", due {long_date(nc.plan_due_on)}" if nc.plan_due_on else "")
        + (" (overdue)" if nc.plan_overdue else "")
        + "."
        for escalation in escalations
        for nc in escalation.non_compliances
    ]


def assessment_rows(period: Period, scope: Scope, today: dt.date, facts) -> tuple[Row, ...]:
    """One row per assessment whose status the SSC set in the period, or whose non-compliances
    it referred to the Panel, with the status set and the non-compliances referred. `facts`:
    the period's register, read once for the compile (`PeriodRegister`)."""
    decisions: dict[int, register.Decision] = {}
    for made in facts.decisions_for_period(period.start, period.end):
        decisions[made.assessment_id] = made  # the last of the period
    escalated: dict[int, list] = defaultdict(list)
    for escalation in facts.escalations_for_period(period.start, period.end, today=today):
        escalated[escalation.assessment_id].append(escalation)

    def when(pk: int):
        return (
            decisions[pk].effective_from if pk in decisions else escalated[pk][0].referred_on,
            pk,
        )

    rows = []
    for assessment_id in sorted(set(decisions) | set(escalated), key=when):
        decision = decisions.get(assessment_id)
        escalations = escalated.get(assessment_id, [])
        first: register.Decision | register.Escalation = decision or escalations[0]
        if decision is not None:
            status = (
                f"{decision.status_kind}: {decision.status} "
                f"({decision.meeting_reference}, {long_date(decision.effective_from)})"
            )
        else:
            status = f"{first.status_kind}: {first.status or 'none set'} (in effect)"
        findings = _findings(escalations)
        label = highest(
            [
                APPENDIX_LABEL,
                *([decision.label] if decision else []),
                *(escalation.label for escalation in escalations),
            ]
        )
        rows.append(
            Row(
                (
                    first.party_text,
                    _cell(
                        f"{first.assessment_type} ({first.assessment_abbreviation})", label, scope
                    ),
                    _cell(status, label, scope),
                    _cell(
                        " ".join(findings) if findings else "None referred to the Panel.",
                        label,
                        scope,
                    ),
                ),
                label,
                scope,
            )
        )
    return tuple(rows)


def letter_rows(period: Period, scope: Scope, facts) -> tuple[Row, ...]:
    rows = []
    for letter in facts.letters_for_period(period.start, period.end):
        label = highest([APPENDIX_LABEL, letter.label])
        rows.append(
            Row(
                (
                    letter.party_text,
                    _cell(letter.subject, label, scope),
                    _cell(
                        f"{letter.meeting_reference}, {long_date(letter.approved_on)}", label, scope
                    ),
                ),
                label,
                scope,
            )
        )
    return tuple(rows)


def restricted_sections(restricted, scope: Scope, figure=None) -> tuple[Section, ...]:
    """The highlights kept out of the body, under their section's title, each dropped whole for
    a reader its label does not admit."""
    sections = []
    for title, groups in restricted:
        blocks, subsections = section_body(group_pieces(groups), scope, figure)
        sections.append(
            Section(
                heading=Text(title),
                blocks=blocks,
                sections=subsections,
                label=highest(h.label for _, members in groups for h in members),
                scope=scope,
            )
        )
    return tuple(sections)


def appendix_document(
    *,
    title: str,
    meeting,
    period: Period,
    scope: Scope,
    today: dt.date,
    restricted,
    meta: dict,
    figure=None,
    facts=None,
) -> Document:
    facts = facts or PeriodRegister(period.start, period.end)
    highlights = restricted_sections(restricted, scope, figure)
    return Document(
        kind="panel-report-appendix-a",
        title=title,
        header=(
            Paragraph(
                (
                    Text(
                        f"Covering {period.words}. For its named distribution only, ahead of "
                        f"{meeting.reference}."
                    ),
                ),
                "meta",
            ),
        ),
        sections=(
            Section(
                heading=Text("A.1 Assurance and Compliance Statuses set"),
                blocks=(
                    Table(
                        (
                            "Party",
                            "Assessment",
                            "Status set",
                            "Non-compliances referred to the Panel",
                        ),
                        assessment_rows(period, scope, today, facts),
                        "No statuses were set in the period.",
                    ),
                ),
                anchor="a-1",
            ),
            Section(
                heading=Text("A.2 Director’s Letters approved"),
                blocks=(
                    Table(
                        ("Party", "Director’s Letter", "Approved"),
                        letter_rows(period, scope, facts),
                        "No Director’s Letters were approved in the period.",
                    ),
                ),
                anchor="a-2",
            ),
            Section(
                heading=Text("A.3 Highlights above the report’s label"),
                blocks=() if highlights else (Paragraph((Text("None."),), "meta"),),
                sections=highlights,
                anchor="a-3",
            ),
        ),
        meta=meta,
        # The appendix is RED whatever it holds, as its title on the report says.
        minimum_label=APPENDIX_LABEL,
    )
