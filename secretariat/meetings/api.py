from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema

from secretariat.core.api import Error
from secretariat.labels.models import Label
from secretariat.meetings.access import visible_meetings

router = Router()
MAX_LIMIT = 500


class MeetingOut(Schema):
    reference: str
    body: str
    number: int
    date: dt.date
    status: str
    label: str


@router.get("", response=list[MeetingOut], url_name="meetings")
def list_meetings(
    request,
    body: str | None = Query(None, max_length=20, description="A body's code, e.g. SSC."),
    year: int | None = Query(None, ge=1, le=9999, description="Meetings of one year."),
    limit: int = Query(100, ge=1, le=MAX_LIMIT, description="Meetings to answer, 1 to 500."),
    offset: int = Query(
        0, ge=0, le=1_000_000, description="Meetings to skip first, from 0 to 1,000,000."
    ),
):
    """The meetings the reader may know of, newest first: `limit` of them (1 to 500, default
    100) after skipping `offset`. A `limit` or `offset` out of bounds answers 422."""
    meetings = visible_meetings(request.reader).select_related("body").order_by("-date")
    if body:
        meetings = meetings.filter(body__code__iexact=body)
    if year:
        meetings = meetings.filter(date__year=year)
    return [
        MeetingOut(
            reference=m.reference,
            body=m.body.code,
            number=m.number,
            date=m.date,
            status=m.status,
            label=Label(m.label).name,
        )
        for m in meetings[offset : offset + limit]
    ]


__all__ = ["Error", "MeetingOut", "router"]
