"""In Chromium, as the demo's officer: plan the next SSC meeting, build its agenda (add, reorder,
label), record attendance, minute an item with the keyboard alone, take the minutes through
held, drafted and circulated, comment on the draft. axe-core checks every workspace page, and
each page is checked at 375 px for sideways scrolling."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from secretariat.browser import browser, demo_server

pytestmark = pytest.mark.browser

AXE = Path(
    os.environ.get(
        "SECRETARIAT_AXE",
        Path(__file__).resolve().parents[3] / ".ci/axe/node_modules/axe-core/axe.min.js",
    )
)


def _axe() -> str:
    if AXE.exists():
        return AXE.read_text()
    message = f"axe-core not found at {AXE} (.ci/run installs it with npm)."
    if os.environ.get("SECRETARIAT_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _check(page, axe: str, where: str) -> None:
    """No axe violation, and no sideways scroll at 375 px."""
    page.add_script_tag(content=axe)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]
    assert not violations, f"{where}: {violations}"
    page.set_viewport_size({"width": 375, "height": 800})
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 375, f"{where} scrolls sideways at 375 px ({wide} px wide)"
    sign_out = page.get_by_role("button", name="Sign out")
    if sign_out.count():
        box = sign_out.bounding_box()
        assert box and box["x"] + box["width"] <= 375, f"{where}: Sign out is cut off"
    page.set_viewport_size({"width": 1200, "height": 800})


def test_it_plans_builds_and_records_attendance_for_a_meeting():
    axe = _axe()
    with browser() as chromium, demo_server() as url:
        # The site's CSP allows only its own scripts; axe is injected by the test, not the site.
        context = chromium.new_context(bypass_csp=True, viewport={"width": 1200, "height": 800})
        page = context.new_page()
        page.goto(f"{url}/workspace/")
        assert "Page not found" in page.inner_text("main")
        _check(page, axe, "404 page")
        page.locator("main").get_by_role("link", name="sign in").click()
        page.get_by_label("Username").fill("officer")
        page.get_by_label("Password").fill("demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{url}/workspace/")
        _check(page, axe, "workspace")
        page.goto(f"{url}/")
        _check(page, axe, "officer's dashboard")

        page.goto(f"{url}/workspace/")
        page.get_by_role("link", name="Plan the next SSC meeting").click()
        _check(page, axe, "planner")
        page.get_by_role("button", name="Plan the meeting").click()
        page.wait_for_url("**/agenda/")
        reference = page.url.rstrip("/").split("/")[-2]
        _check(page, axe, "agenda builder")

        page.get_by_label("Title", exact=True).fill("Security incident")
        page.get_by_label("Item label (the restricted record's)").select_option("RED")
        page.locator("#new-label-audience").get_by_text("Only those recorded present").wait_for()
        page.get_by_role("button", name="Add the item").click()
        page.locator("ol.agenda > li:last-child .title", has_text="Security incident").wait_for()
        assert "tlp-red" in page.inner_html(".mark")
        page.get_by_role("button", name="move Security incident up").click()
        page.locator(
            "ol.agenda > li:nth-last-child(2) .title", has_text="Security incident"
        ).wait_for()
        _check(page, axe, "agenda builder with items")

        page.get_by_role("link", name="Edit item 1").click()
        _check(page, axe, "item editor")
        page.goto(f"{url}/workspace/meetings/{reference}/")
        _check(page, axe, "meeting details")

        page.goto(f"{url}/workspace/meetings/{reference}/attendance/")
        page.get_by_role("combobox", name="Helen Marsh attendance").select_option("present")
        page.get_by_role("combobox", name="Tom Reilly attendance").select_option("apologies")
        page.get_by_role("button", name="Save attendance").click()
        page.wait_for_load_state()
        assert page.get_by_role("combobox", name="Tom Reilly attendance").input_value() == (
            "apologies"
        )
        _check(page, axe, "attendance")
        # Minute-taking with the keyboard alone: Tab between the fields, Enter to save. Typing
        # autosaves to the officer's own draft; leaving the field writes the record.
        page.goto(f"{url}/workspace/meetings/{reference}/minutes/")
        _check(page, axe, "minutes")
        section = page.locator("section.minute", has_text="Security incident")
        section.get_by_label("Public summary").focus()
        page.keyboard.type("The SSC heard of an incident.")
        section.get_by_text("Draft kept at").wait_for()
        page.keyboard.press("Tab")  # leaves the summary: the record is written
        section.get_by_text("(version 2)").wait_for()
        page.keyboard.press("Tab")  # the restricted record
        page.keyboard.type("Which party, and what happened.")
        page.keyboard.press("Tab")  # the item's label
        page.keyboard.press("Tab")  # Save the minute
        page.keyboard.press("Enter")
        section.get_by_text("(version 3)").wait_for()
        page.reload()
        saved = page.locator("section.minute", has_text="Security incident")
        assert saved.get_by_label("Public summary").input_value() == (
            "The SSC heard of an incident."
        )
        assert saved.get_by_label("Restricted record").input_value() == (
            "Which party, and what happened."
        )
        # The minutes' life: held, the headlines' preview beside the record, drafted and out
        # for comment; the members' draft page; the sensitive terms.
        page.get_by_role("link", name="Publish", exact=True).click()
        _check(page, axe, "publish (planned)")
        page.get_by_role("button", name="Mark the meeting held").click()
        page.get_by_role("button", name="Draft the minutes").click()
        page.get_by_label("Comments until").fill("2099-01-01")
        page.get_by_role("button", name="Circulate for comment").click()
        page.get_by_text("Out for comment until").wait_for()
        _check(page, axe, "publish (circulated, with the preview)")
        page.get_by_role("link", name="the draft").click()
        page.get_by_label("Your comment").fill("The incident item reads well.")
        page.get_by_role("button", name="Send the comment").click()
        page.get_by_text("The incident item reads well.").wait_for()
        _check(page, axe, "draft minutes")
        page.goto(f"{url}/workspace/sensitive-terms/")
        _check(page, axe, "sensitive terms")
        context.close()
