"""The generated assurance register keeps the rules its services enforce, and agrees with the
cycle planner about which assessment each party takes next."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

import pytest
from django.core.management import call_command

from secretariat.archive.generator.world import USERNAME_PREFIX
from secretariat.assurance import planner
from secretariat.assurance.models import (
    AgendaLink,
    Assessment,
    AssessmentKind,
    DirectorsLetter,
    NonCompliance,
    StatusDecision,
    UserSystemNotification,
)
from secretariat.assurance.services.decisions import standard_title
from secretariat.assurance.services.records import DATE_ORDER, OBLIGATION
from secretariat.meetings.models import Meeting


@pytest.fixture
def register(db):
    """Three years of SSC meetings from 2014, when the register has run for a few months."""
    generate = io.StringIO()
    call_command(
        "generate_archive", "--years", "3", "--until", "2016", "--bodies", "SSC", stdout=generate
    )
    created = Assessment.objects.filter(
        organisation__people__user__username__startswith=USERNAME_PREFIX
    ).distinct()
    return created


def test_it_considers_every_record_at_an_ssc_item_that_names_its_party(register):
    links = AgendaLink.objects.select_related(
        "item__meeting__body", "item__party", "assessment__organisation"
    ).filter(item__meeting__date__year__gte=2014)
    assert links.count() > 100
    for link in links:
        record = link.record
        item = link.item
        assert item.meeting.body.code == "SSC"
        assert item.party_id == record.organisation_id
        assert item.title == standard_title(record)
        assert record.organisation.pseudonym in item.title


def test_it_sets_each_status_by_an_outcome_of_the_linked_item(register):
    decisions = StatusDecision.objects.select_related(
        "assessment__follows", "status", "outcome__item__meeting"
    ).filter(effective_from__year__gte=2014)
    assert decisions.count() > 100
    used_outcomes = set()
    for decision in decisions:
        assessment = decision.assessment
        item = decision.outcome.item
        assert AgendaLink.objects.filter(item=item, assessment=assessment).exists()
        assert decision.effective_from == item.meeting.date
        assert decision.status.kind == assessment.status_kind
        assert decision.status.name_on(decision.effective_from)
        assert decision.outcome_id not in used_outcomes
        used_outcomes.add(decision.outcome_id)
    letters = DirectorsLetter.objects.filter(approved_by__isnull=False)
    notifications = UserSystemNotification.objects.filter(decided_by__isnull=False)
    assert letters.exists() and notifications.exists()
    for record in [*letters, *notifications]:
        outcome = record.approved_by if isinstance(record, DirectorsLetter) else record.decided_by
        assert record.agenda_links.filter(item=outcome.item).exists()


def test_it_keeps_the_dates_cycles_and_obligations_the_services_check(register):
    for assessment in register:
        for first, second, _message in DATE_ORDER:
            before, after = getattr(assessment, first), getattr(assessment, second)
            if before and after:
                assert before <= after, (assessment.pk, first, second)
        if assessment.kind == AssessmentKind.FOLLOW_UP:
            assert assessment.cycle_year is None
            assert assessment.follows.organisation_id == assessment.organisation_id
        else:
            assert assessment.cycle_year in (1, 2, 3)
            if assessment.cycle_year == 1:
                assert assessment.kind == AssessmentKind.FUSA
        assessment.full_clean()
    findings = NonCompliance.objects.filter(assessment__in=register)
    assert findings.exists()
    for finding in findings:
        assert OBLIGATION.match(finding.obligation)
        if finding.referred_by_id:
            assert finding.referred_on == finding.referred_by.item.meeting.date


def test_it_agrees_with_the_planner_on_each_next_assessment(register):
    by_party = defaultdict(list)
    for assessment in register.exclude(kind=AssessmentKind.FOLLOW_UP).order_by("fieldwork_start"):
        by_party[assessment.organisation].append(assessment)
    checked = 0
    for organisation, assessments in list(by_party.items())[:12]:
        for assessment in assessments:
            expected = planner.next_due(
                organisation, assessment.fieldwork_start - dt.timedelta(days=1)
            )
            assert expected is not None
            assert (expected.kind, expected.cycle_year) == (
                assessment.kind,
                assessment.cycle_year,
            ), (organisation, assessment.fieldwork_start)
            checked += 1
    assert checked > 20
    assert Meeting.objects.filter(body__code="SSC", date__year=2016).count() == 23
