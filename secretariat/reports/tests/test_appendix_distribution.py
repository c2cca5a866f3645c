"""Appendix A's named distribution and the compile page: a highlight's text only for readers on
the distribution or cleared at its source; its meeting named only to readers who may know the
meeting exists; a highlight reaches the appendix only by its meeting's recorded decision."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person, Role
from secretariat.directory.services import membership_create, person_create
from secretariat.meetings.models import AgendaItem, Meeting, Outcome
from secretariat.meetings.services import item_update, meeting_update
from secretariat.reports.appendix import distribution_of, highlight_decide
from secretariat.reports.models import PanelReport

COMPILE = "/reports/panel/2019-06/compile"
HEADING = "SOC2 Final Report"


@pytest.fixture
def second_officer(db):
    """A Panel secretariat officer who compiled nothing of the June report."""
    person = person_create(actor=TESTS, full_name="Sam Second", username="second-officer-x")
    membership_create(
        actor=TESTS,
        person=person,
        body=Body.objects.get(code="PANEL"),
        role=Role.SECRETARIAT,
        term_start=dt.date(2018, 1, 1),
    )
    return person


def test_it_fixes_the_demo_distribution_at_issue(db):
    report = PanelReport.objects.get(month="2019-06-01")
    people = distribution_of(report)
    assert report.distribution_fixed_at is not None
    named = set(Person.objects.filter(pk__in=people).values_list("user__username", flat=True))
    assert {"officer", "panel"} <= named
    assert not named & {"chair", "present", "absent", "party", "outsider"}


def test_it_shows_the_highlight_to_the_compiling_officer(client_as):
    page = client_as("officer").get(COMPILE).content.decode()
    assert HEADING in page


def test_it_shows_another_officer_only_that_a_red_highlight_exists(client_as, second_officer):
    # RED at its source: the second officer was not recorded at that meeting, and is not on
    # the distribution. (At AMBER the secretariat would be cleared at the source.)
    item = AgendaItem.objects.filter(report_heading=HEADING).first()
    item_update(actor=TESTS, item=item, version=item.version, report_label="RED")
    response = client_as("second-officer-x").get(COMPILE)
    assert response.status_code == 200
    page = response.content.decode()
    assert HEADING not in page
    assert "A restricted highlight" in page


def test_it_names_no_meeting_the_reader_may_not_know_of(client_as, second_officer):
    source = AgendaItem.objects.filter(report_heading=HEADING).select_related("meeting").first()
    meeting_update(actor=TESTS, meeting=source.meeting, version=source.meeting.version, label="RED")
    page = client_as("second-officer-x").get(COMPILE).content.decode()
    assert source.meeting.reference not in page
    assert "A meeting you may not know of" in page


def test_it_refuses_a_decision_from_another_meeting(db):
    item = AgendaItem.objects.filter(report_heading=HEADING).first()
    elsewhere = Outcome.objects.exclude(item__meeting=item.meeting).first()
    with pytest.raises(ServiceError) as raised:
        highlight_decide(actor=TESTS, item=item, outcome=elsewhere)
    assert "outcome" in raised.value.message_dict


def test_it_refuses_a_decision_recorded_by_anyone_but_an_officer(user_of):
    meeting = Meeting.objects.get(reference="SSC_72_2702")
    item = AgendaItem.objects.filter(meeting=meeting).first()
    outcome = Outcome.objects.filter(item__meeting=meeting).first()
    with pytest.raises(ServiceError) as raised:
        highlight_decide(actor=user_of("present"), item=item, outcome=outcome)
    assert "actor" in raised.value.message_dict


def test_it_reads_the_distribution_with_the_report_as_it_would_alone(
    officer, second_officer, django_assert_num_queries
):
    from secretariat.reports import selectors
    from secretariat.reports.appendix import (
        appendix_distribution_fix,
        default_distribution,
        fixed_distribution,
    )
    from secretariat.reports.models import ReportSection
    from secretariat.reports.services import report_open, section_override
    from secretariat.reports.tests.world import World

    world = World(year=2036)
    report = report_open(actor=officer, meeting=world.panel_meeting, author="A. Officer")
    section = (
        ReportSection.objects.filter(template=report.template)
        .exclude(content=ReportSection.Content.GROUP)
        .first()
    )
    # An officer who edits a section compiles the report: on the default distribution.
    section_override(
        actor=second_officer.user, report=report, section=section, text="Edited.", reason="Why."
    )
    loaded = selectors.report_of(world.panel_meeting)
    with django_assert_num_queries(0):
        people = distribution_of(loaded)
    assert people == default_distribution(report, report.report_date)
    assert {second_officer.pk, officer.person.pk} <= people
    appendix_distribution_fix(actor=officer, report=report)
    loaded = selectors.report_of(world.panel_meeting)
    with django_assert_num_queries(0):
        people = distribution_of(loaded)
    assert people == fixed_distribution(PanelReport.objects.get(pk=report.pk))
