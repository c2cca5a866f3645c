"""One SSC meeting from first to last, in Chromium, as its people would do it through the site's
own navigation: the only typed address is each person's first, the home page.

The officer signs in, plans the next SSC meeting from the workspace (its standing items come from
the template), adds an item with a PDF paper and puts an assessment of the register on the
agenda, records attendance (apologies, and a member who steps out for her own party's item),
records outcomes, two actions and the assessment's Compliance or Assurance Status, marks the
meeting held, drafts and circulates the minutes and publishes the headlines; a member comments on
the draft and reports on her action; the officer plans the following meeting, approves the
minutes there (the approval is an outcome of a later meeting) and publishes them; an anonymous
reader finds the headlines from the home page.

Every click, field filled, option chosen, file chosen and key pressed is one user action,
counted per person and printed; the officer's count is held under a bound, so a page that makes
officers click more than it should fails here. axe-core checks the pages passed on the way."""

from __future__ import annotations

import io
import re
import time

import pytest
from pypdf import PdfWriter

from secretariat.browser import browser, demo_server
from secretariat.workspace.tests.test_it_plans_and_builds_a_meeting_in_a_browser import _axe, _check

pytestmark = pytest.mark.browser

# What the officer's part takes today (sign-in included, both meetings, the minutes published),
# measured at 38 (the aim was fewer than 40): a page that adds a click fails here.
OFFICER_BOUND = 39


class Person:
    """A page driven by one person, counting what they do."""

    def __init__(self, name: str, page) -> None:
        self.name, self.page, self.actions = name, page, 0

    def click(self, locator) -> None:
        self.actions += 1
        locator.click()

    def fill(self, locator, text: str) -> None:
        self.actions += 1
        locator.fill(text)

    def choose(self, locator, **option) -> None:
        self.actions += 1
        locator.select_option(**option)

    def upload(self, locator, path) -> None:
        self.actions += 1
        locator.set_input_files(str(path))

    def sign_in(self, username: str) -> None:
        page = self.page
        self.click(page.get_by_role("link", name="Sign in"))
        self.fill(page.get_by_label("Username"), username)
        self.fill(page.get_by_label("Password"), "demo")
        self.click(page.get_by_role("button", name="Sign in"))
        page.get_by_role("button", name="Sign out").wait_for()


def _pdf(path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "SMKI PMA terms of reference"})
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())


def _tab(person: Person, name: str) -> None:
    person.click(
        person.page.get_by_role("navigation", name="This meeting").get_by_role(
            "link", name=name, exact=True
        )
    )


def _plan_next_ssc(officer: Person) -> str:
    page = officer.page
    officer.click(page.get_by_role("navigation", name="Main").get_by_role("link", name="Workspace"))
    officer.click(page.get_by_role("link", name="Plan the next SSC meeting"))
    officer.click(page.get_by_role("button", name="Plan the meeting"))
    page.wait_for_url("**/agenda/")
    return page.url.rstrip("/").split("/")[-2]


def _officer_prepares_and_minutes(officer: Person, axe: str, paper) -> tuple[str, str]:
    page = officer.page
    officer.sign_in("officer")
    reference = _plan_next_ssc(officer)
    agenda = page.locator("ol.agenda")
    assert agenda.locator(":scope > li").count() == 4  # the template's standing items

    # An item with its paper (the PDF's name gives the paper its title).
    officer.fill(page.get_by_label("Title", exact=True), "SMKI PMA terms of reference")
    officer.choose(page.get_by_label("Item label (the restricted record's)"), label="GREEN")
    officer.upload(page.get_by_label("Paper file"), paper)
    officer.click(page.get_by_role("button", name="Add the item"))
    agenda.get_by_text("SMKI PMA terms of reference").first.wait_for()
    assert "Papers: SSC_" in agenda.locator(":scope > li").nth(4).inner_text()

    # An assessment of the register awaiting the SSC: Priya Shah's own party's.
    register = page.get_by_label("Awaiting the SSC")
    offer = register.locator("option", has_text="Large Supplier 'A'").first.inner_text()
    officer.choose(register, label=offer)
    officer.click(page.get_by_role("button", name="Put it on the agenda"))
    # The item takes the register's standard title, with the party's pseudonym only.
    assessment = "Security Assessment – Large Supplier 'A'"
    agenda.locator(".title", has_text=assessment).wait_for()
    assert agenda.locator(":scope > li").count() == 6
    _check(page, axe, "agenda builder, built")

    # Attendance: everyone proposed present; apologies from one, and Priya Shah steps out for
    # her own party's item (6), so its RED record does not reach her.
    _tab(officer, "Attendance")
    officer.choose(page.get_by_role("combobox", name="Tom Reilly attendance"), value="apologies")
    officer.choose(page.get_by_role("combobox", name="Priya Shah attendance"), value="part")
    officer.fill(page.get_by_role("textbox", name="Priya Shah items missed"), "6")
    officer.click(page.get_by_role("button", name="Save attendance"))
    page.get_by_text("Quorate:").wait_for()
    assert page.get_by_role("textbox", name="Priya Shah items missed").input_value() == "6"

    # The minutes: outcomes, two actions, and the register decision on the assessment's item.
    _tab(officer, "Minutes")
    pma = page.locator("section.minute", has_text="SMKI PMA terms of reference")
    officer.click(pma.get_by_role("button", name=re.compile("^Add the outcome")))
    pma.get_by_text("No outcome yet.").wait_for(state="detached")
    pma = page.locator("section.minute", has_text="SMKI PMA terms of reference")
    officer.fill(pma.get_by_label("New action"), "Circulate the PMA's revised terms to members")
    officer.choose(pma.get_by_label("Owner"), label="Priya Shah")
    officer.click(pma.get_by_role("button", name=re.compile("^Add the action")))
    page.locator("section.minute", has_text="SMKI PMA terms of reference").get_by_text(
        "No action yet."
    ).wait_for(state="detached")

    item = page.locator("section.minute", has_text=assessment)
    status = item.get_by_label(re.compile("Status$"))
    officer.choose(status, index=1)
    chosen = status.locator("option").nth(1).inner_text()
    officer.click(item.get_by_role("button", name=re.compile("^Add the outcome")))
    page.locator("section.minute", has_text=assessment).get_by_text(
        f"Sets the register: {chosen}"
    ).wait_for()
    item = page.locator("section.minute", has_text=assessment)
    officer.fill(item.get_by_label("New action"), "Ask the party for its remediation plan")
    officer.choose(item.get_by_label("Owner"), label="Helen Marsh")
    officer.click(item.get_by_role("button", name=re.compile("^Add the action")))
    page.locator("section.minute", has_text=assessment).get_by_text("No action yet.").wait_for(
        state="detached"
    )
    _check(page, axe, "minutes, recorded")

    # Held, drafted, out for comment (two weeks by default), and the headlines published after
    # the preview beside the record.
    _tab(officer, "Publish")
    officer.click(page.get_by_role("button", name="Mark it held and draft the minutes"))
    officer.click(page.get_by_role("button", name="Circulate for comment"))
    page.get_by_text("Out for comment until").wait_for()
    preview = page.locator(".preview").first.inner_text()
    assert "SMKI PMA terms of reference" in preview and "remediation" not in preview
    officer.click(page.get_by_role("button", name="Publish the headlines"))
    page.get_by_text("Meeting Headlines version 1").wait_for()
    _check(page, axe, "publish, circulated, headlines out")
    return reference, assessment


def _member_comments_and_reports(member: Person, reference: str, assessment: str) -> None:
    page = member.page
    member.sign_in("present")
    member.click(page.get_by_role("link", name=f"Draft minutes of {reference}"))
    draft = page.locator("main").inner_text()
    # She stepped out for item 6: its restricted record is not in her draft.
    assert "SMKI PMA terms of reference" in draft and "remediation plan" not in draft
    member.fill(
        page.get_by_label("Your comment"), "The PMA item should say the terms go to TABASC."
    )
    member.click(page.get_by_role("button", name="Send the comment"))
    page.get_by_text("The PMA item should say the terms go to TABASC.").wait_for()
    member.click(page.get_by_role("navigation", name="Main").get_by_role("link", name="My actions"))
    card = page.locator("ul.cards > li", has_text="Circulate the PMA's revised terms")
    member.choose(card.get_by_label("Status"), value="complete")
    member.fill(card.get_by_label("Note for the secretariat"), "Sent to members on Monday.")
    member.click(card.get_by_role("button", name=re.compile("^Report on")))
    page.locator("ul.cards > li", has_text="Circulate the PMA's revised terms").get_by_text(
        "waiting for the secretariat to confirm"
    ).wait_for()


def _officer_approves_and_publishes(officer: Person, reference: str) -> str:
    """From the circulated minutes' page to the planner, the later meeting's minute-taking, and
    back to publish the approved minutes."""
    page = officer.page
    officer.click(page.get_by_role("link", name="Plan the next SSC meeting"))
    officer.click(page.get_by_role("button", name="Plan the meeting"))
    page.wait_for_url("**/agenda/")
    later = page.url.rstrip("/").split("/")[-2]
    _tab(officer, "Minutes")
    minutes = page.locator("section.minute", has_text="Minutes and Actions Outstanding")
    assert minutes.get_by_label("and approves the minutes of").input_value() == reference
    officer.click(minutes.get_by_role("button", name=re.compile("^Add the outcome")))
    page.locator("section.minute", has_text="Minutes and Actions Outstanding").get_by_text(
        "No outcome yet."
    ).wait_for(state="detached")
    officer.click(page.get_by_role("link", name="publish them"))
    officer.click(page.get_by_role("button", name="Publish the Minutes and Confidential Minutes"))
    page.get_by_text("The minutes are published.").wait_for()
    return later


def _reader_finds_the_headlines(reader: Person, reference: str) -> None:
    page = reader.page
    reader.click(
        page.get_by_role(
            "link", name=re.compile(f"Headlines.*{reference}|{reference}.*Headlines")
        ).first
    )
    text = page.locator("main").inner_text()
    assert "SMKI PMA terms of reference" in text
    assert "remediation plan" not in text and "Helen Marsh" not in text


# Every persona the other browser tests do not sign in as, on the pages the workspace gives
# them (a 404 page where it gives them none): axe-core and 375 px on each.
SWEEP = ("chair", "absent", "party", "panel", "outsider", "breakglass", "anonymous")


def _sweep(chromium, url: str, axe: str, reference: str, later: str) -> None:
    pages = ["/", "/my/actions/", "/my/bodies/", f"/papers/{reference}/", f"/meetings/{later}/"]
    for persona in SWEEP:
        context = chromium.new_context(bypass_csp=True, viewport={"width": 1200, "height": 800})
        page = context.new_page()
        if persona != "anonymous":
            page.goto(f"{url}/sign-in/")
            page.get_by_label("Username").fill(persona)
            page.get_by_label("Password").fill("demo")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("button", name="Sign out").wait_for()
        for address in pages:
            page.goto(f"{url}{address}")
            _check(page, axe, f"{persona} {address}")
        context.close()


def test_it_runs_a_meeting_end_to_end(tmp_path):
    axe = _axe()
    paper = tmp_path / "smki-pma-terms-of-reference.pdf"
    _pdf(paper)
    started = time.monotonic()
    with browser() as chromium, demo_server() as url:

        def person(name: str) -> Person:
            context = chromium.new_context(bypass_csp=True, viewport={"width": 1200, "height": 800})
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.goto(f"{url}/")  # the one typed address
            return Person(name, page)

        officer = person("officer")
        reference, assessment = _officer_prepares_and_minutes(officer, axe, paper)
        member = person("member")
        _member_comments_and_reports(member, reference, assessment)
        later = _officer_approves_and_publishes(officer, reference)
        reader = person("anonymous reader")
        _reader_finds_the_headlines(reader, reference)
        assert later != reference
        # The officer's pages no other browser test passes.
        officer.page.goto(f"{url}/workspace/reports/")
        _check(officer.page, axe, "officer /workspace/reports/")
        _sweep(chromium, url, axe, reference, later)
        counts = {p.name: p.actions for p in (officer, member, reader)}
        print(f"\nuser actions: {counts} in {time.monotonic() - started:.0f} s")
        assert officer.actions < OFFICER_BOUND, counts
