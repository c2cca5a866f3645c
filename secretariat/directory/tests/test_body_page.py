import datetime as dt

from secretariat.meetings.tests.factories import make_meeting


def test_it_lists_current_members_and_the_meetings_of_a_year(client_as):
    html = client_as("anonymous").get("/bodies/SSC/").content.decode()
    assert "Helen Marsh" in html and "Chair" in html
    assert "SSC_72_2702" in html


def test_it_answers_htmx_with_the_meetings_fragment_only(client_as):
    make_meeting(number=950, items=1, date=dt.date(2021, 6, 2))
    client = client_as("anonymous")
    full = client.get("/bodies/SSC/?year=2021").content.decode()
    fragment = client.get("/bodies/SSC/?year=2019", headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and "SSC_950_0206" in full
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="meetings">')
    assert "SSC_72_2702" in fragment and "SSC_950_0206" not in fragment
