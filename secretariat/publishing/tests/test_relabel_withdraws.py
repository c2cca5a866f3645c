"""Raising the label of a published fragment lists the versions still standing that carried it
and withdraws the chosen ones in the same step (issue 10, item 8)."""

from __future__ import annotations

import pytest

from secretariat.core.services import ServiceError
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem
from secretariat.publishing.models import PublicationRecord, Withdrawal
from secretariat.publishing.relabel import fragment_label_raise, versions_carrying

REFERENCE = "SSC_72_2702"


@pytest.fixture
def item(db) -> AgendaItem:
    """An item of SSC_72 whose summary is WHITE: the public Meeting Headlines carried it."""
    found = (
        AgendaItem.objects.filter(
            meeting__reference=REFERENCE, parent__isnull=True, summary_label=Label.WHITE
        )
        .exclude(summary="")
        .order_by("number")
        .first()
    )
    assert found is not None
    return found


def _url(item) -> str:
    return f"/meetings/{REFERENCE}/items/{item.number}/label"


def test_it_lists_the_versions_that_carried_the_fragment(item):
    kinds = {record.kind for record in versions_carrying(item, "summary")}
    assert "headlines" in kinds
    # A text no version holds is carried by none.
    item.summary = "A sentence no published version ever held."
    assert versions_carrying(item, "summary") == []


def test_it_raises_the_label_and_withdraws_the_chosen_versions_in_one_step(client_as, item):
    officer = client_as("officer")
    page = officer.get(f"{_url(item)}?fragment=summary")
    assert page.status_code == 200
    headlines = PublicationRecord.objects.get(meeting__reference=REFERENCE, kind="headlines")
    assert f'value="{headlines.pk}"' in page.content.decode()
    response = officer.post(
        _url(item),
        {
            "fragment": "summary",
            "version": str(item.version),
            "label": "AMBER",
            "withdraw": [str(headlines.pk)],
            "reason": "The summary names a matter now AMBER.",
            "reason_label": "WHITE",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.summary_label == Label.AMBER
    assert Withdrawal.objects.get(publication=headlines).reason_label == Label.WHITE
    assert client_as("anonymous").get(f"/meetings/{REFERENCE}/headlines").status_code == 410


def test_it_changes_nothing_when_a_part_is_refused(officer, item):
    headlines = PublicationRecord.objects.get(meeting__reference=REFERENCE, kind="headlines")
    with pytest.raises(ServiceError) as error:
        fragment_label_raise(
            actor=officer,
            item=item,
            fragment="summary",
            label="AMBER",
            version=item.version,
            withdraw=[headlines.pk],
            reason="",
        )
    assert "reason" in error.value.message_dict
    item.refresh_from_db()
    assert item.summary_label == Label.WHITE and not Withdrawal.objects.exists()
    with pytest.raises(ServiceError) as error:
        fragment_label_raise(
            actor=officer, item=item, fragment="summary", label="WHITE", version=item.version
        )
    assert "label" in error.value.message_dict
    with pytest.raises(ServiceError) as error:
        fragment_label_raise(
            actor=officer, item=item, fragment="colour", label="RED", version=item.version
        )
    assert "fragment" in error.value.message_dict
    with pytest.raises(ServiceError) as error:
        fragment_label_raise(
            actor=officer,
            item=item,
            fragment="summary",
            label="RED",
            version=item.version,
            withdraw=[999999],
            reason="x",
        )
    assert "withdraw" in error.value.message_dict


def test_it_is_the_officers_page_only(client_as, item):
    for persona in ("chair", "present", "party", "anonymous", "outsider"):
        assert client_as(persona).get(_url(item)).status_code == 404, persona
    assert client_as("officer").get(_url(item)).status_code == 200
