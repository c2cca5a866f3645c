"""Cancelling a meeting: the details page's button leads here, to a page that says what will
happen and asks why; only the POST from that page cancels."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from secretariat.core.services import ServiceError, StaleVersion
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.services import meeting_cancel
from secretariat.workspace.access import officer_meeting_or_404
from secretariat.workspace.views.common import errors_of, page, see_other


@require_http_methods(["GET", "POST"])
def cancel(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    reason = ""
    errors: dict = {}
    status = 200
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            meeting_cancel(
                actor=request.user,
                meeting=meeting,
                version=request.POST.get("version"),
                reason=reason,
            )
        except StaleVersion:
            # Someone changed the meeting since this page was drawn: show it as it is now.
            errors, status = (
                {
                    "__all__": [
                        "The meeting changed since you opened this page: "
                        "check it and confirm again."
                    ]
                },
                409,
            )
            meeting.refresh_from_db()
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            return see_other(reverse("workspace:meeting", args=[meeting.reference]))
    return page(
        request,
        "workspace/cancel.html",
        {"meeting": meeting, "reason": reason, "errors": errors, "version": meeting.version},
        status=status,
    )
