"""The meeting's record as data: the same projection the meeting page shows."""

from __future__ import annotations

from ninja import Router

from secretariat.documents import snapshot
from secretariat.meetings.access import get_meeting_or_404
from secretariat.meetings.api import Error
from secretariat.publishing.cache import Read

router = Router()


@router.get("/{reference}", response={200: dict, 404: Error}, url_name="meeting")
def meeting_detail(request, reference: str):
    """The meeting's record projected for the reader: what the meeting page shows, as data in
    the shape every published document is frozen in."""
    read = Read.start(request.reader)
    meeting = get_meeting_or_404(request.reader, reference)
    return snapshot.dump(read.projected(meeting))
