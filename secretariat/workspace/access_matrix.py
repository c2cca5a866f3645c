"""The workspace's pages against every persona: they are the officers' own, so everyone else gets
404 (a reader who is not an officer of the body may not know the drafts exist).

Item addresses use the demo's primary keys: the demo creates SSC_72's items early on a fresh
database; `tests/test_access_matrix_keys.py` checks that the addresses still point at item 12."""

from __future__ import annotations

from secretariat.access_matrix import Route, only
from secretariat.workspace.office import access_matrix as office_matrix

OFFICERS = {"officer"}
SSC_72 = "/workspace/meetings/SSC_72_2702/"
# SSC_72 item 12 (AMBER) and its outcome and action, as the demo numbers them.
ITEM = 19
OUTCOME = 17
ACTION = 2


def officers(code: int = 200) -> dict[str, int]:
    return only(OFFICERS, code)


ROUTES = [
    Route("workspace:index", "/workspace/", officers()),
    Route("workspace:reports", "/workspace/reports/", officers()),
    Route("workspace:plan", "/workspace/bodies/SSC/plan/", officers()),
    Route("workspace:plan", "/workspace/bodies/NOPE/plan/", officers(404)),
    Route(
        "workspace:plan",
        "/workspace/bodies/SSC/plan/",
        officers(303),
        method="post",
        data={"number": "990", "date": "2031-01-08", "start_time": "10:00"},
    ),
    Route(
        "workspace:plan",
        "/workspace/bodies/SSC/plan/",
        officers(400),
        method="post",
        data={"number": "72", "date": "2031-01-08"},
    ),
    Route("workspace:meeting", SSC_72, officers()),
    Route("workspace:meeting", "/workspace/meetings/SSC_99_0101/", officers(404)),
    Route(
        "workspace:meeting",
        SSC_72,
        officers(409),
        method="post",
        data={
            "number": "72",
            "date": "2019-02-27",
            "status": "held",
            "label": "0",
            "version": "99",
        },
    ),
    # Cancelling: the confirmation page; SSC_72 was held, so the POST is refused, naming why.
    Route("workspace:cancel", f"{SSC_72}cancel/", officers()),
    Route("workspace:cancel", "/workspace/meetings/SSC_99_0101/cancel/", officers(404)),
    Route(
        "workspace:cancel",
        f"{SSC_72}cancel/",
        officers(400),
        method="post",
        data={"reason": "Matrix", "version": "1"},
    ),
    Route("workspace:agenda", f"{SSC_72}agenda/", officers()),
    Route("workspace:audience", f"{SSC_72}agenda/audience/?label=3", officers()),
    Route(
        "workspace:item-add",
        f"{SSC_72}items/",
        officers(303),
        method="post",
        data={"title": "Matrix item", "label": "1"},
    ),
    Route(
        "workspace:item-add",
        f"{SSC_72}items/",
        officers(400),
        method="post",
        data={"title": "Matrix item", "label": "PURPLE"},
    ),
    # The register's records on an SSC agenda: the demo's FUSA of Large Supplier 'B' awaits.
    Route(
        "workspace:item-register",
        f"{SSC_72}items/register/",
        officers(303),
        method="post",
        data={"record": "assessment:2"},
    ),
    Route(
        "workspace:item-register",
        f"{SSC_72}items/register/",
        officers(400),
        method="post",
        data={"record": "assessment:999999"},
    ),
    Route("workspace:item", f"{SSC_72}items/{ITEM}/", officers()),
    Route("workspace:item", f"{SSC_72}items/999999/", officers(404)),
    Route(
        "workspace:item",
        f"{SSC_72}items/{ITEM}/",
        officers(409),
        method="post",
        data={"title": "Stale", "version": "99"},
    ),
    Route(
        "workspace:item-move",
        f"{SSC_72}items/{ITEM}/move/",
        officers(303),
        method="post",
        data={"direction": "down"},
    ),
    Route(
        "workspace:reorder",
        f"{SSC_72}agenda/order/",
        officers(409),
        method="post",
        data={"order": "1"},
    ),
    Route("workspace:attendance", f"{SSC_72}attendance/", officers()),
    Route(
        "workspace:attendance",
        f"{SSC_72}attendance/",
        officers(303),
        method="post",
        data={},
    ),
    Route("workspace:minutes", f"{SSC_72}minutes/", officers()),
    Route(
        "workspace:minute",
        f"{SSC_72}minutes/{ITEM}/",
        officers(409),
        method="post",
        data={"summary": "Stale", "version": "99"},
    ),
    Route(
        "workspace:minute-draft",
        f"{SSC_72}minutes/{ITEM}/draft/",
        officers(400),
        method="post",
        data={"field": "title", "version": "1"},
    ),
    Route(
        "workspace:minute-draft",
        f"{SSC_72}minutes/{ITEM}/draft/",
        officers(303),
        method="post",
        data={"discard": "1"},
    ),
    Route(
        "workspace:outcome-add",
        f"{SSC_72}minutes/{ITEM}/outcomes/",
        officers(303),
        method="post",
        data={"verb": "NOTED", "text": "the matrix", "outcome_label": "0"},
    ),
    Route(
        "workspace:outcome",
        f"{SSC_72}minutes/{ITEM}/outcomes/{OUTCOME}/",
        officers(409),
        method="post",
        data={"verb": "NOTED", "text": "the matrix", "version": "99"},
    ),
    Route(
        "workspace:action-add",
        f"{SSC_72}minutes/{ITEM}/actions/",
        officers(400),
        method="post",
        data={"text": "Nobody owns this"},
    ),
    Route(
        "workspace:action",
        f"{SSC_72}minutes/{ITEM}/actions/{ACTION}/",
        officers(409),
        method="post",
        data={"text": "Stale", "version": "99"},
    ),
    # The minutes' life and publishing: SSC_72's documents are all published, so its draft is
    # out for comment to nobody (404 to all); a step that is not one answers 400.
    Route("workspace:publish", f"{SSC_72}publish/", officers()),
    Route("workspace:publish", "/workspace/meetings/SSC_99_0101/publish/", officers(404)),
    Route(
        "workspace:publish",
        f"{SSC_72}publish/",
        officers(400),
        method="post",
        data={"step": "nope"},
    ),
    Route(
        "workspace:publish",
        f"{SSC_72}publish/",
        officers(400),
        method="post",
        data={"step": "circulate", "deadline": "2031-01-08"},
    ),
    Route("workspace:draft", f"{SSC_72}draft/", only(set(), 200)),
    Route(
        "workspace:draft", f"{SSC_72}draft/", only(set(), 200), method="post", data={"text": "x"}
    ),
    Route("workspace:terms", "/workspace/sensitive-terms/", officers()),
    Route(
        "workspace:terms",
        "/workspace/sensitive-terms/",
        officers(400),
        method="post",
        data={"term": "  "},
    ),
    Route(
        "workspace:terms",
        "/workspace/sensitive-terms/",
        officers(303),
        method="post",
        data={"term": "Project Matrix", "label": "3"},
    ),
]

ROUTES += office_matrix.ROUTES
