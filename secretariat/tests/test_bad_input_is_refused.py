"""Bad input to any service is refused with a ServiceError naming the field and saying what is
wrong, and nothing is written: no crash and no bad value accepted. Each row is one bad input:
control characters, NUL bytes, over-long text, values of the wrong type, dates as loose strings,
derived values. A few rows go through the back office and the report's edit page as well."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from secretariat.actions.models import Action
from secretariat.actions.services import action_edit, action_raise, action_update_record
from secretariat.assurance import services as assurance
from secretariat.assurance.models import Assessment, NonCompliance
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Membership, Organisation, Person
from secretariat.directory.services import (
    body_create,
    membership_create,
    organisation_create,
    person_create,
    person_update,
)
from secretariat.documents.services import stock_sentence_set
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.meetings.services import (
    attendance_record,
    item_add,
    item_update,
    meeting_create,
    meeting_update,
    outcome_record,
    outcome_verb_create,
    paper_create,
)
from secretariat.publishing.services import version_draft
from secretariat.reports.models import PanelReport, ReportSection
from secretariat.reports.services import (
    highlights_arrange,
    report_version_draft,
    section_override,
)

D = dt.date


def ssc():
    return Body.objects.get(code="SSC")


def ssc72():
    return Meeting.objects.get(reference="SSC_72_2702")


def item():
    return AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=10, parent=None)


def person(username="present"):
    return Person.objects.get(user__username=username)


def party():
    return Organisation.objects.get(category="small_supplier", pseudonym="AA")


def assessment():
    return Assessment.objects.filter(organisation=party()).first()


def june():
    return PanelReport.objects.get(month="2019-06-01")


def section(title="Verification Assessments"):
    return ReportSection.objects.get(template=june().template, title=title)


def new_meeting(**fields):
    values = {"actor": TESTS, "number": 150, "date": D(2020, 3, 4)}
    return lambda officer: meeting_create(**{"body": ssc(), **values, **fields})


def new_item(**fields):
    return lambda officer: item_add(actor=TESTS, meeting=ssc72(), **{"title": "New", **fields})


CONTROL = "contains the control character"

# (case, call given the officer, field named, words the message holds)
CASES = [
    # -- meetings: the number, the date, the derived reference ------------------------------
    ("number True", new_meeting(number=True), "number", "must be a whole number, not True"),
    ("number as text", new_meeting(number="5"), "number", "must be a whole number, not '5'"),
    ("number 0", new_meeting(number=0), "number", "must be a whole number from 1"),
    ("number 1.5", new_meeting(number=1.5), "number", "must be a whole number, not 1.5"),
    (
        "impossible date",
        new_meeting(date="2020-02-30"),
        "date",
        "Meeting date must be a date (YYYY-MM-DD), not '2020-02-30'",
    ),
    ("date in words", new_meeting(date="4 March 2020"), "date", "must be a date (YYYY-MM-DD)"),
    ("date and time", new_meeting(date=dt.datetime(2020, 3, 4, 10)), "date", "must be a date"),
    ("no date", new_meeting(date=None), "date", "A meeting needs a date"),
    ("hour 25", new_meeting(start_time="25:00"), "start_time", "must be a time of day"),
    ("next date word", new_meeting(next_meeting_date="soon"), "next_meeting_date", "a date"),
    ("reference given", new_meeting(reference="HACK"), "reference", "is derived"),
    ("body by code", new_meeting(body="SSC"), "body", "Meeting body must be a body, not 'SSC'"),
    ("status as number", new_meeting(status=1), "status", "Meeting status must be text, not 1"),
    ("location U+0001", new_meeting(location="Room\x01"), "location", f"{CONTROL} U+0001"),
    ("location NUL", new_meeting(location="Room\x00"), "location", "contains a NUL byte"),
    ("location line break", new_meeting(location="A\nB"), "location", f"{CONTROL} U+000A"),
    ("location 301", new_meeting(location="x" * 301), "location", "at most 300 characters"),
    (
        "update reference",
        lambda officer: meeting_update(actor=TESTS, meeting=ssc72(), version=1, reference="HACK"),
        "reference",
        "Meeting reference is derived by the workspace and cannot be given",
    ),
    (
        "update number True",
        lambda officer: meeting_update(actor=TESTS, meeting=ssc72(), version=1, number=True),
        "number",
        "must be a whole number, not True",
    ),
    (
        "update date slashes",
        lambda officer: meeting_update(actor=TESTS, meeting=ssc72(), version=1, date="2019/02/27"),
        "date",
        "must be a date (YYYY-MM-DD)",
    ),
    (
        "update location U+000B",
        lambda officer: meeting_update(actor=TESTS, meeting=ssc72(), version=1, location="\x0b"),
        "location",
        f"{CONTROL} U+000B",
    ),
    # -- agenda items ---------------------------------------------------------------------------
    ("title U+000B", new_item(title="Bad\x0btitle"), "title", f"{CONTROL} U+000B at position 4"),
    ("title DEL", new_item(title="Bad\x7f"), "title", f"{CONTROL} U+007F"),
    ("title NEL", new_item(title="Bad\x85"), "title", f"{CONTROL} U+0085"),
    ("title 301", new_item(title="t" * 301), "title", "Agenda item title is at most 300"),
    ("summary NUL", new_item(summary="ok\x00"), "summary", "contains a NUL byte"),
    ("summary escape", new_item(summary="\x1b[31m"), "summary", f"{CONTROL} U+001B"),
    ("surrogate", new_item(restricted_text="\ud800"), "restricted_text", f"{CONTROL} U+D800"),
    ("non-character", new_item(report_text="\ufffe"), "report_text", f"{CONTROL} U+FFFE"),
    (
        "text too long",
        new_item(restricted_text="x" * 100_001),
        "restricted_text",
        "is at most 100000 characters; this has 100001",
    ),
    ("notice as text", new_item(withheld_notice="yes"), "withheld_notice", "true or false"),
    ("item number True", new_item(number=True), "number", "must be a whole number, not True"),
    ("presenter list", new_item(presenter=["A"]), "presenter", "must be text, not ['A']"),
    (
        "party a person",
        lambda officer: item_add(actor=TESTS, meeting=ssc72(), title="New", party=person()),
        "party",
        "Agenda item party must be an organisation",
    ),
    (
        "update title U+0001",
        lambda officer: item_update(actor=TESTS, item=item(), version=1, title="\x01"),
        "title",
        f"{CONTROL} U+0001",
    ),
    (
        "outcome text U+0002",
        lambda officer: outcome_record(
            actor=TESTS, meeting=ssc72(), item=item(), verb="NOTED", text="the\x02update"
        ),
        "text",
        f"{CONTROL} U+0002",
    ),
    (
        "verb NUL",
        lambda officer: outcome_verb_create(actor=TESTS, word="NO\x00TED"),
        "word",
        "contains a NUL byte",
    ),
    (
        "attendance note 201",
        lambda officer: attendance_record(
            actor=TESTS, meeting=ssc72(), person=person(), status="present", note="n" * 201
        ),
        "note",
        "at most 200 characters",
    ),
    (
        "attendance of a firm",
        lambda officer: attendance_record(
            actor=TESTS, meeting=ssc72(), person=party(), status="present"
        ),
        "person",
        "must be a person",
    ),
    (
        "paper reference U+0001",
        lambda officer: paper_create(actor=TESTS, body=ssc(), reference="P\x01", title="T"),
        "reference",
        f"{CONTROL} U+0001",
    ),
    (
        "distribution as text",
        lambda officer: paper_create(
            actor=TESTS, body=ssc(), reference="P-9", title="T", distribution="present"
        ),
        "distribution",
        "must be a list of records",
    ),
    # -- directory ------------------------------------------------------------------------------
    (
        "body name NUL",
        lambda officer: body_create(actor=TESTS, code="XYZ", name="X\x00"),
        "name",
        "contains a NUL byte",
    ),
    (
        "body position text",
        lambda officer: body_create(actor=TESTS, code="XYZ", name="X", position="1"),
        "position",
        "must be a whole number, not '1'",
    ),
    (
        "organisation name 201",
        lambda officer: organisation_create(actor=TESTS, name="o" * 201, category="other"),
        "name",
        "at most 200 characters",
    ),
    (
        "person name form feed",
        lambda officer: person_create(actor=TESTS, full_name="Ann\x0cie"),
        "full_name",
        f"{CONTROL} U+000C",
    ),
    (
        "email a number",
        lambda officer: person_create(actor=TESTS, full_name="Ann", email=5),
        "email",
        "must be text, not 5",
    ),
    (
        "person update NEL",
        lambda officer: person_update(actor=TESTS, person=person(), full_name="A\x85"),
        "full_name",
        f"{CONTROL} U+0085",
    ),
    (
        "term from 30 February",
        lambda officer: membership_create(
            actor=TESTS, person=person(), body=ssc(), role="member", term_start="2020-02-30"
        ),
        "term_start",
        "must be a date (YYYY-MM-DD)",
    ),
    # -- actions --------------------------------------------------------------------------------
    (
        "action NUL",
        lambda officer: action_raise(actor=TESTS, item=item(), text="do\x00", owner=person()),
        "text",
        "contains a NUL byte",
    ),
    (
        "due as date and time",
        lambda officer: action_raise(
            actor=TESTS, item=item(), text="Do", owner=person(), due_date="2020-01-01T00:00"
        ),
        "due_date",
        "must be a date (YYYY-MM-DD)",
    ),
    (
        "action reference",
        lambda officer: action_edit(
            actor=TESTS, action=Action.objects.first(), version=1, reference="X"
        ),
        "reference",
        "is derived",
    ),
    (
        "action update U+0002",
        lambda officer: action_update_record(
            actor=TESTS,
            action=Action.objects.first(),
            meeting=Action.objects.first().meeting,
            text="\x02",
            status="open",
        ),
        "text",
        f"{CONTROL} U+0002",
    ),
    # -- the register ---------------------------------------------------------------------------
    (
        "assessment outcome NUL",
        lambda officer: assurance.assessment_update(
            actor=TESTS, assessment=assessment(), outcome="\x00"
        ),
        "outcome",
        "contains a NUL byte",
    ),
    (
        "cycle year True",
        lambda officer: assurance.assessment_create(
            actor=TESTS, organisation=party(), kind="fusa", cycle_year=True
        ),
        "cycle_year",
        "must be a whole number, not True",
    ),
    (
        "finding U+0001",
        lambda officer: assurance.noncompliance_add(
            actor=TESTS,
            assessment=assessment(),
            obligation="G5.14",
            description="x\x01",
            severity="minor",
        ),
        "description",
        f"{CONTROL} U+0001",
    ),
    (
        "plan start soon",
        lambda officer: assurance.plan_add(
            actor=TESTS,
            non_compliance=NonCompliance.objects.first(),
            description="Fix",
            start_on="soon",
            due_on=D(2020, 1, 1),
        ),
        "start_on",
        "must be a date (YYYY-MM-DD)",
    ),
    (
        "relabel reason NUL",
        lambda officer: assurance.record_relabel(
            actor=TESTS, record=assessment(), label="AMBER", reason="\x00"
        ),
        "reason",
        "contains a NUL byte",
    ),
    (
        "combine as text",
        lambda officer: assurance.regime_create(
            actor=TESTS, name="R", valid_from=D(2040, 1, 1), combine_portfolio="no"
        ),
        "combine_portfolio",
        "true or false",
    ),
    (
        "premises True",
        lambda officer: assurance.portfolio_record(
            actor=TESTS, organisation=party(), as_of=D(2040, 1, 1), domestic_premises=True
        ),
        "domestic_premises",
        "must be a whole number, not True",
    ),
    # -- documents and reports ------------------------------------------------------------------
    (
        "stock sentence NUL",
        lambda officer: stock_sentence_set(
            actor=TESTS, kind="withheld", label="RED", text="Withheld\x00"
        ),
        "text",
        "contains a NUL byte",
    ),
    (
        "version reason U+0001",
        lambda officer: version_draft(
            actor=officer, meeting=ssc72(), kind="headlines", reason="\x01"
        ),
        "reason",
        f"{CONTROL} U+0001",
    ),
    (
        "section text U+000B",
        lambda officer: section_override(
            actor=officer, report=june(), section=section(), text="A\x0bB"
        ),
        "text",
        f"{CONTROL} U+000B",
    ),
    (
        "report reason NUL",
        lambda officer: report_version_draft(
            actor=officer, report=june(), part="report", reason="\x00"
        ),
        "reason",
        "contains a NUL byte",
    ),
    (
        "heading U+0007",
        lambda officer: highlights_arrange(
            actor=officer, report=june(), section=section("SSC Highlights"), headings=["A\x07"]
        ),
        "headings",
        f"{CONTROL} U+0007",
    ),
]


def _written() -> dict[str, int]:
    """Row counts of every model of the workspace (history and audit included): an update
    leaves a historical row and an audit event, so a refused update shows here too."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("secretariat.")
    }


@pytest.mark.parametrize(
    ("call", "field", "words"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_it_refuses_bad_input_naming_the_field_and_writes_nothing(officer, call, field, words):
    before = _written()
    with pytest.raises(ServiceError) as raised:
        call(officer)
    errors = raised.value.message_dict
    assert field in errors, errors
    message = " ".join(errors[field])
    assert words in message, message
    assert _written() == before


def test_it_has_a_long_table():
    assert len(CASES) >= 40


def test_it_keeps_line_breaks_and_tabs_in_long_text(db):
    created = item_add(
        actor=TESTS, meeting=ssc72(), title="Fine", summary="First line\r\nSecond\tcolumn"
    )
    created.refresh_from_db()
    assert created.summary == "First line\r\nSecond\tcolumn"


def test_it_parses_a_strict_date_string(db):
    meeting = meeting_create(actor=TESTS, body=ssc(), number=151, date="2020-03-04")
    assert meeting.date == D(2020, 3, 4) and meeting.reference == "SSC_151_0403"


def test_it_leaves_membership_terms_alone_when_refused(db):
    before = Membership.objects.count()
    with pytest.raises(ServiceError):
        membership_create(actor=TESTS, person=person(), body=ssc(), role="member", term_start=True)
    assert Membership.objects.count() == before


# -- through HTTP ---------------------------------------------------------------------------------


def _meeting_form(**fields):
    return {
        "body": ssc().pk,
        "number": 160,
        "date": "2020-05-06",
        "start_time": "",
        "end_time": "",
        "location": "",
        "status": "planned",
        "label": "0",
        "next_meeting_date": "",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"location": "Room\x0b4"}, "contains the control character U+000B"),
        ({"location": "Room\x01"}, "contains the control character U+0001"),
        ({"location": "Room\x00"}, "Null characters are not allowed"),
    ],
    ids=["vertical tab", "U+0001", "NUL"],
)
def test_it_shows_the_refusal_on_the_back_office_form(
    client_as, fields, words, back_office_officer
):
    before = _written()
    response = client_as("officer").post(
        "/back-office/meetings/meeting/add/", _meeting_form(**fields)
    )
    assert response.status_code == 200
    assert words in response.content.decode()
    assert _written() == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Edited\x0b text", "contains the control character U+000B"),
        ("Edited \x1b[2J", "contains the control character U+001B"),
        ("x" * 100_001, "at most 100000 characters"),
    ],
    ids=["vertical tab", "escape", "too long"],
)
def test_it_refuses_a_bad_section_edit_through_the_page(client_as, text, words):
    report = june()
    before = _written()
    response = client_as("officer").post(
        f"/reports/panel/{report.slug}/sections/3.2", {"text": text, "reason": "Plainer."}
    )
    assert response.status_code == 400
    assert words in response.content.decode()
    assert _written() == before
