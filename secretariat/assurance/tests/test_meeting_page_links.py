"""The meeting page links each SSC item to the register record it considers, for a reader who
may read both; the record links back to the item. The register answers through the hook in
secretariat/meetings/links.py, so the page (publishing) never imports the register."""

from __future__ import annotations

import re

from secretariat.assurance.models import AgendaLink
from secretariat.meetings import links

PAGE = "/meetings/SSC_72_2702/"


def _register_links(html: str) -> dict[str, list[str]]:
    """{item anchor: [link href, ...]} of the page's "On the register" lines."""
    found: dict[str, list[str]] = {}
    for anchor, body in re.findall(
        r'<section class="item" id="([^"]+)">(.*?)</section>', html, re.S
    ):
        line = re.search(r'<p class="meta register-links">(.*?)</p>', body, re.S)
        if line:
            found[anchor] = re.findall(r'href="([^"]+)"', line.group(1))
    return found


def _expected() -> dict[str, list[str]]:
    expected: dict[str, list[str]] = {}
    for link in AgendaLink.objects.filter(item__meeting__reference="SSC_72_2702").order_by(
        "item__number"
    ):
        kind = "assessments" if link.assessment else "letters" if link.letter else "notifications"
        expected[f"item-{link.item.number}"] = [f"/assurance/{kind}/{link.record.pk}/"]
    return expected


def test_it_links_every_register_item_to_its_record_for_the_officer(client_as):
    html = client_as("officer").get(PAGE).content.decode()
    expected = _expected()
    # The seed's five assessments, the Director's Letter and the notification.
    assert len(expected) == 7
    assert _register_links(html) == expected
    assert "Director&#x27;s Letter DL-" in html or "Director's Letter DL-" in html


def test_it_links_for_a_member_present_who_may_read_item_and_record(client_as):
    assert _register_links(client_as("present").get(PAGE).content.decode()) == _expected()


def test_it_shows_no_link_to_a_reader_who_may_not_read_both_ends(client_as):
    # The public and an absent member cannot read the RED items or records; the party's user
    # may read its own assessment, but not the RED item of a meeting it did not attend.
    for persona in ("anonymous", "absent", "party", "outsider"):
        html = client_as(persona).get(PAGE).content.decode()
        assert _register_links(html) == {}, persona
        assert "/assurance/assessments/" not in html, persona


def test_it_links_back_from_the_record_to_the_item(client_as):
    link = AgendaLink.objects.filter(
        item__meeting__reference="SSC_72_2702", assessment__isnull=False
    ).first()
    html = client_as("officer").get(f"/assurance/assessments/{link.assessment.pk}/").content
    assert f'href="/meetings/SSC_72_2702/#item-{link.item.number}"' in html.decode()


def test_it_registers_the_register_as_a_provider_of_links():
    assert "assurance" in links.providers()
