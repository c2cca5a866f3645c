"""Putting a record on an SSC agenda makes the item with the standard title and the party's
pseudonym, labelled RED and linked to the record; the real name never reaches a public page."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.assurance.models import AgendaLink, UserSystemNotification
from secretariat.assurance.services import agenda_place, assessment_update, noncompliance_add
from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.services import organisation_update
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.services import attendance_record

D = dt.date


def test_it_puts_an_assessment_on_the_agenda_with_the_standard_title(make_meeting, demo_assessment):
    meeting = make_meeting(D(2019, 7, 10))
    assessment = demo_assessment("SSAA-19")
    item = agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    assert item.title == "Verification User Security Assessment – Small Supplier 'AA'"
    assert item.label == Label.RED
    assert item.title_label == Label.WHITE
    assert item.party == assessment.organisation
    assert item.summary == (
        "The SSC considered Small Supplier 'AA's Verification User Security Assessment."
    )
    assert AgendaLink.objects.get(item=item).assessment == assessment


def test_it_titles_letters_and_notifications_as_the_ssc_does(make_meeting, demo_letter):
    meeting = make_meeting(D(2019, 7, 10))
    item = agenda_place(actor=TESTS, meeting=meeting, record=demo_letter("SSB"))
    assert item.title == "Directors Letter – Small Supplier 'B'"
    notification = UserSystemNotification.objects.get(
        organisation__pseudonym="B", organisation__category="large_supplier"
    )
    item = agenda_place(actor=TESTS, meeting=meeting, record=notification)
    assert item.title == ("Notification of a Second or Subsequent User System – Large Supplier 'B'")


def test_it_refuses_an_agenda_of_another_body_and_writes_nothing(make_meeting, demo_assessment):
    meeting = make_meeting(D(2019, 7, 9), code="OPSG")
    before = (AgendaItem.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as error:
        agenda_place(actor=TESTS, meeting=meeting, record=demo_assessment("SSAA-19"))
    assert error.value.message_dict == {
        "meeting": [
            f"{meeting.reference} is a meeting of the OPSG; the register is considered only at "
            "SSC meetings."
        ]
    }
    assert (AgendaItem.objects.count(), AuditEvent.objects.count()) == before


def test_it_refuses_to_put_a_record_on_one_agenda_twice(make_meeting, demo_assessment):
    meeting = make_meeting(D(2019, 7, 10))
    agenda_place(actor=TESTS, meeting=meeting, record=demo_assessment("SSAA-19"))
    with pytest.raises(ServiceError) as error:
        agenda_place(actor=TESTS, meeting=meeting, record=demo_assessment("SSAA-19"))
    assert error.value.message_dict == {
        "record": [f"VUSA – Small Supplier 'AA' is already on the agenda of {meeting.reference}."]
    }


def test_it_opens_the_record_to_those_present_at_the_meeting_that_considers_it(
    make_meeting, demo_assessment, client_as, user_of
):
    """Large Supplier 'A''s 2018 FUSA was on no agenda: `chair` cannot see it until a meeting
    the chair attends considers it."""
    assessment = demo_assessment("LSA-18")
    url = f"/assurance/assessments/{assessment.pk}/"
    assert client_as("chair").get(url).status_code == 404
    meeting = make_meeting(D(2019, 7, 10))
    agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    assert client_as("chair").get(url).status_code == 404
    attendance_record(
        actor=TESTS, meeting=meeting, person=user_of("chair").person, status="present"
    )
    assert client_as("chair").get(url).status_code == 200
    assert client_as("absent").get(url).status_code == 404


PUBLIC_PAGES = ("/assurance/", "/assurance/due/?as_of=2019-06-30&all=1", "/meetings/SSC_72_2702/")

secret = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=4, max_size=30).map(
    lambda text: f"Zx{text}Q"
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=secret, finding=secret, outcome=secret)
def test_it_changes_no_public_page_whatever_the_restricted_texts_say(
    client_as, demo_assessment, name, finding, outcome
):
    client = client_as("anonymous")
    before = {url: client.get(url).content for url in PUBLIC_PAGES}
    assessment = demo_assessment("SSAA-19")
    organisation_update(actor=TESTS, organisation=assessment.organisation, name=name)
    assessment_update(actor=TESTS, assessment=assessment, outcome=outcome)
    noncompliance_add(
        actor=TESTS, assessment=assessment, obligation="G5.1", description=finding, severity="low"
    )
    after = {url: client.get(url).content for url in PUBLIC_PAGES}
    assert after == before
    for page in after.values():
        for text in (name, finding, outcome):
            assert text.encode() not in page
