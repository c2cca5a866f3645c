"""Counts for the monthly Panel report: by type and status, WHITE because they name no party."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from secretariat.assurance.selectors import COUNT_KINDS, StatusCount, status_counts
from secretariat.labels.models import Label

D = dt.date
MAY = (D(2019, 5, 1), D(2019, 5, 31))
APRIL = (D(2019, 4, 1), D(2019, 4, 30))
FEBRUARY = (D(2019, 2, 1), D(2019, 2, 28))


def test_it_counts_the_five_vusas_whose_compliance_status_was_set_in_may_2019(db):
    count = status_counts("vusa", *MAY)
    assert count.total == 5
    assert count.considered == 5
    assert sum(n for _, n in count.by_status) == 5
    assert dict(count.by_status)["Compliant"] == 2


def test_it_counts_the_two_assurance_statuses_set_in_may_2019(db):
    count = status_counts("fusa", *MAY)
    assert (count.total, count.by_status) == (
        2,
        (("Approved", 1), ("Approved subject to", 1)),
    )


def test_it_counts_no_self_assessment_in_may_2019(db):
    count = status_counts("ssa", *MAY)
    assert (count.total, count.considered, count.by_status) == (0, 0, ())


def test_it_counts_an_ssa_considered_without_a_status(db):
    """SSC_72 NOTED Other User 'I''s Self-Assessment without setting a status."""
    count = status_counts("ssa", *FEBRUARY)
    assert (count.total, count.considered) == (0, 1)


def test_it_counts_the_two_directors_letters_approved_in_april_2019(db):
    count = status_counts("directors_letters", *APRIL)
    assert (count.total, count.considered) == (2, 2)
    assert status_counts("directors_letters", *MAY).total == 0


def test_it_counts_notifications_by_the_sscs_decision(db):
    count = status_counts("notifications", *FEBRUARY)
    assert count.by_status == (("Review at the next annual assessment", 1),)


@pytest.mark.parametrize("kind", COUNT_KINDS)
def test_it_labels_counts_white_and_names_no_party(db, kind, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        count = status_counts(kind, *MAY)
    assert count.label == Label.WHITE
    fields = {field.name for field in dataclasses.fields(StatusCount)}
    assert fields == {"kind", "start", "end", "total", "by_status", "considered", "label"}
    text = repr(count)
    for pseudonym in ("'AF'", "'AG'", "'AH'", "'M'", "'N'", "'C'", "Ltd", "plc"):
        assert pseudonym not in text


def test_it_refuses_an_unknown_kind_or_a_backwards_period(db):
    with pytest.raises(ValueError, match="'usa' is not a kind to count"):
        status_counts("usa", *MAY)
    with pytest.raises(ValueError, match="ends before it starts"):
        status_counts("vusa", D(2019, 5, 31), D(2019, 5, 1))


def test_it_withholds_a_breakdown_that_would_tell_a_partys_status(db):
    """May 2019's five VUSAs had four different statuses: no party's can be told from them. The
    two April letters were both approved, and the headlines name both parties."""
    assert status_counts("vusa", *MAY).by_status_label == Label.WHITE
    assert status_counts("directors_letters", *APRIL).by_status_label == Label.RED
    assert status_counts("fusa", *FEBRUARY).by_status_label == Label.RED
    assert status_counts("ssa", *MAY).by_status_label == Label.WHITE
