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
