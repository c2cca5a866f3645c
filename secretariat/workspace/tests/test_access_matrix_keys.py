"""The workspace matrix's record addresses still point at what they name in the demo."""

from __future__ import annotations

from secretariat.actions.models import Action
from secretariat.meetings.models import AgendaItem, Outcome
from secretariat.workspace import access_matrix


def test_it_points_the_matrix_at_ssc_72_item_12_its_outcome_and_its_action(db):
    item = AgendaItem.objects.get(pk=access_matrix.ITEM)
    assert (item.meeting.reference, item.number, item.parent_id) == ("SSC_72_2702", 12, None)
    assert Outcome.objects.get(pk=access_matrix.OUTCOME).item_id == item.pk
    assert Action.objects.get(pk=access_matrix.ACTION).item_id == item.pk
