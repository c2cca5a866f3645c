"""Settings for officers through the site: outcome verbs, a body's agenda template and quorum,
its members with terms. Every change goes through a service, is audited, carries a version (a
stale one answers 409 and changes nothing); pages flat from 5 to 100 rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.audit.models import AuditEvent
from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Membership, Person
from secretariat.directory.services import membership_create, person_create
from secretariat.meetings.models import OutcomeVerb
from secretariat.workspace.models import BodyPractice, StandingItem
from secretariat.workspace.services import standing_item_create

BUDGET = 25


def test_it_adds_describes_and_retires_an_outcome_verb(client_as):
    officer = client_as("officer")
    url = "/workspace/settings/verbs/"
    assert officer.post(url, {"form": "add", "word": "endorsed"}).status_code == 303
    verb = OutcomeVerb.objects.get(word="ENDORSED")
    response = officer.post(
        url,
        {"form": str(verb.pk), "version": str(verb.version), "description": "Supported it."},
    )
    assert response.status_code == 303
    verb.refresh_from_db()
    assert verb.description == "Supported it." and not verb.active and verb.version == 2
    stale = officer.post(
        url, {"form": str(verb.pk), "version": "1", "description": "Overwritten", "active": "on"}
    )
    assert stale.status_code == 409 and "changed by someone else" in stale.content.decode()
    verb.refresh_from_db()
    assert verb.description == "Supported it."
    assert AuditEvent.objects.filter(verb="outcome_verb.update", object_id=str(verb.pk)).exists()


def test_it_keeps_a_bodys_agenda_template_and_quorum(client_as):
    officer = client_as("officer")
    url = "/workspace/settings/TAG/template/"
    assert "every body's default" in officer.get(url).content.decode()
    added = officer.post(url, {"form": "add", "title": "Horizon scanning", "label": "1"})
    assert added.status_code == 303
    row = StandingItem.objects.get(body__code="TAG", title="Horizon scanning")
    changed = officer.post(
        url,
        {
            "form": str(row.pk),
            "version": str(row.version),
            "title": "Horizon scan",
            "position": "3",
            "kind": "regular",
            "label": "2",
            "active": "on",
        },
    )
    assert changed.status_code == 303
    row.refresh_from_db()
    assert (row.title, row.position, int(row.label), row.version) == ("Horizon scan", 3, 2, 2)
    stale = officer.post(url, {"form": str(row.pk), "version": "1", "title": "x", "position": "1"})
    assert stale.status_code == 409
    assert officer.post(url, {"form": "quorum", "quorum": "3"}).status_code == 303
    assert BodyPractice.objects.get(body__code="TAG").quorum == 3
    bad = officer.post(url, {"form": "quorum", "quorum": "three"})
    assert bad.status_code == 400 and "whole number" in bad.content.decode()


def test_it_adds_a_member_and_changes_a_term(client_as):
    officer = client_as("officer")
    url = "/workspace/settings/TAG/members/"
    response = officer.post(
        url,
        {
            "form": "add",
            "full_name": "Ada Newcombe",
            "role": "member",
            "seat": "large_supplier",
            "term_start": "2026-01-01",
            "term_end": "2027-12-31",
        },
    )
    assert response.status_code == 303
    membership = Membership.objects.get(body__code="TAG", person__full_name="Ada Newcombe")
    assert "Ada Newcombe" in officer.get(url).content.decode()
    ended = officer.post(
        url,
        {
            "form": str(membership.pk),
            "version": str(membership.version),
            "role": "member",
            "seat": "large_supplier",
            "term_start": "2026-01-01",
            "term_end": "2026-06-30",
        },
    )
    assert ended.status_code == 303
    membership.refresh_from_db()
    assert membership.term_end == dt.date(2026, 6, 30) and membership.version == 2
    backwards = officer.post(
        url,
        {
            "form": str(membership.pk),
            "version": "2",
            "role": "member",
            "term_start": "2026-01-01",
            "term_end": "2025-01-01",
        },
    )
    assert backwards.status_code == 400 and "cannot end before" in backwards.content.decode()
    stale = officer.post(
        url, {"form": str(membership.pk), "version": "1", "term_start": "2026-01-01"}
    )
    assert stale.status_code == 409


def test_it_answers_404_to_everyone_but_the_bodys_officers(client_as):
    for persona in ("chair", "present", "party", "breakglass", "auditor", "anonymous"):
        client = client_as(persona)
        for url in (
            "/workspace/settings/",
            "/workspace/settings/verbs/",
            "/workspace/settings/SSC/template/",
            "/workspace/settings/SSC/members/",
        ):
            assert client.get(url).status_code == 404, (persona, url)


def _rows(count: int, start: int) -> None:
    body = Body.objects.get(code="TAG")
    for n in range(count):
        person = person_create(actor=TESTS, full_name=f"Member {start + n}")
        membership_create(
            actor=TESTS,
            person=person,
            body=body,
            role="member",
            term_start=dt.date(2026, 1, 1),
        )
        standing_item_create(actor=TESTS, body=body, title=f"Standing {start + n}")
        OutcomeVerb.objects.create(word=f"VERB{'X' * (n % 5)}{start + n}"[:32].replace("0", "O"))


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/workspace/settings/TAG/members/",
        "/workspace/settings/TAG/template/",
        "/workspace/settings/verbs/",
    ],
)
def test_it_builds_settings_pages_in_the_same_queries_for_5_and_100_rows(client_as, url):
    client = client_as("officer")
    client.get(url)
    _rows(5, 100)
    few = _count(client, url)
    _rows(95, 200)
    many = _count(client, url)
    assert few == many, f"{url}: {few} queries with 5, {many} with 100"
    assert many <= BUDGET
    assert Person.objects.filter(full_name__startswith="Member ").count() == 100
