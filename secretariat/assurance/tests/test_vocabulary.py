"""Status vocabularies are data with validity dates: the February 2020 renaming keeps the
history, so the same status reads 'Provisionally Approved' in 2019 and 'Deferred' in 2021."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.assurance.models import Status
from secretariat.assurance.services import (
    agenda_place,
    assessment_create,
    status_decide,
    status_name_add,
    status_name_update,
)
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS

D = dt.date


@pytest.fixture
def fusa(make_party):
    def make():
        return assessment_create(
            actor=TESTS,
            organisation=make_party("small_supplier"),
            kind="fusa",
            cycle_year=1,
            fieldwork_start=D(2019, 1, 7),
            fieldwork_end=D(2019, 1, 11),
        )

    return make


def _decide(meeting, assessment, status):
    agenda_place(actor=TESTS, meeting=meeting, record=assessment)
    return status_decide(actor=TESTS, assessment=assessment, meeting=meeting, status=status)


def test_it_reads_the_same_status_by_the_name_in_use_at_each_date(make_meeting, fusa):
    decided_2019 = _decide(make_meeting(D(2019, 9, 11)), fusa(), "Provisionally Approved")
    decided_2021 = _decide(make_meeting(D(2021, 3, 10)), fusa(), "Deferred")
    assert decided_2019.status == decided_2021.status
    assert decided_2019.status.key == "not_yet_approved"
    assert decided_2019.name == "Provisionally Approved"
    assert decided_2021.name == "Deferred"


def test_it_shows_each_record_with_its_own_dates_name(make_meeting, fusa, client_as):
    assessment = fusa()
    _decide(make_meeting(D(2019, 9, 11)), assessment, "Provisionally Approved")
    page = client_as("officer").get(f"/assurance/assessments/{assessment.pk}/").content.decode()
    assert "Provisionally Approved" in page
    assert ">Deferred<" not in page


def test_it_reads_deferred_as_the_fourth_status_before_february_2020(make_meeting, fusa):
    before = _decide(make_meeting(D(2020, 1, 29)), fusa(), "Deferred")
    after = _decide(make_meeting(D(2020, 2, 12)), fusa(), "Rejected")
    assert before.status == after.status
    assert before.status.key == "refused"


def test_it_refuses_a_name_no_longer_in_use(make_meeting, fusa):
    with pytest.raises(ServiceError) as error:
        _decide(make_meeting(D(2021, 3, 10)), fusa(), "Provisionally Approved")
    assert error.value.message_dict == {
        "status": [
            "'Provisionally Approved' is not an Assurance Status on 10 March 2021: use one of "
            "Approved, Approved, subject to…, Deferred, Rejected."
        ]
    }


def test_it_lets_officers_rename_a_status_from_a_date(make_meeting, fusa):
    status = Status.objects.get(kind="compliance", key="compliant")
    name = status.names.get()
    status_name_update(actor=TESTS, status_name=name, valid_to=D(2022, 12, 31))
    status_name_add(actor=TESTS, status=status, name="Fully compliant", valid_from=D(2023, 1, 1))
    assert status.name_on(D(2022, 12, 31)) == "Compliant"
    assert status.name_on(D(2023, 1, 1)) == "Fully compliant"


def test_it_refuses_two_names_for_one_status_at_once(db):
    status = Status.objects.get(kind="compliance", key="compliant")
    with pytest.raises(ServiceError) as error:
        status_name_add(
            actor=TESTS, status=status, name="Fully compliant", valid_from=D(2023, 1, 1)
        )
    assert "already has a name for part of that period ('Compliant')" in error.value.messages[0]


def test_it_refuses_a_name_another_status_of_the_kind_already_uses(db):
    status = Status.objects.get(kind="assurance", key="approved")
    status_name_update(actor=TESTS, status_name=status.names.get(), valid_to=D(2029, 12, 31))
    with pytest.raises(ServiceError) as error:
        status_name_add(actor=TESTS, status=status, name="Deferred", valid_from=D(2030, 1, 1))
    assert error.value.message_dict == {
        "name": ["Another Assurance Status is called 'Deferred' in that period."]
    }
