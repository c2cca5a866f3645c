"""The whole API against its own OpenAPI, property-based (schemathesis): every operation with
data generated from its schema, valid and invalid, sent with an officer's API token to the
application in-process on the test database (SQLite or PostgreSQL, whichever the run uses).

Each answer must not be a server error, must carry a status code, content type and body that
the OpenAPI documents, and invalid input must be refused. Sizes: MAX_EXAMPLES examples for each
of the API's operations (16 today), some 1,600 requests, about a minute on each engine on
this machine (two cores).
Writes land in the test's transaction and are rolled back after each operation."""

from __future__ import annotations

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from secretariat.workspace.access_matrix import ACTION, ITEM, OUTCOME
from secretariat.workspace.tokens import token_create

MAX_EXAMPLES = 100
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def in_process(db):
    # As Django's test client does: a request must not close the connection that holds the
    # test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def officer_token(db):
    _, token = token_create(actor=get_user_model().objects.get(username="officer"), name="fuzz")
    return token


# Read from the application itself (no database is needed to describe the API).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
# Random references and ids name nothing: half the time, name the demo's SSC_72 and an AMBER
# item of it with its outcome and action, so that the writes reach their services too.
REAL = {
    "reference": "SSC_72_2702",
    "item_id": ITEM,
    "outcome_id": OUTCOME,
    "action_id": ACTION,
    "code": "SSC",
}


def _valid(name: str, value) -> bool:
    # Only a valid value is swapped for a real one: an invalid one is what a negative case
    # tests, and swapping it would turn the case valid behind schemathesis's back.
    if name.endswith("_id"):
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)


@schema.hook
def flatmap_path_parameters(context, parameters):
    if not isinstance(parameters, dict):
        return st.just(parameters)
    swapped = {k: REAL[k] for k, v in parameters.items() if k in REAL and _valid(k, v)}
    if not swapped:
        return st.just(parameters)
    return st.sampled_from([parameters, {**parameters, **swapped}])


@schema.hook
def flatmap_body(context, body):
    given = body.get("body") if isinstance(body, dict) else None
    if isinstance(given, str) and len(given) <= 20:
        return st.sampled_from([body, {**body, "body": "SSC"}])
    return st.just(body)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_it_answers_every_operation_as_its_openapi_says(case, in_process, officer_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {officer_token}"}, checks=CHECKS)
