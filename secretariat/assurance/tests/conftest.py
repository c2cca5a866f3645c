"""Helpers for the register's tests: a fresh party, a fresh SSC meeting, demo records by key."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from secretariat.assurance.models import Assessment, DirectorsLetter
from secretariat.core.testing import TESTS
from secretariat.demo import assurance_data as demo
from secretariat.directory.models import Body, Organisation
from secretariat.directory.services import organisation_create
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import meeting_create

_numbers = itertools.count(500)


@pytest.fixture
def make_party(db):
    def make(category: str = "small_supplier", name: str = "") -> Organisation:
        number = next(_numbers)
        return organisation_create(
            actor=TESTS, name=name or f"Test Party {number} Ltd", category=category
        )

    return make


@pytest.fixture
def make_meeting(db):
    def make(day: dt.date, code: str = "SSC") -> Meeting:
        return meeting_create(
            actor=TESTS, body=Body.objects.get(code=code), number=next(_numbers), date=day
        )

    return make


@pytest.fixture
def demo_assessment(db):
    """The demo's assessment by its key in `demo_data.ASSESSMENTS`, e.g. "SSAA-19"."""

    def get(key: str) -> Assessment:
        row = next(row for row in demo.ASSESSMENTS if row[0] == key)
        _, (category, pseudonym), kind, _, start, *_ = row
        return Assessment.objects.get(
            organisation__category=category,
            organisation__pseudonym=pseudonym,
            kind=kind,
            fieldwork_start=dt.date.fromisoformat(start),
        )

    return get


@pytest.fixture
def demo_letter(db):
    def get(key: str) -> DirectorsLetter:
        row = next(row for row in demo.LETTERS if row[0] == key)
        _, (category, pseudonym), _, submitted, *_ = row
        return DirectorsLetter.objects.get(
            organisation__category=category,
            organisation__pseudonym=pseudonym,
            submitted_on=dt.date.fromisoformat(submitted),
        )

    return get
