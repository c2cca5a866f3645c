"""The header for each reader, sign-in that returns to the page asked for, and a 404 page that
offers sign-in with the address kept, alike for hidden and missing pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client


def _nav(client) -> list[str]:
    page = client.get("/bodies/").content.decode()
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S).group(1)
    return re.findall(r">([A-Za-z ]+)</a>", nav)


@pytest.mark.parametrize(
    ("persona", "links"),
    [
        (
            "officer",
            [
                "Workspace",
                "Bodies",
                "Register",
                "Reports",
                "Settings",
                "My actions",
                "Publications",
                "Search",
            ],
        ),
        ("present", ["Bodies", "Register", "My actions", "Publications", "Search"]),
        ("chair", ["Bodies", "My actions", "Publications", "Search"]),
        ("anonymous", ["Bodies", "Publications", "Search"]),
    ],
)
def test_it_shows_each_reader_their_places(client_as, persona, links):
    assert _nav(client_as(persona)) == links


def test_it_signs_in_back_to_the_page_asked_for(db, settings):
    client = Client()
    page = client.get("/meetings/SSC_72_2702/").content.decode()
    assert 'href="/sign-in/?next=/meetings/SSC_72_2702/"' in page
    user = get_user_model().objects.get(username="officer")
    user.set_password("a-test-password-1")
    user.save()
    response = client.post(
        "/sign-in/",
        {"username": "officer", "password": "a-test-password-1", "next": "/workspace/"},
    )
    # An officer proves the second factor first; the page asked for goes along.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=%2Fworkspace%2F"


@pytest.mark.parametrize("address", ["/workspace/meetings/SSC_72_2702/agenda/", "/nowhere/at/all/"])
def test_it_offers_sign_in_with_the_address_kept_on_a_404(client_as, address):
    response = client_as("anonymous").get(address + "?tab=1")
    assert response.status_code == 404
    assert 'href="/sign-in/?next=' + address + "%3Ftab%3D1" in response.content.decode()


def test_it_gives_hidden_and_missing_pages_the_same_404(client_as):
    client = client_as("present")
    hidden = client.get("/workspace/meetings/SSC_72_2702/agenda/")
    missing = client.get("/workspace/meetings/SSC_99_0101/agenda/")
    assert hidden.status_code == missing.status_code == 404
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
    assert token.sub(b"", hidden.content) == token.sub(b"", missing.content)
    assert "sign in" not in hidden.content.decode().lower().split("<main")[1]
