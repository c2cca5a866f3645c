"""No lost update: every writer says which version it edited, and a stale one changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from secretariat.actions.models import Action
from secretariat.actions.services import action_edit, action_update_record
from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError, StaleVersion
from secretariat.core.testing import TESTS, sign_in
from secretariat.meetings.models import AgendaItem, Meeting, Outcome
from secretariat.meetings.services import item_update, meeting_update, outcome_update


def _item():
    return AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=1, parent=None)


def test_it_bumps_the_version_on_each_change_and_not_on_a_no_op(db):
    item = _item()
    start = item.version
    item_update(actor=TESTS, item=item, version=start, title="Renamed")
    assert AgendaItem.objects.get(pk=item.pk).version == start + 1 == item.version
    item_update(actor=TESTS, item=item, version=item.version, title="Renamed")
    assert AgendaItem.objects.get(pk=item.pk).version == start + 1


def test_it_refuses_a_stale_item_save_through_the_service_and_changes_nothing(db):
    item = _item()
    opened = item.version
    first = AgendaItem.objects.get(pk=item.pk)
    item_update(actor=TESTS, item=first, version=opened, title="First officer's title")
    events = AuditEvent.objects.count()
    second = AgendaItem.objects.get(pk=item.pk)
    with pytest.raises(StaleVersion) as raised:
        item_update(actor=TESTS, item=second, version=opened, summary="Second officer's summary")
    assert raised.value.version == opened + 1
    assert raised.value.current["title"] == "First officer's title"
    assert "version" in raised.value.message_dict
    row = AgendaItem.objects.get(pk=item.pk)
    assert (row.title, row.summary, row.version) == (
        "First officer's title",
        item.summary,
        opened + 1,
    )
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    "update",
    [
        lambda m, v: meeting_update(actor=TESTS, meeting=m, version=v, location="Elsewhere"),
        lambda m, v: outcome_update(
            actor=TESTS,
            outcome=Outcome.objects.filter(item__meeting=m).first(),
            version=v,
            text="changed",
        ),
        lambda m, v: action_edit(
            actor=TESTS, action=Action.objects.filter(meeting=m).first(), version=v, text="x"
        ),
    ],
    ids=["meeting", "outcome", "action"],
)
def test_it_refuses_stale_and_missing_versions_for_every_versioned_record(db, update):
    meeting = Meeting.objects.get(reference="SSC_72_2702")
    with pytest.raises(ServiceError) as missing:
        update(meeting, None)
    assert "version" in missing.value.message_dict
    with pytest.raises(StaleVersion):
        update(meeting, 99)


def test_it_makes_progress_recorded_at_a_meeting_a_new_version_of_the_action(db):
    action = Action.objects.filter(meeting__reference="SSC_72_2702").first()
    opened = action.version
    later = Meeting.objects.filter(body=action.meeting.body, date__gt=action.meeting.date).first()
    if later is None:
        pytest.skip("the demo has no later meeting of the body")
    action_update_record(actor=TESTS, action=action, meeting=later, text="Done", status="complete")
    with pytest.raises(StaleVersion):
        action_edit(actor=TESTS, action=Action.objects.get(pk=action.pk), version=opened, text="x")


def _item_form(item, **changes):
    data = {
        "meeting": item.meeting_id,
        "parent": "",
        "number": item.number,
        "kind": item.kind,
        "label": str(int(item.label)),
        "title": item.title,
        "title_label": str(int(item.title_label)),
        "summary": item.summary,
        "summary_label": str(int(item.summary_label)),
        "restricted_text": item.restricted_text,
        "withheld_notice": "on" if item.withheld_notice else "",
        "presenter": item.presenter,
        "party": item.party_id or "",
        "report_heading": item.report_heading,
        "report_text": item.report_text,
        "report_label": str(int(item.report_label)),
        "version": item.version,
    }
    if item.report_to_panel:
        data["report_to_panel"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v != "" or k not in ("withheld_notice",)}


def test_it_refuses_the_later_of_two_back_office_saves_from_the_same_version(
    client_as, db, back_office_officer, another_officer
):
    item = _item()
    url = f"/back-office/meetings/agendaitem/{item.pk}/change/"
    second = Client()
    sign_in(second, another_officer(is_staff=True, is_superuser=True).user)
    first = client_as("officer")
    assert f'name="version" value="{item.version}"' in first.get(url).content.decode()
    assert first.post(url, _item_form(item, title="Title from the first")).status_code == 302
    refused = second.post(url, _item_form(item, presenter="Presenter from the second"))
    assert refused.status_code == 200
    assert "changed by someone else" in refused.content.decode()
    row = AgendaItem.objects.get(pk=item.pk)
    assert (row.title, row.presenter) == ("Title from the first", item.presenter)
    event = AuditEvent.objects.filter(verb="item.update", object_id=str(item.pk)).latest("pk")
    # The "before" is what the database held when the first officer saved.
    change = [item.title, "Title from the first"]
    changes = event.raw_changes()
    assert set(changes) == {"title"} and changes["title"] in (change, str(change))
