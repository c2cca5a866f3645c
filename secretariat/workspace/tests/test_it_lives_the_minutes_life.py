"""The minutes' life through the officer's publish page and the members' draft: held, drafted,
circulated for comment (members comment until the deadline, each comment at the label of what
it is on, read through the door), approved by an outcome of a later meeting, published through
the ledger; and the headlines after a side-by-side preview, through the pre-publication check."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.core import clock
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.labels.models import Label
from secretariat.meetings.models import Meeting
from secretariat.meetings.services import attendance_record, item_add
from secretariat.publishing.models import PublicationRecord, ScreeningOverride
from secretariat.workspace.models import DraftComment, MinutesApproval
from secretariat.workspace.services import meeting_plan

SECRET = "The head end system was left without patches for nine months, the CIO said."


def _plan(number: int, date: dt.date, *, minutes: bool = False) -> Meeting:
    meeting = meeting_plan(actor=TESTS, body=Body.objects.get(code="SSC"), number=number, date=date)
    for username in ("officer", "present"):
        attendance_record(
            actor=TESTS,
            meeting=meeting,
            person=Person.objects.get(user__username=username),
            status="present",
            capacity="secretariat" if username == "officer" else "member",
        )
    if minutes:
        item_add(actor=TESTS, meeting=meeting, title="Minutes", kind="minutes")
    return meeting


@pytest.fixture
def meeting(db):
    meeting = _plan(730, dt.date(2026, 11, 4))
    item_add(
        actor=TESTS,
        meeting=meeting,
        title="Security incident",
        summary="The SSC heard of an incident.",
        restricted_text=SECRET,
        label="RED",
    )
    item_add(actor=TESTS, meeting=meeting, title="Updates", summary="Noted.", label="GREEN")
    return meeting


def _publish_url(meeting):
    return f"/workspace/meetings/{meeting.reference}/publish/"


def _step(client, meeting, step, **data):
    return client.post(_publish_url(meeting), {"step": step, **data})


def test_it_previews_the_headlines_beside_the_full_record_and_publishes_them(client_as, meeting):
    client = client_as("officer")
    page = client.get(_publish_url(meeting)).content.decode()
    assert "What the public will see" in page and "The full record, as you read it" in page
    assert SECRET in page  # the officer's own column
    preview = page[page.index("What the public will see") : page.index("The full record")]
    assert SECRET not in preview and "The SSC heard of an incident." in preview
    assert "may be published once the meeting is held" in page
    # Not before the meeting is held.
    assert _step(client, meeting, "publish-headlines").status_code == 400
    meeting.refresh_from_db()
    assert _step(client, meeting, "held", version=meeting.version).status_code == 303
    assert _step(client, meeting, "publish-headlines").status_code == 303
    record = PublicationRecord.objects.get(meeting=meeting, kind="headlines")
    assert record.label == Label.WHITE and SECRET not in str(record.snapshot)


def test_it_refuses_the_headlines_quoting_the_record_until_an_officer_overrides(client_as, meeting):
    item = meeting.items.get(title="Updates")
    from secretariat.meetings.services import item_update

    item_update(
        actor=TESTS,
        item=item,
        version=item.version,
        summary="We heard the head end system was left without patches for nine months.",
        summary_label="WHITE",
    )
    client = client_as("officer")
    meeting.refresh_from_db()
    _step(client, meeting, "held", version=meeting.version)
    page = client.get(_publish_url(meeting)).content.decode()
    assert "The check finds what must not be published" in page
    refused = _step(client, meeting, "publish-headlines")
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Not published: the check found what must not be there" in text
    assert "item 2 (Updates)" in text and "item 1 (Security incident), RED" in text
    assert not PublicationRecord.objects.filter(meeting=meeting).exists()
    done = _step(
        client,
        meeting,
        "publish-headlines",
        override="1",
        override_reason="Reported in the trade press already.",
        override_label="1",
    )
    assert done.status_code == 303
    override = ScreeningOverride.objects.get(meeting=meeting)
    assert (override.reason, override.reason_label) == ("Reported in the trade press already.", 1)


def test_it_drafts_circulates_takes_comments_approves_later_and_publishes(client_as, meeting):
    officer = client_as("officer")
    meeting.refresh_from_db()
    _step(officer, meeting, "held", version=meeting.version)
    assert _step(officer, meeting, "draft").status_code == 303
    draft_url = f"/workspace/meetings/{meeting.reference}/draft/"
    # Not out for comment yet: the draft page is not there for anyone.
    assert client_as("present").get(draft_url).status_code == 404
    past = (clock.today() - dt.timedelta(days=1)).isoformat()
    assert _step(officer, meeting, "circulate", deadline=past).status_code == 400
    deadline = (clock.today() + dt.timedelta(days=7)).isoformat()
    assert _step(officer, meeting, "circulate", deadline=deadline).status_code == 303

    # Members comment, each comment at the label of what it is on, read through the door.
    present, absent = client_as("present"), client_as("absent")
    assert f"Draft minutes of {meeting.reference}" in present.get("/").content.decode()
    page = present.get(draft_url).content.decode()
    assert SECRET in page  # heard the RED item
    red = meeting.items.get(title="Security incident")
    assert present.post(draft_url, {"item": red.pk, "text": "Say which CIO."}).status_code == 303
    assert present.post(draft_url, {"item": "", "text": "Fine otherwise."}).status_code == 303
    assert [(c.label, c.item_id) for c in DraftComment.objects.filter(meeting=meeting)] == [
        (Label.RED, red.pk),
        (Label.GREEN, None),
    ]
    absent_page = absent.get(draft_url).content.decode()
    assert "Fine otherwise." in absent_page
    assert "Say which CIO." not in absent_page and SECRET not in absent_page
    # A member who did not hear the RED item cannot comment on it.
    assert absent.post(draft_url, {"item": red.pk, "text": "What?"}).status_code == 400
    assert client_as("party").get(draft_url).status_code == 404
    assert "Say which CIO." in officer.get(_publish_url(meeting)).content.decode()

    # Approved by an outcome of the next meeting, on its Minutes item.
    later = _plan(731, dt.date(2026, 12, 2), minutes=True)
    minutes_item = later.items.get(kind="minutes")
    minutes_page = officer.get(f"/workspace/meetings/{later.reference}/minutes/").content.decode()
    # The latest meeting awaiting approval is proposed: the Minutes item exists to approve it.
    assert f'<option value="{meeting.reference}" selected>' in minutes_page
    approved = officer.post(
        f"/workspace/meetings/{later.reference}/minutes/{minutes_item.pk}/outcomes/",
        {
            "verb": "APPROVED",
            "text": f"the minutes of {meeting.reference}",
            "outcome_label": "0",
            "approves": meeting.reference,
        },
    )
    assert approved.status_code == 303
    approval = MinutesApproval.objects.get(meeting=meeting)
    assert approval.outcome.item == minutes_item
    assert _step(officer, meeting, "publish-minutes").status_code == 303
    kinds = set(PublicationRecord.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert kinds == {"minutes", "confidential-minutes"}
    assert "The minutes are published." in officer.get(_publish_url(meeting)).content.decode()


def test_it_refuses_approval_by_an_earlier_meeting_or_a_noting(client_as, meeting, officer):
    from secretariat.core.services import ServiceError
    from secretariat.meetings.services import outcome_record
    from secretariat.workspace.life import minutes_approve, minutes_draft

    meeting.status = "held"
    meeting.save()
    minutes_draft(actor=officer, meeting=meeting)
    earlier = _plan(729, dt.date(2026, 10, 7), minutes=True)
    item = earlier.items.get(kind="minutes")
    outcome = outcome_record(actor=TESTS, meeting=earlier, item=item, verb="APPROVED", text="it")
    with pytest.raises(ServiceError, match="at a later meeting"):
        minutes_approve(actor=officer, meeting=meeting, outcome=outcome)
    later = _plan(732, dt.date(2026, 12, 30), minutes=True)
    noted = outcome_record(
        actor=TESTS, meeting=later, item=later.items.get(kind="minutes"), verb="NOTED", text="it"
    )
    with pytest.raises(ServiceError, match="approved by an outcome"):
        minutes_approve(actor=officer, meeting=meeting, outcome=noted)
    assert not MinutesApproval.objects.exists()
