"""The follow-up, settings, history and papers routes against every persona (part of the
workspace's matrix, kept apart so that the meeting pages' rows stay where they were).

`present`'s report on their SSC_72 action is the demo's first; `tests/test_office_matrix_keys.py`
checks that REPORT and MY_ACTION still point at it."""

from __future__ import annotations

from secretariat.access_matrix import PERSONAS, Route, only

OFFICERS = {"officer"}
# Everyone who is a person of the directory: the signed-out reader and an account of nobody
# (`outsider`) have no actions and follow nothing.
PEOPLE = frozenset(PERSONAS) - {"anonymous", "outsider"}
REPORT = 1
PAPER_FILE = 1  # the demo's WHITE paper SSC_72_P1, version 1
MY_ACTION = 2  # `present`'s action raised at SSC_72 (item 12)

ROUTES = [
    Route("workspace:my-actions", "/my/actions/", only(PEOPLE)),
    Route(
        "workspace:my-action",
        f"/my/actions/{MY_ACTION}/report/",
        # Only the owner reports, and they already have one waiting: a clear 400, nothing saved.
        only({"present"}, 400),
        method="post",
        data={"status": "complete", "note": "Done."},
    ),
    Route(
        "workspace:my-action",
        "/my/actions/999999/report/",
        only(set(), 404),
        method="post",
        data={"status": "complete", "note": "Done."},
    ),
    Route("workspace:following", "/my/bodies/", only(PEOPLE)),
    Route(
        "workspace:following",
        "/my/bodies/",
        only(PEOPLE, 303),
        method="post",
        data={"body": "TAG", "follow": "1"},
    ),
    Route("workspace:action-reports", "/workspace/action-reports/", only(OFFICERS)),
    Route(
        "workspace:action-report",
        f"/workspace/action-reports/{REPORT}/",
        only(OFFICERS, 409),
        method="post",
        data={"decision": "confirm", "version": "99"},
    ),
]

# History: SSC_72 item 12 (AMBER, in a WHITE meeting) and `present`'s AMBER action on it. The
# auditor reads as their own standing (an outsider's): the item's page, whose meeting they may
# know, but not the AMBER action, which they may not.
ITEM = 19
AUDITORS = {"auditor"}

ROUTES += [
    Route("workspace:history", f"/history/item/{ITEM}/", only(OFFICERS | AUDITORS)),
    Route("workspace:history", f"/history/action/{MY_ACTION}/", only(OFFICERS | {"present"})),
    Route("workspace:history", "/history/item/999999/", only(set())),
    Route("workspace:history", f"/history/nothing/{ITEM}/", only(set())),
    Route("workspace:auditor", "/auditor/", only(AUDITORS)),
    Route("workspace:ledger", "/auditor/ledger/", only(AUDITORS)),
    Route("workspace:trail", "/auditor/trail/?verb=item.", only(AUDITORS)),
    Route("workspace:deliveries", "/auditor/deliveries/", only(AUDITORS)),
]

# Settings: the officers' own pages; a body they do not serve is as if it were not there.
ROUTES += [
    Route("workspace:settings", "/workspace/settings/", only(OFFICERS)),
    Route("workspace:verbs", "/workspace/settings/verbs/", only(OFFICERS)),
    Route(
        "workspace:verbs",
        "/workspace/settings/verbs/",
        only(OFFICERS, 303),
        method="post",
        data={"form": "add", "word": "ENDORSED", "description": "Supported a proposal."},
    ),
    Route(
        "workspace:verbs",
        "/workspace/settings/verbs/",
        only(OFFICERS, 400),
        method="post",
        data={"form": "add", "word": "not 1 verb"},
    ),
    Route("workspace:template", "/workspace/settings/SSC/template/", only(OFFICERS)),
    Route("workspace:template", "/workspace/settings/NOPE/template/", only(set())),
    Route(
        "workspace:template",
        "/workspace/settings/SSC/template/",
        only(OFFICERS, 303),
        method="post",
        data={"form": "add", "title": "Horizon scanning", "kind": "regular", "label": "0"},
    ),
    Route("workspace:members", "/workspace/settings/SSC/members/", only(OFFICERS)),
    Route(
        "workspace:members",
        "/workspace/settings/SSC/members/",
        only(OFFICERS, 400),
        method="post",
        data={"form": "add", "role": "member", "term_start": "2026-01-01"},
    ),
]

# Papers: the officers' upload page, every reader's list and pack of a meeting they may know
# exists, and the file itself through the door (the demo's SSC_72 paper file is WHITE).
ROUTES += [
    Route("workspace:papers", "/workspace/meetings/SSC_72_2702/papers/", only(OFFICERS)),
    Route(
        "workspace:papers",
        "/workspace/meetings/SSC_72_2702/papers/",
        only(OFFICERS, 400),
        method="post",
        data={"form": "add", "item": str(ITEM), "reference": "M1", "title": "No file"},
    ),
    Route("workspace:meeting-papers", "/papers/SSC_72_2702/", only(frozenset(PERSONAS))),
    Route("workspace:meeting-papers", "/papers/SSC_99_0101/", only(set())),
    Route("workspace:pack", "/papers/SSC_72_2702/pack.pdf", only(frozenset(PERSONAS))),
    Route("workspace:pack", "/papers/SSC_99_0101/pack.pdf", only(set())),
    Route("workspace:paper-file", f"/papers/files/{PAPER_FILE}/", only(frozenset(PERSONAS))),
    Route("workspace:paper-file", "/papers/files/999999/", only(set())),
]
