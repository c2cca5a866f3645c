"""A person's choices through HTTP (digest, nothing), the daily digest gathering a day's
messages into one, the one-click unsubscribe from the link an email carries, and `secretariat
notify`'s reminders: rerun the same day, it sends nothing twice."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from secretariat.actions.models import Action
from secretariat.core import clock
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.services import meeting_cancel, meeting_create
from secretariat.notifications.models import Mode, Notice, Subscription
from secretariat.notifications.sending import send_immediate


def _meeting(number):
    return meeting_create(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=number, date=dt.date(2031, 5, 7)
    )


def _cancel(client, meeting, capture):
    with capture(execute=True):
        answer = client.post(
            f"/workspace/meetings/{meeting.reference}/cancel/",
            {"reason": "Moved", "version": meeting.version},
        )
    assert answer.status_code == 303


def _to(outbox, username):
    email = Person.objects.get(user__username=username).email
    return [m for m in outbox if email in m.to]


def test_it_gathers_a_digest_of_the_days_messages(
    client_as, mailoutbox, django_capture_on_commit_callbacks
):
    page = client_as("present").get("/my/notifications/")
    assert page.status_code == 200 and "One daily digest" in page.content.decode()
    chose = client_as("present").post("/my/notifications/", {"body": "SSC", "mode": "digest"})
    assert chose.status_code == 303
    officer = client_as("officer")
    for number in (903, 904):
        _cancel(officer, _meeting(number), django_capture_on_commit_callbacks)
    assert _to(mailoutbox, "present") == []
    assert len(_to(mailoutbox, "chair")) == 2
    Action.objects.update(due_date=None)  # no reminders of the demo's actions in this digest
    call_command("notify", stdout=StringIO())
    (digest,) = _to(mailoutbox, "present")
    gathered = Notice.objects.filter(person__user__username="present", digest=True)
    assert gathered.filter(sent_at=None).count() == 0
    assert digest.subject == f"[WHITE] secretariat: your daily digest ({gathered.count()})"
    assert "== [WHITE] SSC 903: meeting cancelled ==" in digest.body and "SSC 904" in digest.body
    assert "== " not in _to(mailoutbox, "chair")[0].body  # one message needs no heading
    call_command("notify", stdout=StringIO())
    assert len(_to(mailoutbox, "present")) == 1


def test_it_unsubscribes_with_the_emails_link_without_signing_in(
    client_as, mailoutbox, django_capture_on_commit_callbacks
):
    _cancel(client_as("officer"), _meeting(905), django_capture_on_commit_callbacks)
    (message,) = _to(mailoutbox, "present")
    link = re.search(r"<(http[^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    path = link.split("://", 1)[1].split("/", 1)[1]
    anonymous = Client(enforce_csrf_checks=True)
    confirm = anonymous.get(f"/{path}")
    assert confirm.status_code == 200 and "Stop these emails" in confirm.content.decode()
    present = Person.objects.get(user__username="present")
    assert not Subscription.objects.filter(person=present).exists()
    # What a mail client sends for one-click unsubscribe (RFC 8058), no CSRF token.
    done = anonymous.post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert Subscription.objects.get(person=present).mode == Mode.NONE
    mailoutbox.clear()
    _cancel(client_as("officer"), _meeting(906), django_capture_on_commit_callbacks)
    assert _to(mailoutbox, "present") == [] and _to(mailoutbox, "chair")
    forged = anonymous.post(f"/{path[:-3]}xx/")
    assert forged.status_code == 404


def test_it_refuses_a_mode_it_does_not_know_naming_the_field(client_as):
    answer = client_as("present").post("/my/notifications/", {"body": "SSC", "mode": "weekly"})
    assert answer.status_code == 400
    assert "&#x27;weekly&#x27; is not one of: all, digest, none." in answer.content.decode()


@pytest.fixture
def due_action(db):
    action = Action.objects.filter(status__in=Action.OUTSTANDING).select_related("owner").first()
    Action.objects.filter(status__in=Action.OUTSTANDING).exclude(pk=action.pk).update(due_date=None)
    Action.objects.filter(pk=action.pk).update(due_date=clock.today() + dt.timedelta(days=3))
    return action


def test_notify_reminds_an_owner_once_however_often_it_runs(due_action, mailoutbox):
    owner_email = due_action.owner.email
    out = StringIO()
    call_command("notify", stdout=out)
    mine = [m for m in mailoutbox if owner_email in m.to and due_action.reference in m.subject]
    assert len(mine) == 1
    assert mine[0].subject.endswith(f"action {due_action.reference} due soon")
    assert "RED" not in mine[0].subject
    before = len(mailoutbox)
    call_command("notify", stdout=out)
    assert len(mailoutbox) == before
    assert "0 new notice(s); 0 email(s) sent, 0 digest(s) sent." in out.getvalue()
    # Overdue is its own occasion: told once more, then never again.
    Action.objects.filter(pk=due_action.pk).update(due_date=clock.today() - dt.timedelta(days=1))
    call_command("notify", stdout=out)
    call_command("notify", stdout=out)
    overdue = [m for m in mailoutbox if m.subject.endswith(f"{due_action.reference} overdue")]
    assert len(overdue) == 1


def test_sending_to_more_people_costs_no_more_queries_per_person(db, mailoutbox):
    """The content is loaded once for every recipient; each recipient costs only their own
    reader (their memberships), so the cost per added recipient is bounded."""
    people = list(Person.objects.exclude(user=None).exclude(email="").select_related("user"))
    assert len(people) >= 6
    counts = []
    for size, number in ((3, 907), (6, 908)):
        meeting = _meeting(number)
        meeting_cancel(actor=TESTS, meeting=meeting, version=meeting.version, reason="x")
        Notice.objects.bulk_create(
            Notice(
                person=p,
                body=meeting.body,
                kind="cancelled",
                key=f"test:{number}",
                meeting=meeting,
                created_at=clock.now(),
            )
            for p in people[:size]
        )
        with CaptureQueriesContext(connection) as queries:
            send_immediate()
        counts.append(len(queries))
    per_person = (counts[1] - counts[0]) / 3
    # Measured: 7 queries for 3 people, 11 for 6 (one memberships query per person).
    assert per_person <= 2, counts


def test_notify_tells_of_a_due_assessment_without_its_red_details(db, mailoutbox):
    from secretariat.assurance import planner

    rows = [row for row in planner.due_and_overdue(clock.today()) if row.due_on]
    if not rows:
        pytest.skip("nothing on the demo's register falls due today")
    call_command("notify", stdout=StringIO())
    told = [m for m in mailoutbox if m.subject == "[WHITE] SSC: an assessment falls due"]
    officer = Person.objects.get(user__username="officer")
    assert any(officer.email in m.to for m in told)
    for message in told:
        assert "Its details are RED: they open only on the site." in message.body
        for row in rows:
            assert row.organisation.name not in message.body
