"""In Chromium: the follow-up, settings, history, papers and auditor pages pass axe-core and do
not scroll sideways at 375 px, each signed in as the persona it is for; the officer confirms an
owner's report and uploads a paper through the pages themselves."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from secretariat.browser import browser, demo_server
from secretariat.workspace.tests.test_it_plans_and_builds_a_meeting_in_a_browser import _axe, _check

pytestmark = pytest.mark.browser

MEETING = "SSC_72_2702"
PAGES = {
    "officer": [
        "/workspace/settings/",
        "/workspace/settings/verbs/",
        "/workspace/settings/SSC/template/",
        "/workspace/settings/SSC/members/",
        "/workspace/action-reports/",
        f"/workspace/meetings/{MEETING}/papers/",
        "/history/item/19/",
    ],
    "present": ["/my/actions/", "/my/bodies/", f"/papers/{MEETING}/", "/"],
    "auditor": ["/auditor/", "/auditor/ledger/", "/auditor/trail/", "/auditor/deliveries/"],
}


def _sign_in(page, url: str, persona: str) -> None:
    page.goto(f"{url}/sign-in/")
    page.get_by_label("Username").fill(persona)
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/")


def _pdf(path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())


def test_it_serves_the_office_pages_accessibly_on_a_phone(tmp_path):
    axe = _axe()
    with browser() as chromium, demo_server() as url:
        for persona, addresses in PAGES.items():
            context = chromium.new_context(bypass_csp=True, viewport={"width": 1200, "height": 800})
            page = context.new_page()
            _sign_in(page, url, persona)
            for address in addresses:
                page.goto(f"{url}{address}")
                assert "Page not found" not in page.inner_text("main"), (persona, address)
                _check(page, axe, f"{persona} {address}")
            if persona == "officer":
                page.goto(f"{url}/workspace/action-reports/")
                page.get_by_role("button", name="Confirm SSC72/01").click()
                page.wait_for_url(f"{url}/workspace/action-reports/")
                assert "No report is waiting" in page.inner_text("main")
                paper = tmp_path / "forward-plan.pdf"
                _pdf(paper)
                page.goto(f"{url}/workspace/meetings/{MEETING}/papers/")
                page.get_by_label("Reference").fill("SSC_72_B1")
                page.get_by_label("Title").fill("Browser paper")
                page.get_by_label("File", exact=True).set_input_files(str(paper))
                page.get_by_role("button", name="Upload the paper").click()
                page.locator("#main").get_by_text("forward-plan.pdf").first.wait_for()
                page.goto(f"{url}/back-office/")
                assert "Page not found" in page.inner_text("main")
            context.close()
