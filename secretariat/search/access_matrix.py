"""Search against every persona: the page answers everyone; what it finds is each reader's own.
SSC_72's item 1 has a RED first sub-point whose record speaks of a supplier shortlist: those who
heard it find it, nobody else does, not even by a count."""

from secretariat.access_matrix import PERSONAS, Route, Sees, everyone

ALL = frozenset(PERSONAS)

ROUTES = [
    Route("search:search", "/search/", everyone(200)),
    Route("search:search", "/search/?q=shortlist", everyone(200)),
]

SEES = [
    Sees("/search/?q=consultancy", "SSC_72_2702 item 1.1", ALL, "a WHITE outcome's item"),
    Sees(
        "/search/?q=shortlist",
        "supplier <mark>shortlist</mark>",
        frozenset({"officer", "chair", "present"}),
        "RED record of an item heard",
    ),
    Sees("/search/?q=shortlist", "1 result", frozenset({"officer", "chair", "present"}), "count"),
]
