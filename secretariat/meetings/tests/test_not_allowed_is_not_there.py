"""A meeting the reader may not know about answers exactly like one that does not exist."""

from __future__ import annotations

import datetime as dt

from secretariat.meetings.tests.factories import make_meeting


def test_it_answers_404_alike_for_hidden_and_missing_meetings(client_as):
    hidden = make_meeting(
        number=903,
        items=2,
        label="RED",
        date=dt.date(2020, 2, 5),
        present=("chair",),
        apologies=("absent",),
    )
    client = client_as("absent")
    restricted = client.get(f"/meetings/{hidden.reference}/")
    missing = client.get("/meetings/SSC_904_0502/")
    assert restricted.status_code == missing.status_code == 404
    assert restricted.content == missing.content
    assert client_as("chair").get(f"/meetings/{hidden.reference}/").status_code == 200


def test_it_hides_a_red_meeting_from_the_body_listing(client_as):
    hidden = make_meeting(
        number=905, items=1, label="RED", date=dt.date(2020, 3, 4), present=("chair",), apologies=()
    )
    listing = client_as("absent").get("/bodies/SSC/?year=2020").content.decode()
    assert hidden.reference not in listing
    assert hidden.reference in client_as("chair").get("/bodies/SSC/?year=2020").content.decode()
