"""Calendars against every persona. A calendar leaves the site, so it carries at most AMBER even
for a reader who reads RED on the site; the body's calendar is the public's, whoever asks."""

from secretariat.access_matrix import PERSONAS, Route, Sees, everyone, only

ALL = frozenset(PERSONAS)
SIGNED_IN = ALL - {"anonymous"}

ROUTES = [
    Route("calendars:body", "/bodies/SSC/meetings.ics", everyone(200)),
    Route("calendars:body", "/bodies/NOPE/meetings.ics", everyone(404)),
    Route("calendars:meeting", "/meetings/SSC_72_2702.ics", everyone(200)),
    Route("calendars:meeting", "/meetings/SSC_99_0101.ics", everyone(404)),
    Route("calendars:feeds", "/calendar/", {**only(SIGNED_IN), "anonymous": 302}),
    Route(
        "calendars:revoke",
        "/calendar/999999/revoke",
        {**only(set(), otherwise=404), "anonymous": 302},
        method="post",
    ),
    Route("calendars:personal", "/calendar/not-a-calendar.ics", everyone(404)),
]

SEES = [
    Sees("/bodies/SSC/meetings.ics", "SSC_72_2702", ALL, "a WHITE meeting's reference"),
    Sees("/meetings/SSC_72_2702.ics", "Matters Arising", ALL, "a WHITE item title"),
    Sees(
        "/meetings/SSC_72_2702.ics",
        "supplier shortlist and budget",
        frozenset(),
        "RED text never in a calendar",
    ),
]
