"""The access matrix names demo records by key; each address must still point at that record."""

from __future__ import annotations

import pytest

from secretariat.assurance import access_matrix
from secretariat.assurance.models import UserSystemNotification


@pytest.mark.parametrize("key", access_matrix.ASSESSMENT_KEYS)
def test_it_addresses_each_demo_assessment_by_its_key(demo_assessment, key):
    assessment = demo_assessment(key)
    assert access_matrix.assessment_url(key) == f"/assurance/assessments/{assessment.pk}/"
    assert access_matrix.reference(key) == assessment.reference


@pytest.mark.parametrize("key", access_matrix.LETTER_KEYS)
def test_it_addresses_each_demo_letter_by_its_key(demo_letter, key):
    assert access_matrix.letter_url(key) == f"/assurance/letters/{demo_letter(key).pk}/"


def test_it_addresses_the_demo_notification(db):
    notification = UserSystemNotification.objects.get(
        organisation__category="large_supplier", organisation__pseudonym="B"
    )
    assert access_matrix.notification_url("LSB") == f"/assurance/notifications/{notification.pk}/"
