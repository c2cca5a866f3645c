"""Canaries in every restricted field of an announcement (item titles and a paper's title at
GREEN, AMBER and RED) reach an email only when its recipient may read them off the site: RED
never, even to a reader who heard the item and opens RED on the site; AMBER only to the body's
members and secretariat. The subject carries the highest label the email holds."""

from __future__ import annotations

import re

import pytest

from secretariat.calendars.ics import off_site
from secretariat.directory.models import Person
from secretariat.labels.models import Label
from secretariat.meetings.access import item_scope
from secretariat.meetings.models import AgendaItem, Paper
from secretariat.meetings.readers import reader_for

REFERENCE = "SSC_72_2702"
CANARIES = {
    Label.GREEN: "CANARY-GREEN-title",
    Label.AMBER: "CANARY-AMBER-title",
    Label.RED: "CANARY-RED-title",
}
PAPER_RED = "CANARY-RED-paper"
LISTENERS = ("party", "panel")


@pytest.fixture
def titled(db):
    """Every item title and paper title of SSC_72 WHITE, but three canaries above it."""
    items = AgendaItem.objects.filter(meeting__reference=REFERENCE, parent=None).order_by("number")
    items.update(title_label=Label.WHITE)
    Paper.objects.filter(items__meeting__reference=REFERENCE).update(title_label=Label.WHITE)
    chosen = list(items[2:5])
    for item, (label, canary) in zip(chosen, CANARIES.items(), strict=True):
        AgendaItem.objects.filter(pk=item.pk).update(title=canary, title_label=label)
    paper = Paper.objects.filter(items__meeting__reference=REFERENCE).first()
    if paper is not None:
        Paper.objects.filter(pk=paper.pk).update(title=PAPER_RED, title_label=Label.RED)
    return {label: item for item, label in zip(chosen, CANARIES, strict=True)}


def _announce(client_as, capture):
    # People outside the body who chose to hear of it get the email too, at their own reach.
    for persona in LISTENERS:
        assert (
            client_as(persona)
            .post("/my/notifications/", {"body": "SSC", "mode": "all"})
            .status_code
            == 303
        )
    with capture(execute=True):
        answer = client_as("officer").post(f"/workspace/meetings/{REFERENCE}/papers/announce/")
    assert answer.status_code == 303


def test_it_sends_each_recipient_only_what_they_may_read_off_the_site(
    titled, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    _announce(client_as, django_capture_on_commit_callbacks)
    assert len(mailoutbox) >= 4
    people = {p.email: p for p in Person.objects.select_related("user").exclude(email="")}
    seen = set()
    for message in mailoutbox:
        person = people[message.to[0]]
        seen.add(person.user.username if person.user else None)
        html = message.alternatives[0][0]
        # Even with a second factor on the site, an email is read off it.
        reader = off_site(reader_for(person.user, second_factor=True))
        held = Label.WHITE
        for label, item in titled.items():
            expected = reader.admits(label, item_scope(item))
            assert (CANARIES[label] in message.body) is expected, (person, label)
            assert (CANARIES[label] in html) is expected, (person, label)
            if expected:
                held = max(held, label)
        assert "CANARY-RED" not in message.body + html + message.subject
        assert PAPER_RED not in message.body
        match = re.match(r"\[(WHITE|GREEN|AMBER)\] SSC 72: papers published$", message.subject)
        assert match, message.subject
        assert match.group(1) == held.name, (person, message.subject)
    # The body's members read the AMBER canary; the listeners outside it do not.
    assert {"present", "chair", "party", "panel"} <= seen


def test_it_never_sends_red_to_a_red_reader(
    titled, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    # `present` heard SSC_72 and reads its RED on the site with a second factor.
    present = Person.objects.get(user__username="present")
    red = titled[Label.RED]
    assert reader_for(present.user, second_factor=True).admits(Label.RED, item_scope(red))
    _announce(client_as, django_capture_on_commit_callbacks)
    (message,) = [m for m in mailoutbox if present.email in m.to]
    assert CANARIES[Label.AMBER] in message.body
    assert "CANARY-RED" not in message.body and "supplier shortlist" not in message.body
    assert message.subject.startswith("[AMBER] ")
