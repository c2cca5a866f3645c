"""Responses that depend on the reader are kept by no shared cache (docs/access.md, Caching)."""

from __future__ import annotations

import pytest

SIGNED_IN_PAGES = [
    "/meetings/SSC_72_2702/",
    "/api/meetings/SSC_72_2702",
    "/api/meetings",
    "/assurance/",
    "/bodies/SSC/",
]


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_it_marks_every_page_rendered_for_a_signed_in_reader_private(client_as, url):
    response = client_as("present").get(url)
    assert response.status_code == 200
    cache = response["Cache-Control"]
    assert "private" in cache and "no-store" in cache
    assert "Cookie" in response["Vary"]


def test_it_lets_the_public_page_be_cached_but_varies_on_the_cookie(client_as):
    response = client_as("anonymous").get("/meetings/SSC_72_2702/")
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
    assert "Cookie" in response["Vary"]


def test_it_marks_the_back_office_private(client_as, back_office_officer):
    response = client_as("officer").get("/back-office/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
