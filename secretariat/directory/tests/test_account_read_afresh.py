"""The account behind a session is kept in memory by the database's generation
(directory/backends.py), and its session read in one plain statement (core/sessions.py): an
account locked, a membership ended or a session signed out takes effect on the very next
request, even after pages were read from memory."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import Client

from secretariat.core import clock
from secretariat.core.services import SystemActor
from secretariat.directory.models import Membership, Role
from secretariat.directory.services import membership_update

SSC_72 = "/meetings/SSC_72_2702/"
# Read by `present` only with the second factor (RED: recorded present at SSC_72).
RED_TEXT = "Demo confidential record of Full User Security Assessment"


def _page(client: Client, path: str = SSC_72) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_it_forgets_an_account_deactivated_after_its_pages_were_read(client_as, user_of):
    client = client_as("present")
    for _ in range(2):
        assert RED_TEXT in _page(client)
    get_user_model().objects.filter(pk=user_of("present").pk).update(is_active=False)
    page = _page(client)
    assert RED_TEXT not in page
    assert "Sign in" in page


def test_it_reads_a_membership_ended_after_its_pages_were_read(client_as, user_of):
    client = client_as("officer")
    for _ in range(2):
        assert client.get("/workspace/").status_code == 200
    ended = clock.today() - dt.timedelta(days=1)
    for membership in Membership.objects.filter(
        person__user=user_of("officer"), role=Role.SECRETARIAT
    ):
        membership_update(
            actor=SystemActor("test"),
            membership=membership,
            term_start=min(membership.term_start, ended),
            term_end=ended,
        )
    assert client.get("/workspace/").status_code != 200


def test_it_answers_a_signed_out_session_as_the_public(client_as):
    client = client_as("present")
    assert RED_TEXT in _page(client)
    replayed = Client()
    replayed.cookies = client.cookies.__class__(client.cookies)
    assert RED_TEXT in _page(replayed)
    client.post("/sign-out/")
    page = _page(replayed)
    assert RED_TEXT not in page
    assert "Sign in" in page
