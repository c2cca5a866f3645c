"""The README's demo, served by `secretariat demo`, seen in Chromium by each persona."""

from __future__ import annotations

import pytest

from secretariat.browser import browser, demo_server

pytestmark = pytest.mark.browser

RED_TEXT = "Demo confidential record of Full User Security Assessment"
AMBER_TEXT = "option analysis for SMKI certificate segmentation"
STOCK = "The Agenda Item was marked as RED and therefore recorded in the Confidential Minutes."


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


@pytest.fixture(scope="module")
def served(chromium):
    with demo_server() as url:
        yield url, chromium


def _meeting_text(served, username: str | None) -> str:
    url, chromium = served
    page = chromium.new_page()
    try:
        if username:
            page.goto(f"{url}/sign-in/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill("demo")
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            assert f"Signed in as {username}" in page.inner_text("header")
        page.goto(f"{url}/meetings/SSC_72_2702/")
        # The stylesheet is served (by WhiteNoise, without DEBUG) and applied.
        assert (
            page.evaluate("getComputedStyle(document.querySelector('header.site')).display")
            == "flex"
        )
        return page.inner_text("main")
    finally:
        page.close()


def test_it_shows_present_the_red_items_of_the_meeting_they_attended(served):
    text = _meeting_text(served, "present")
    assert RED_TEXT in text and AMBER_TEXT in text
    assert "Any Other Business (AOB)" in text


def test_it_shows_absent_the_amber_items_but_the_stock_sentence_for_red(served):
    text = _meeting_text(served, "absent")
    assert AMBER_TEXT in text
    assert RED_TEXT not in text
    assert STOCK in text


def test_it_shows_the_public_only_white_content(served):
    text = _meeting_text(served, None)
    assert RED_TEXT not in text and AMBER_TEXT not in text
    assert "3. Full User Security Assessment – Other User 'L'" in text
    assert STOCK in text


def test_it_refuses_demo_accounts_when_listening_beyond_loopback(chromium):
    with demo_server(address="0.0.0.0") as url:
        page = chromium.new_page()
        page.goto(f"{url}/sign-in/")
        page.get_by_label("Username").fill("officer")
        page.get_by_label("Password").fill("demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        assert "did not match" in page.inner_text("main")
        assert "Signed in as" not in page.inner_text("header")
