"""Event-driven emails through the real doors: an officer cancels a meeting, circulates draft
minutes or announces papers over HTTP; on commit the worker's task sends each person who hears
of the body one email, plain text with an HTML alternative and a one-click unsubscribe, its
subject carrying the highest label of what it holds."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.services import meeting_create
from secretariat.notifications.models import Notice


@pytest.fixture
def planned(db):
    return meeting_create(
        actor=TESTS,
        body=Body.objects.get(code="SSC"),
        number=902,
        date=dt.date(2031, 4, 2),
        location="Room 4",
    )


def _to(outbox, username):
    email = Person.objects.get(user__username=username).email
    return [m for m in outbox if email in m.to]


def test_it_emails_the_body_when_a_meeting_is_cancelled(
    client_as, planned, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_as("officer").post(
            f"/workspace/meetings/{planned.reference}/cancel/",
            {"reason": "The room flooded", "version": planned.version},
        )
    assert answer.status_code == 303
    (message,) = _to(mailoutbox, "present")
    assert message.subject == "[WHITE] SSC 902: meeting cancelled"
    assert "The room flooded" in message.body
    assert "2 April 2031" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html" and "The room flooded" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    # Nobody outside the body hears of it; nobody hears twice.
    assert not _to(mailoutbox, "panel")
    assert len({tuple(m.to) for m in mailoutbox}) == len(mailoutbox)
    assert Notice.objects.filter(meeting=planned, sent_at__isnull=False).count() == len(mailoutbox)


def test_it_tells_nobody_of_a_rolled_back_cancel(client_as, planned, mailoutbox):
    # Without the commit the queued sending never runs: no email for a change not kept.
    client_as("officer").post(
        f"/workspace/meetings/{planned.reference}/cancel/",
        {"reason": "x", "version": planned.version},
    )
    assert mailoutbox == []


def test_it_emails_the_draft_minutes_for_comment(
    planned, mailoutbox, django_capture_on_commit_callbacks, officer
):
    from secretariat.meetings.services import attendance_record
    from secretariat.workspace.life import minutes_circulate, minutes_draft

    attendance_record(
        actor=TESTS,
        meeting=planned,
        person=Person.objects.get(user__username="officer"),
        status="present",
        capacity="secretariat",
    )
    planned.status = "held"
    planned.save()
    minutes_draft(actor=officer, meeting=planned)
    with django_capture_on_commit_callbacks(execute=True):
        minutes_circulate(actor=officer, meeting=planned, deadline=dt.date(2099, 1, 31))
    (message,) = _to(mailoutbox, "present")
    assert message.subject == "[WHITE] SSC 902: draft minutes for comment"
    assert "until 31 January 2099" in message.body
    assert f"/workspace/meetings/{planned.reference}/draft/" in message.body


def test_a_system_actor_tells_nobody(planned, mailoutbox, django_capture_on_commit_callbacks):
    from secretariat.meetings.services import meeting_cancel

    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(actor=TESTS, meeting=planned, version=planned.version, reason="Loading")
    assert mailoutbox == []
