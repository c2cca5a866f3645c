"""The agenda builder: add, nest, reorder by button and by a dropped order, label each fragment
and see who it will reach, and the meeting's high-water mark as it changes."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Person
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.services import attendance_record, item_add
from secretariat.workspace.services import meeting_plan

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def meeting(db):
    meeting = meeting_plan(
        actor=TESTS, body=Body.objects.get(code="SSC"), number=500, date=dt.date(2031, 4, 2)
    )
    attendance_record(
        actor=TESTS,
        meeting=meeting,
        person=Person.objects.get(user__username="officer"),
        status="present",
        capacity="secretariat",
    )
    for title in ("Welcome", "Minutes", "Any Other Business"):
        item_add(actor=TESTS, meeting=meeting, title=title)
    return meeting


def _url(meeting, rest=""):
    return f"/workspace/meetings/{meeting.reference}/{rest}"


def _titles(meeting, parent=None):
    return list(
        AgendaItem.objects.filter(meeting=meeting, parent=parent)
        .order_by("number")
        .values_list("title", flat=True)
    )


def test_it_adds_items_with_a_label_on_each_fragment_and_a_paper(client_as, meeting):
    client = client_as("officer")
    response = client.post(
        _url(meeting, "items/"),
        {
            "title": "Security incident",
            "title_label": "0",
            "summary": "The SSC heard of an incident.",
            "summary_label": "1",
            "restricted_text": "Which party and what happened.",
            "label": "3",
            "presenter": "SECAS",
            "paper_reference": "SSC_500_01",
            "paper_title": "Incident report",
            "paper_label": "3",
        },
        **HX,
    )
    assert response.status_code == 200
    item = AgendaItem.objects.get(meeting=meeting, title="Security incident")
    assert (item.title_label, item.summary_label, item.label) == (0, 1, 3)
    assert [p.reference for p in item.papers.all()] == ["SSC_500_01"]
    page = response.content.decode()
    assert 'id="agenda"' in page and "<html" not in page
    assert "High-water mark of the meeting's record:" in page and 'title="TLP:RED"' in page


def test_it_shows_the_high_water_mark_rise_as_items_are_added(client_as, meeting):
    client = client_as("officer")
    first = client.get(_url(meeting, "agenda/")).content.decode()
    assert 'record: <span class="tlp tlp-white"' in first
    client.post(_url(meeting, "items/"), {"title": "Amber thing", "label": "2"})
    after = client.get(_url(meeting, "agenda/")).content.decode()
    assert 'record: <span class="tlp tlp-amber"' in after


def test_it_nests_a_sub_point_under_an_item(client_as, meeting):
    client = client_as("officer")
    client.post(_url(meeting, "items/"), {"title": "Matters Arising"})
    parent = AgendaItem.objects.get(meeting=meeting, title="Matters Arising")
    client.post(_url(meeting, "items/"), {"title": "A point", "parent": parent.pk})
    assert _titles(meeting, parent) == ["A point"]


def test_it_moves_an_item_up_and_down_with_buttons(client_as, meeting):
    client = client_as("officer")
    before = _titles(meeting)
    last = AgendaItem.objects.get(meeting=meeting, parent=None, number=len(before))
    response = client.post(_url(meeting, f"items/{last.pk}/move/"), {"direction": "up"})
    assert response.status_code == 303
    assert _titles(meeting) == [*before[:-2], before[-1], before[-2]]
    client.post(_url(meeting, f"items/{last.pk}/move/"), {"direction": "down"})
    assert _titles(meeting) == before


def test_it_takes_a_whole_new_order_as_drag_and_drop_leaves_it(client_as, meeting):
    client = client_as("officer")
    ids = list(
        AgendaItem.objects.filter(meeting=meeting, parent=None)
        .order_by("number")
        .values_list("pk", flat=True)
    )
    before = _titles(meeting)
    order = ",".join(str(pk) for pk in reversed(ids))
    assert client.post(_url(meeting, "agenda/order/"), {"order": order}, **HX).status_code == 200
    assert _titles(meeting) == list(reversed(before))
    # An order built from an agenda that has changed since is refused, and nothing moves.
    stale = client.post(_url(meeting, "agenda/order/"), {"order": str(ids[0])}, **HX)
    assert stale.status_code == 409
    assert "reload it" in stale.content.decode()
    assert _titles(meeting) == list(reversed(before))


def test_it_says_who_each_label_will_reach_at_this_meeting(client_as, meeting):
    client = client_as("officer")
    red = client.get(_url(meeting, "agenda/audience/?label=3"), **HX).content.decode()
    assert "Only those recorded present at this meeting" in red and "Sam Okafor" in red
    assert "Helen Marsh" not in red
    amber = client.get(_url(meeting, "agenda/audience/?summary_label=2"), **HX).content.decode()
    assert "members of SSC" in amber and "Helen Marsh" in amber and "Tom Reilly" in amber
    white = client.get(_url(meeting, "agenda/audience/?title_label=0"), **HX).content.decode()
    assert "the public" in white


def test_it_names_the_bad_label_and_adds_nothing(client_as, meeting):
    before = AgendaItem.objects.filter(meeting=meeting).count()
    response = client_as("officer").post(
        _url(meeting, "items/"), {"title": "Bad", "label": "PURPLE"}, **HX
    )
    assert response.status_code == 400
    assert "&#x27;PURPLE&#x27; is not a label" in response.content.decode()
    assert AgendaItem.objects.filter(meeting=meeting).count() == before
