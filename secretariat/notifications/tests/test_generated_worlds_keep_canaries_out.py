"""Over generated worlds (a meeting's label and date, its items' title labels, who attended in
which way), every email of an announcement holds exactly the item titles that the database's
door (`visible_items` with `Reader.q`) gives its recipient off the site, never a RED one, and its
subject carries the highest label among them and the meeting's."""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.calendars.ics import off_site
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.labels.models import Label
from secretariat.meetings.access import visible_items
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.readers import reader_for
from secretariat.meetings.services import attendance_record, item_add, meeting_create
from secretariat.notifications.sending import send_immediate
from secretariat.notifications.services import papers_announce
from secretariat.notifications.subscriptions import subscription_set

LABELS = st.sampled_from(list(Label))
PEOPLE = ["chair", "present", "absent", "party", "panel"]
NUMBERS = itertools.count(7000)

worlds = st.tuples(
    st.sampled_from([Label.WHITE, Label.GREEN, Label.AMBER]),
    st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.lists(LABELS, min_size=1, max_size=4),
    st.dictionaries(st.sampled_from(PEOPLE), st.sampled_from(["present", "apologies"])),
    st.sets(st.sampled_from(PEOPLE)),
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds)
def test_every_email_holds_what_the_door_gives_off_the_site(db, world):
    label, date, title_labels, attendance, listeners = world
    body = Body.objects.get(code="SSC")
    meeting = meeting_create(actor=TESTS, body=body, number=next(NUMBERS), date=date, label=label)
    for position, title_label in enumerate(title_labels):
        item_add(
            actor=TESTS,
            meeting=meeting,
            title=f"CANARY-{position}-{Label(title_label).name}",
            title_label=title_label,
        )
    for username, status in attendance.items():
        attendance_record(
            actor=TESTS,
            meeting=meeting,
            person=Person.objects.get(user__username=username),
            status=status,
            capacity="member",
        )
    for username in listeners:
        # People outside the body who chose to hear of it, through their own choice's service.
        user = get_user_model().objects.get(username=username)
        subscription_set(actor=user, person=user.person, body=body, mode="all")
    mail.outbox = []
    papers_announce(actor=get_user_model().objects.get(username="officer"), meeting=meeting)
    send_immediate()
    people = {p.email: p for p in Person.objects.select_related("user").exclude(email="")}
    items = AgendaItem.objects.filter(meeting=meeting, parent=None)
    for message in mail.outbox:
        person = people[message.to[0]]
        reader = off_site(reader_for(person.user, second_factor=True))
        door = set(
            visible_items(reader, items, label="title_label").values_list("title", flat=True)
        )
        held = {word for word in message.body.split() if word.startswith("CANARY-")}
        assert held == door, (person, message.body)
        assert not any(word.endswith("-RED") for word in held)
        expected = max([Label(label), *(Label[word.rsplit("-", 1)[1]] for word in held)])
        assert message.subject.startswith(f"[{expected.name}] "), message.subject
