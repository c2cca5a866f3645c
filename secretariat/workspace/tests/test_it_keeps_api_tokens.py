"""API tokens through the real door: made, listed and revoked on the tokens page, presented as
a bearer token, and every making, revoking and failed use in the audit log."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from secretariat.audit.models import AuditEvent
from secretariat.workspace.token_models import ApiToken

RED = "Demo confidential record of Full User Security Assessment"
AMBER = "option analysis for SMKI certificate segmentation"


def _make(client, name="Reporting") -> str:
    response = client.post("/my/tokens/", {"name": name})
    assert response.status_code == 201
    return re.search(r'id="new-token">(sct_[^<]+)<', response.content.decode())[1]


def _bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.django_db
def test_it_makes_a_token_shown_once_and_keeps_only_its_digest(client_as):
    client = client_as("present")
    token = _make(client)
    row = ApiToken.objects.get(user__username="present")
    assert token.startswith(f"sct_{row.prefix}_")
    assert token not in (row.digest, row.prefix) and len(row.digest) == 64
    # Listed afterwards by its prefix, never again in full.
    page = client.get("/my/tokens/").content.decode()
    assert f"sct_{row.prefix}_…" in page and token not in page
    event = AuditEvent.objects.get(verb="api_token.create", object_id=str(row.pk))
    assert event.actor.username == "present" and token not in str(event.changes)


@pytest.mark.django_db
def test_it_reads_as_the_person_at_most_amber(client_as):
    token = _make(client_as("present"))
    answer = _bearer(token).get("/api/meetings/SSC_72_2702")
    assert answer.status_code == 200
    text = answer.content.decode()
    # The member recorded present reads AMBER with the token, and RED only in a session.
    assert AMBER in text and RED not in text
    assert RED in client_as("present").get("/api/meetings/SSC_72_2702").content.decode()
    assert "private" in answer["Cache-Control"] and "Authorization" in answer["Vary"]


@pytest.mark.django_db
def test_it_refuses_a_revoked_token_with_401_and_audits_it(client_as):
    client = client_as("officer")
    token = _make(client)
    row = ApiToken.objects.get(user__username="officer")
    response = client.post(f"/my/tokens/{row.pk}/revoke/")
    assert response.status_code == 303
    assert AuditEvent.objects.filter(verb="api_token.revoke", object_id=str(row.pk)).exists()
    answer = _bearer(token).get("/api/meetings")
    assert answer.status_code == 401
    assert answer.json() == {"detail": "The API token is unknown, revoked or malformed."}
    failure = AuditEvent.objects.get(verb="api_token.failure", object_id=str(row.pk))
    assert failure.changes["reason"]["value"] == "revoked"


@pytest.mark.django_db
def test_it_refuses_an_unknown_or_forged_token_with_401(client_as):
    token = _make(client_as("present"))
    row = ApiToken.objects.get(user__username="present")
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert _bearer(forged).get("/api/bodies").status_code == 401
    failure = AuditEvent.objects.get(verb="api_token.failure", object_id=str(row.pk))
    assert failure.changes["reason"]["value"] == "wrong secret"
    assert _bearer("sct_nothere_x").get("/api/bodies").json()["detail"].startswith("The API")
    assert _bearer("garbage").get("/api/bodies").status_code == 401


@pytest.mark.django_db
def test_it_keeps_each_persons_tokens_their_own(client_as):
    _make(client_as("officer"), name="Officer sync")
    theirs = ApiToken.objects.get(user__username="officer")
    other = client_as("present")
    assert other.post(f"/my/tokens/{theirs.pk}/revoke/").status_code == 404
    assert theirs.name not in other.get("/my/tokens/").content.decode()
    assert client_as("anonymous").get("/my/tokens/").status_code == 404
    assert client_as("present").post("/my/tokens/", {"name": " "}).status_code == 400
