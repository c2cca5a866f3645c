"""No lost update through the workspace: the form carries `version`; the later of two saves from
the same version answers 409, shows the other change beside yours and overwrites nothing."""

from __future__ import annotations

from secretariat.audit.models import AuditEvent
from secretariat.meetings.models import AgendaItem, Meeting

SSC_72 = "/workspace/meetings/SSC_72_2702/"


def _item():
    return AgendaItem.objects.get(meeting__reference="SSC_72_2702", number=1, parent=None)


def _form(item, **changes):
    data = {
        "version": item.version,
        "title": item.title,
        "title_label": int(item.title_label),
        "summary": item.summary,
        "summary_label": int(item.summary_label),
        "restricted_text": item.restricted_text,
        "label": int(item.label),
        "presenter": item.presenter,
        "kind": item.kind,
    }
    data.update(changes)
    return data


def test_it_carries_the_version_in_a_hidden_field(client_as):
    item = _item()
    page = client_as("officer").get(f"{SSC_72}items/{item.pk}/").content.decode()
    assert f'<input type="hidden" name="version" value="{item.version}">' in page


def test_it_refuses_the_later_of_two_saves_and_shows_both(client_as):
    item = _item()
    first, second = client_as("officer"), client_as("officer")
    url = f"{SSC_72}items/{item.pk}/"
    assert first.post(url, _form(item, title="First officer's title")).status_code == 303
    events = AuditEvent.objects.count()
    refused = second.post(url, _form(item, presenter="Second officer"))
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "changed by someone else" in page
    assert "First officer&#x27;s title" in page and "Second officer" in page
    row = AgendaItem.objects.get(pk=item.pk)
    assert (row.title, row.presenter, row.version) == (
        "First officer's title",
        item.presenter,
        item.version + 1,
    )
    assert AuditEvent.objects.count() == events
    # The refusal carries the version there now: saving again is a deliberate choice.
    assert f'name="version" value="{item.version + 1}"' in page


def test_it_refuses_a_stale_minute_and_a_stale_meeting(client_as):
    item = _item()
    client = client_as("officer")
    minute = client.post(
        f"{SSC_72}minutes/{item.pk}/",
        {"summary": "Stale words", "summary_label": "0", "label": "0", "version": item.version + 5},
        HTTP_HX_REQUEST="true",
    )
    assert minute.status_code == 409
    assert AgendaItem.objects.get(pk=item.pk).summary == item.summary
    meeting = Meeting.objects.get(reference="SSC_72_2702")
    stale = client.post(
        SSC_72,
        {
            "number": "72",
            "date": "2019-02-27",
            "location": "Somewhere else",
            "status": meeting.status,
            "label": "0",
            "version": meeting.version + 1,
        },
    )
    assert stale.status_code == 409
    assert Meeting.objects.get(pk=meeting.pk).location == meeting.location
