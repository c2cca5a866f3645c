"""The operations register's pages against every persona.

The demo's incidents, owed report and DQSG issues are AMBER in the OPSG's (or DQSG's) scope, and
no persona but the officer sits on those bodies; the performance measures are GREEN (the
community); the Certified Products List is WHITE, and its remediation deadlines AMBER for the
SSC's members. Devices and the owed report are addressed by the demo's primary keys: the demo
creates them first on a fresh database. The officers' forms are the secretariat's alone."""

from __future__ import annotations

from secretariat.access_matrix import PERSONAS, Route, Sees, everyone, only

OFFICER = {"officer"}
COMMUNITY = {"officer", "chair", "present", "absent", "party", "panel"}
SSC = {"officer", "chair", "present", "absent"}
ALL = frozenset(PERSONAS)

ROUTES = [
    Route("operations:overview", "/operations/", everyone(200)),
    Route("operations:incident", "/operations/incidents/MI-2019-04-01/", only(OFFICER)),
    Route("operations:incident", "/operations/incidents/MI-1999-01-01/", everyone(404)),
    Route("operations:measure", "/operations/measures/ota-firmware/", only(COMMUNITY)),
    Route("operations:measure", "/operations/measures/nothing/", everyone(404)),
    Route("operations:issue", "/operations/issues/DQ-001/", only(OFFICER)),
    Route("operations:device", "/operations/devices/1/", everyone(200)),
    Route("operations:device", "/operations/devices/99999/", everyone(404)),
    Route("operations:new", "/operations/new/incident/", only(OFFICER)),
    Route("operations:new", "/operations/new/nothing/", everyone(404)),
    Route(
        "operations:new",
        "/operations/new/cause/",
        only(OFFICER, 400),
        method="post",
        data={"name": ""},
    ),
    Route("operations:incident-edit", "/operations/incidents/MI-2019-04-01/edit/", only(OFFICER)),
    Route(
        "operations:incident-review", "/operations/incidents/MI-2019-04-01/review/", only(OFFICER)
    ),
    Route("operations:value", "/operations/measures/ota-firmware/value/", only(OFFICER)),
    Route("operations:owed-update", "/operations/owed/1/", only(OFFICER)),
    Route(
        "operations:issue-reprioritise", "/operations/issues/DQ-001/reprioritise/", only(OFFICER)
    ),
    Route("operations:issue-close", "/operations/issues/DQ-001/close/", only(OFFICER)),
    Route("operations:certificate", "/operations/devices/1/certificate/", only(OFFICER)),
    Route("operations:deadline", "/operations/devices/1/deadline/", only(OFFICER)),
    Route("api:operations", "/api/operations", everyone(200)),
]

SEES = [
    Sees("/operations/", "MI-2019-04-01", frozenset(OFFICER), "AMBER incident"),
    Sees("/operations/", "Large unexpected volumes of Service Requests", frozenset(OFFICER)),
    Sees("/operations/", "Over The Air (OTA) firmware", frozenset(COMMUNITY), "GREEN measure"),
    Sees("/operations/", "Incorrect DNO certificates", frozenset(OFFICER), "AMBER issue"),
    Sees("/operations/", "for Network Operators to check", frozenset(OFFICER), "AMBER owed"),
    Sees("/operations/", "DCC planned final LSC submission", ALL, "WHITE milestone"),
    Sees("/operations/", "Demo Meters Ltd", ALL, "WHITE CPL device"),
    Sees("/operations/devices/1/", "considers removal from the CPL", frozenset(SSC), "deadline"),
    Sees("/api/operations", "MI-2019-04-01", frozenset(OFFICER), "AMBER incident, JSON"),
    Sees("/api/operations", "ota-firmware", frozenset(COMMUNITY), "GREEN measure, JSON"),
    Sees(
        "/meetings/OPSG_32_1405/", 'href="/operations/incidents/MI-2019-04-01/"', frozenset(OFFICER)
    ),
]
