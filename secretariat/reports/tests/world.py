"""A small world for the report's tests, built through the services in a year the demo does not
touch: a Panel meeting in June with `officer` (secretariat) and `panel` present, SSC and OPSG
meetings in April and May, items marked for the Panel, and register records decided there."""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from secretariat.assurance.models import StatusKind, StatusName
from secretariat.assurance.services import (
    agenda_place,
    assessment_create,
    letter_approve,
    letter_submit,
    noncompliance_add,
    noncompliance_refer,
    status_decide,
)
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.directory.services import organisation_create
from secretariat.meetings.services import (
    attendance_record,
    item_add,
    meeting_create,
    outcome_record,
)
from secretariat.reports.appendix import highlight_decide

_numbers = itertools.count(5000)
_pseudonyms = itertools.count(1)


def _pseudonym() -> str:
    number, letters = next(_pseudonyms), ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"ZZ{letters}"


def status_name(kind: str, day: dt.date) -> str:
    """A status name of `kind` (assurance or compliance) in use on `day`."""
    for name in StatusName.objects.filter(status__kind=kind).order_by("status__position", "id"):
        if name.valid_on(day):
            return name.name
    raise LookupError(f"No {kind} status is named on {day}.")


class World:
    def __init__(self, year: int = 2031):
        self.year = year
        self.officer = get_user_model().objects.get(username="officer")
        self.panel_meeting = self.meeting("PANEL", dt.date(year, 6, 13))
        for username, capacity in (("officer", "secretariat"), ("panel", "member")):
            attendance_record(
                actor=TESTS,
                meeting=self.panel_meeting,
                person=Person.objects.get(user__username=username),
                status="present",
                capacity=capacity,
            )
        self.ssc = {month: self.meeting("SSC", dt.date(year, month, 8)) for month in (4, 5)}
        self.opsg = self.meeting("OPSG", dt.date(year, 5, 14))

    @property
    def month(self) -> str:
        return f"{self.year}-06"

    def meeting(self, code: str, date: dt.date, **fields):
        return meeting_create(
            actor=TESTS,
            body=Body.objects.get(code=code),
            number=next(_numbers),
            date=date,
            status="held",
            **fields,
        )

    def highlight(
        self,
        meeting,
        heading: str,
        text: str,
        report_label="WHITE",
        label=None,
        decided: bool = True,
        **extra,
    ):
        """A marked item; `decided`: its meeting recorded the decision to report it to the
        Panel (which a highlight above the report's label needs to reach Appendix A)."""
        item = item_add(
            actor=TESTS,
            meeting=meeting,
            title=heading,
            label=label or report_label,
            summary=f"Summary of {heading}.",
            report_to_panel=True,
            report_heading=heading,
            report_text=text,
            report_label=report_label,
            **extra,
        )
        if decided and text:
            outcome = outcome_record(
                actor=TESTS,
                meeting=meeting,
                item=item,
                verb="AGREED",
                text="to report it to the Panel",
                label=label or report_label,
            )
            highlight_decide(actor=TESTS, item=item, outcome=outcome)
        return item

    def party(self, name: str | None = None, category: str = "small_supplier"):
        pseudonym = _pseudonym()
        return organisation_create(
            actor=TESTS,
            name=name or f"Party {pseudonym} Ltd",
            category=category,
            pseudonym=pseudonym,
        )

    def assessment(self, organisation, kind: str = "vusa"):
        return assessment_create(actor=TESTS, organisation=organisation, kind=kind, cycle_year=2)

    def decide(self, assessment, meeting, status: str | None = None):
        if not assessment.agenda_links.filter(item__meeting=meeting).exists():
            agenda_place(actor=TESTS, meeting=meeting, record=assessment)
        kind = assessment.status_kind
        return status_decide(
            actor=TESTS,
            assessment=assessment,
            meeting=meeting,
            status=status or status_name(kind, meeting.date),
        )

    def refer(self, assessment, meeting, description: str, obligation: str = "G5.14"):
        found = noncompliance_add(
            actor=TESTS,
            assessment=assessment,
            obligation=obligation,
            description=description,
            severity="high",
        )
        if not assessment.agenda_links.filter(item__meeting=meeting).exists():
            agenda_place(actor=TESTS, meeting=meeting, record=assessment)
        item = assessment.agenda_links.get(item__meeting=meeting).item
        outcome = outcome_record(
            actor=TESTS,
            meeting=meeting,
            item=item,
            verb="AGREED",
            text="to notify the Panel",
            label="RED",
        )
        return noncompliance_refer(actor=TESTS, non_compliance=found, outcome=outcome)

    def letter(self, organisation, meeting, subject: str):
        letter = letter_submit(
            actor=TESTS,
            organisation=organisation,
            submitted_on=meeting.date - dt.timedelta(days=10),
            subject=subject,
        )
        item = agenda_place(actor=TESTS, meeting=meeting, record=letter)
        outcome = outcome_record(
            actor=TESTS, meeting=meeting, item=item, verb="APPROVED", text="the Director's Letter"
        )
        return letter_approve(actor=TESTS, letter=letter, outcome=outcome)


ASSURANCE = StatusKind.ASSURANCE
COMPLIANCE = StatusKind.COMPLIANCE
