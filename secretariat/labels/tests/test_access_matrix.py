"""Every route against every persona, and every labelled text against every persona."""

from __future__ import annotations

import json

import pytest
from django.urls import get_resolver

from secretariat.access_matrix import PERSONAS, UNLISTED_PREFIXES, all_routes, all_sees

ROUTES = all_routes()
SEES = all_sees()


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}"


def test_it_lists_every_named_route_in_the_matrix():
    listed = {route.name for route in ROUTES}
    missing = sorted(
        name
        for name in set(_url_names())
        if name not in listed and not name.startswith(UNLISTED_PREFIXES)
    )
    assert not missing, f"Routes missing from the access matrix: {missing}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.name}:{r.url}")
def test_it_answers_each_persona_as_the_matrix_says(client_as, route, persona):
    client = client_as(persona)
    if route.json:
        response = client.generic(
            route.method.upper(), route.url, json.dumps(route.data), "application/json"
        )
    else:
        response = getattr(client, route.method)(route.url, route.data)
    assert response.status_code == route.status[persona], (
        f"{persona} {route.method.upper()} {route.url}: {response.status_code}, "
        f"expected {route.status[persona]}"
    )
    if persona != "anonymous":
        # Whatever a signed-in reader is answered depends on who they are: no shared cache
        # may keep it (docs/access.md, Caching).
        cache = response.get("Cache-Control", "")
        assert "private" in cache and "no-store" in cache, (
            f"{persona} {route.url}: Cache-Control {cache!r}"
        )
        assert "Cookie" in response.get("Vary", ""), f"{persona} {route.url}: no Vary: Cookie"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", SEES, ids=lambda c: f"{c.url}:{c.label or c.text[:30]}")
def test_it_shows_each_text_only_to_those_cleared_for_it(client_as, case, persona):
    response = client_as(persona).get(case.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    seen = case.text in text
    if persona in case.visible_to:
        assert response.status_code == 200 and seen, (
            f"{persona} should see {case.text!r} at {case.url}"
        )
    else:
        assert not seen, f"{persona} must not see {case.text!r} at {case.url}"


RED_SEES = [case for case in SEES if case.label.startswith("RED") and case.visible_to]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", RED_SEES, ids=lambda c: f"{c.url}:{c.label or c.text[:30]}")
def test_it_shows_red_text_to_nobody_whose_session_has_no_second_factor(client_as, case, persona):
    response = client_as(persona, second_factor=False).get(case.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert case.text not in body.decode("utf-8", errors="replace"), (
        f"{persona} without a second factor must not see {case.text!r} at {case.url}"
    )


def test_it_has_red_cases_to_run_without_a_second_factor():
    assert len(RED_SEES) >= 5
