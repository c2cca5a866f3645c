"""The back office is break-glass: the demo's officer (staff, not a superuser) and everyone else
but a superuser get 404 for every page of it, the same bytes as a page that is not there."""

from __future__ import annotations

from urllib.parse import quote

import pytest

PAGES = [
    "/back-office/",
    "/back-office/login/",
    "/back-office/meetings/meeting/",
    "/back-office/meetings/meeting/1/change/",
    "/back-office/audit/auditevent/",
    "/back-office/autocomplete/?app_label=meetings&model_name=outcome&field_name=item",
    "/back-office/no/such/page/",
]


@pytest.mark.parametrize(
    "persona", ["officer", "chair", "present", "party", "auditor", "anonymous"]
)
def test_it_answers_404_to_everyone_but_a_superuser(client_as, persona):
    client = client_as(persona)
    missing = client.get("/no-such-page/")
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 404, (persona, url, response.status_code)
        # The signed-out page offers sign-in with the address kept: compare it without it.
        page = response.content.decode().replace(quote(url, safe="/"), "ADDRESS")
        assert page == missing.content.decode().replace("/no-such-page/", "ADDRESS"), url


def test_it_opens_to_the_break_glass_superuser(client_as):
    client = client_as("breakglass")
    assert client.get("/back-office/").status_code == 200
    assert client.get("/back-office/meetings/meeting/").status_code == 200
