"""History pages: who changed what and when, through the labelled diff — the before and after of
a restricted field only to readers cleared for it. The auditor reads the ledger, the trail and
the deliveries, and content only at their own standing. Pages flat from 5 to 100 records."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.core.testing import TESTS
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.services import item_update

BUDGET = 25
SECRET = "Canary-of-the-history-page"


def _red_item() -> AgendaItem:
    return AgendaItem.objects.filter(
        meeting__reference="SSC_72_2702", parent=None, label=Label.RED
    ).first()


def _edit(item: AgendaItem, user, text: str) -> None:
    item.refresh_from_db()
    item_update(actor=user, item=item, version=item.version, restricted_text=text)


def test_it_shows_the_officer_who_changed_what_and_when(client_as, user_of):
    item = _red_item()
    _edit(item, user_of("officer"), SECRET)
    page = client_as("officer").get(f"/history/item/{item.pk}/").content.decode()
    assert "item.update" in page or "item.edit" in page
    assert SECRET in page and "officer" in page


def test_it_shows_the_auditor_a_restricted_change_without_its_values(client_as, user_of):
    item = _red_item()
    _edit(item, user_of("officer"), SECRET)
    auditor = client_as("auditor")
    history = auditor.get(f"/history/item/{item.pk}/")
    assert history.status_code == 200
    page = history.content.decode()
    assert SECRET not in page
    assert "[RED — restricted]" in page and "restricted_text" in page
    trail = auditor.get("/auditor/trail/?object_type=meetings.agendaitem").content.decode()
    assert SECRET not in trail and "[RED — restricted]" in trail


def test_it_answers_404_to_members_and_the_public_for_a_records_history(client_as):
    item = _red_item()
    for persona in ("present", "party", "anonymous", "outsider"):
        assert client_as(persona).get(f"/history/item/{item.pk}/").status_code == 404, persona
    for url in ("/auditor/", "/auditor/ledger/", "/auditor/trail/", "/auditor/deliveries/"):
        assert client_as("officer").get(url).status_code == 404, url
        assert client_as("breakglass").get(url).status_code == 404, url


def test_it_lists_the_ledger_in_full_for_the_auditor(client_as):
    from secretariat.publishing.models import PublicationRecord

    row = PublicationRecord.objects.order_by("-published_at").first()
    page = client_as("auditor").get("/auditor/ledger/").content.decode()
    assert row.content_hash in page and row.title in page


def test_it_lists_reads_under_break_glass_among_the_deliveries(client_as, user_of):
    from secretariat.audit.elevation import elevation_start

    elevation_start(actor=user_of("breakglass"), reason="Auditor's check of SSC_72.", minutes=30)
    client_as("breakglass").get("/meetings/SSC_72_2702/")
    page = client_as("auditor").get("/auditor/deliveries/").content.decode()
    assert "/meetings/SSC_72_2702/" in page and "break-glass" in page


def _changes(item: AgendaItem, count: int) -> None:
    for n in range(count):
        item.refresh_from_db()
        item_update(actor=TESTS, item=item, version=item.version, summary=f"Summary {n}")


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("officer", "/history/item/{pk}/"),
        ("auditor", "/history/item/{pk}/"),
        ("auditor", "/auditor/trail/"),
        ("auditor", "/auditor/ledger/"),
        ("auditor", "/auditor/deliveries/"),
    ],
)
def test_it_reads_history_in_the_same_queries_for_5_and_100_changes(client_as, persona, url):
    item = _red_item()
    url = url.format(pk=item.pk)
    client = client_as(persona)
    client.get(url)
    _changes(item, 5)
    few = _count(client, url)
    _changes(item, 95)
    many = _count(client, url)
    assert few == many, f"{url}: {few} queries with 5, {many} with 100"
    assert many <= BUDGET
