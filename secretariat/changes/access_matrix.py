"""The change register's pages against every persona. The demo's changes are WHITE, as the SEC
publishes them, so every reader sees them; the officers' forms are the secretariat's alone, and
anybody else is told they are not there. Restricted texts are covered by tests/test_canaries.py,
which labels a canary into every field."""

from __future__ import annotations

from secretariat.access_matrix import PERSONAS, Route, Sees, everyone, only

OFFICER = {"officer"}
ALL = frozenset(PERSONAS)

ROUTES = [
    Route("changes:register", "/changes/", everyone(200)),
    Route("changes:detail", "/changes/DP075/", everyone(200)),
    Route("changes:detail", "/changes/dp075/", everyone(302)),
    Route("changes:detail", "/changes/SECMP0037/", everyone(200)),
    Route("changes:detail", "/changes/DP999/", everyone(404)),
    Route("changes:release", "/changes/releases/june-2019/", everyone(200)),
    Route("changes:release", "/changes/releases/june-1999/", everyone(404)),
    Route("changes:new", "/changes/new/", only(OFFICER)),
    Route(
        "changes:new", "/changes/new/", only(OFFICER, 400), method="post", data={"reference": "DP"}
    ),
    Route("changes:vocabulary", "/changes/vocabulary/", only(OFFICER)),
    Route("changes:release-new", "/changes/releases/new/", only(OFFICER)),
    Route("changes:edit", "/changes/DP075/edit/", only(OFFICER)),
    Route("changes:stage", "/changes/DP075/stage/", only(OFFICER)),
    Route("changes:convert", "/changes/DP075/convert/", only(OFFICER)),
    Route("changes:decide", "/changes/SECMP0058/decision/", only(OFFICER)),
    Route("changes:vote", "/changes/SECMP0058/votes/", only(OFFICER)),
    Route("changes:input", "/changes/DP075/input/", only(OFFICER)),
    Route("changes:input-give", "/changes/DP075/input/99999/", everyone(404)),
    Route("changes:link", "/changes/DP075/link/", only(OFFICER)),
    Route("changes:link", "/changes/DP999/link/", everyone(404)),
    Route("api:changes", "/api/changes", everyone(200)),
    Route("api:change", "/api/changes/SECMP0058", everyone(200)),
    Route("api:change", "/api/changes/DP999", everyone(404)),
    Route("api:release", "/api/changes/releases/june-2019", everyone(200)),
]

SEES = [
    Sees("/changes/DP075/", "third party metering service providers", ALL, "DP075 title"),
    Sees("/changes/", "SECMP0058", ALL, "SECMP0058 listed"),
    Sees("/changes/", "Raise a change", frozenset(OFFICER), "officer's link"),
    Sees("/changes/releases/june-2019/", "Changes to the governance of the Self-Service", ALL),
    Sees("/meetings/TABASC_45_0205/", 'href="/changes/DP073/"', ALL, "item links to DP073"),
]
