from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from secretariat.labels.access import get_meeting_or_404
from secretariat.labels.document import project
from secretariat.labels.middleware import ReaderRequest
from secretariat.meetings.builders import meeting_record


@require_GET
def meeting_detail(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = get_meeting_or_404(request.reader, reference)
    document = project(meeting_record(meeting), request.reader, audience="reader")
    # The meeting's own publications; the publishing app decides who may open which.
    from secretariat.publishing.selectors import documents_for

    documents = documents_for(request.reader, request.user, meeting)
    return render(
        request,
        "meetings/meeting.html",
        {"meeting": meeting, "document": document, "documents": documents},
    )
