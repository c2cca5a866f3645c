"""Saving in the back office answers with the saved record, named: recording a status decision
used to answer "Server Error (500)", and an action's success message named nothing."""

from __future__ import annotations

import datetime as dt
import html
import re

from secretariat.assurance.models import Status, StatusDecision
from secretariat.assurance.services import agenda_place
from secretariat.core.testing import TESTS
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.services import outcome_record


def test_it_records_a_status_decision_in_the_back_office_and_names_it(
    client_as, make_meeting, demo_assessment, back_office_officer
):
    assessment = demo_assessment("SSAH-19")
    meeting = make_meeting(dt.date(2019, 7, 10))
    item = agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    outcome = outcome_record(
        actor=TESTS, meeting=meeting, item=item, verb="AGREED", text="the status"
    )
    status = Status.objects.get(kind="compliance", key="non_compliant")
    client = client_as("officer")
    response = client.post(
        "/back-office/assurance/statusdecision/add/",
        {"assessment": assessment.pk, "outcome": outcome.pk, "status": status.pk},
        follow=True,
    )
    assert response.status_code == 200
    decision = StatusDecision.objects.get(outcome=outcome)
    assert _named(response) == [str(decision)]


def test_it_names_a_raised_action_in_the_success_message(client_as, user_of, back_office_officer):
    item = AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=10, parent=None)
    response = client_as("officer").post(
        "/back-office/actions/action/add/",
        {
            "item": item.pk,
            "text": "SECAS to circulate the revised terms of reference.",
            "owner": user_of("officer").person.pk,
            "due_date": "2019-03-13",
            "label": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    action = item.actions.order_by("-pk").first()
    assert action is not None and action.reference
    assert _named(response) == [action.reference]


def _named(response) -> list[str]:
    """The names in the success messages: 'The action “<a href=...>SSC 72/03</a>” was added'."""
    page = html.unescape(response.content.decode())
    return re.findall(r"“(?:<a [^>]*>)?([^<”]*)(?:</a>)?” was added", page)
