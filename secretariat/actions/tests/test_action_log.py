import datetime as dt

import pytest

from secretariat.actions.models import Action
from secretariat.actions.selectors import outstanding_for
from secretariat.actions.services import action_update_record
from secretariat.core.services import ServiceError
from secretariat.meetings.models import Meeting


def test_it_derives_overdue_from_the_due_date(db):
    action = Action.objects.get(reference="SSC72/01")
    assert action.is_overdue(dt.date(2019, 3, 14))
    assert not action.is_overdue(dt.date(2019, 3, 13))


def test_it_lists_a_bodys_outstanding_actions_for_its_next_meeting(db):
    ssc72 = Meeting.objects.get(reference="SSC_72_2702")
    ssc73 = Meeting.objects.get(body__code="SSC", number=73)
    # Completed at SSC_72, so still listed there, and no longer at SSC_73.
    assert [a.reference for a in outstanding_for(ssc72)] == ["SSC71/01"]
    at_73 = [a.reference for a in outstanding_for(ssc73)]
    assert "SSC71/01" not in at_73
    assert {"SSC72/01", "SSC72/02", "SSC72/03"} <= set(at_73)


def test_it_records_updates_and_completion_at_later_meetings(db, officer):
    action = Action.objects.get(reference="SSC72/01")
    ssc73 = Meeting.objects.get(body__code="SSC", number=73)
    action_update_record(
        actor=officer, action=action, meeting=ssc73, text="Done", status="complete"
    )
    action.refresh_from_db()
    assert action.status == "complete" and action.completed_on == ssc73.date
    assert not action.is_overdue(dt.date(2030, 1, 1))
    with pytest.raises(ServiceError, match="already has an update"):
        action_update_record(
            actor=officer, action=action, meeting=ssc73, text="Again", status="complete"
        )


def test_it_refuses_an_update_at_another_bodys_meeting(db, officer):
    action = Action.objects.get(reference="SSC72/01")
    opsg = Meeting.objects.filter(body__code="OPSG").first()
    with pytest.raises(ServiceError, match="body that raised them"):
        action_update_record(
            actor=officer, action=action, meeting=opsg, text="x", status="on_target"
        )
