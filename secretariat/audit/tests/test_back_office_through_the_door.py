"""The back office reads through the door: an officer who did not minute a meeting reads there
what the door lets them read anywhere else, and nothing more (docs/access.md)."""

from __future__ import annotations

import pytest
from django.test import Client

from secretariat.audit.models import AuditEvent
from secretariat.core.testing import TESTS, sign_in
from secretariat.directory.services import back_office_grant
from secretariat.meetings.models import AgendaItem, Label, Meeting
from secretariat.meetings.services import item_update, meeting_update

RED_REPORT = "CANARY-RED-REPORT-7d1f"
RED_TITLE = "CANARY-RED-TITLE-0a9c"


@pytest.fixture
def unrecorded(another_officer) -> Client:
    """A second SSC officer, staff with the officers' permissions, recorded at no meeting."""
    person = another_officer(full_name="Jo Second", password="kestrel harbour 41")
    back_office_grant(actor=TESTS, person=person)
    # The back office is break-glass: this officer holds it, and reads through the door as the
    # officer they are.
    person.user.is_superuser = True
    person.user.save(update_fields=["is_superuser"])
    client = Client()
    sign_in(client, person.user)
    return client


def _item(number: int) -> AgendaItem:
    return AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=number, parent=None)


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_it_lists_no_reference_to_a_red_meeting_the_officer_may_not_know(
    unrecorded, officer, back_office_officer
):
    meeting = Meeting.objects.get(reference="SSC_72_2702")
    meeting_update(actor=TESTS, meeting=meeting, label=Label.RED, version=meeting.version)
    for url in (
        "/back-office/meetings/attendance/",
        "/back-office/publishing/publicationversion/",
        "/back-office/publishing/publicationrecord/",
        "/back-office/meetings/agendaitem/?q=SSC_72",
        "/back-office/actions/action/",
        "/back-office/meetings/outcome/add/",
    ):
        assert "SSC_72_2702" not in _page(unrecorded, url), url
    recorded = Client()
    sign_in(recorded, officer)
    assert "SSC_72_2702" in _page(recorded, "/back-office/meetings/attendance/")


def test_it_shows_an_amber_items_red_report_text_as_a_placeholder(
    unrecorded, officer, back_office_officer
):
    item = _item(12)
    assert item.label == Label.AMBER
    item_update(
        actor=TESTS,
        item=item,
        report_text=RED_REPORT,
        report_label=Label.RED,
        version=item.version,
    )
    url = f"/back-office/meetings/agendaitem/{item.pk}/change/"
    page = _page(unrecorded, url)
    assert RED_REPORT not in page
    assert "[RED — restricted]" in page
    assert 'name="report_text"' not in page
    recorded = Client()
    sign_in(recorded, officer)
    assert RED_REPORT in _page(recorded, url)


def test_it_shows_a_restricted_change_in_the_audit_log_without_its_values(
    unrecorded, officer, back_office_officer
):
    item = _item(12)
    item_update(
        actor=TESTS,
        item=item,
        report_text=RED_REPORT,
        report_label=Label.RED,
        version=item.version,
    )
    event = AuditEvent.objects.filter(verb="item.update", object_id=str(item.pk)).latest("id")
    for url in (
        f"/back-office/audit/auditevent/{event.pk}/change/",
        f"/back-office/meetings/agendaitem/{item.pk}/history/",
    ):
        page = _page(unrecorded, url)
        assert RED_REPORT not in page, url
        assert "[RED — restricted]" in page and "system:tests" in page, url
        recorded = Client()
        sign_in(recorded, officer)
        assert RED_REPORT in _page(recorded, url), url


def test_it_names_no_hidden_title_in_a_picker_or_a_list(unrecorded, officer, back_office_officer):
    item = _item(3)
    assert item.label == Label.RED
    item_update(
        actor=TESTS, item=item, title=RED_TITLE, title_label=Label.RED, version=item.version
    )
    for url in (
        "/back-office/meetings/outcome/add/",
        "/back-office/actions/action/add/",
        "/back-office/assurance/agendalink/add/",
        "/back-office/meetings/agendaitem/",
        "/back-office/audit/auditevent/",
    ):
        assert RED_TITLE not in _page(unrecorded, url), url
    recorded = Client()
    sign_in(recorded, officer)
    assert RED_TITLE in _page(recorded, "/back-office/meetings/outcome/add/")


def test_it_answers_404_for_a_hidden_records_history(unrecorded):
    item = _item(3)
    response = unrecorded.get(f"/back-office/meetings/agendaitem/{item.pk}/history/")
    assert response.status_code == 404
