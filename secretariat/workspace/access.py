"""The workspace's door: its pages are the officers' own, and a reader who is not an officer of
the body (who may not know the drafts exist) gets 404, as for a page that is not there."""

from __future__ import annotations

from django.http import Http404

from secretariat.directory.access import get_body_or_404
from secretariat.labels.access import Reader
from secretariat.meetings.access import get_meeting_or_404, may_publish, meeting_scope
from secretariat.meetings.models import AgendaItem
from secretariat.workspace.selectors import officer_body_ids


def require_officer(reader: Reader) -> None:
    """Any current secretariat officer: the workspace's lists."""
    if not officer_body_ids(reader):
        raise Http404("No such page.")


def officer_body_or_404(reader: Reader, code: str):
    body = get_body_or_404(code)
    if body.pk not in officer_body_ids(reader):
        raise Http404("No such page.")
    return body


def officer_meeting_or_404(reader: Reader, reference: str):
    """The meeting, if the reader may know it exists and serves its body as an officer."""
    meeting = get_meeting_or_404(reader, reference)
    if not may_publish(reader, meeting):
        raise Http404("No such page.")
    return meeting


def readable_item(reader: Reader, item: AgendaItem) -> bool:
    """Whether the reader may read every fragment of the item: to edit it, one must see it."""
    scope = meeting_scope(item.meeting)
    return all(
        reader.admits(label, scope) for label in (item.label, item.title_label, item.summary_label)
    )


def officer_item_or_404(reader: Reader, meeting, pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(meeting=meeting, pk=pk).select_related("parent").first()
    if item is None:
        raise Http404("No such item.")
    item.meeting = meeting
    if not readable_item(reader, item):
        raise Http404("No such item.")
    return item
