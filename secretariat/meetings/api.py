from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from secretariat.labels.models import Label
from secretariat.meetings.access import visible_meetings

router = Router()


class MeetingOut(Schema):
    reference: str
    body: str
    number: int
    date: dt.date
    status: str
    label: str


class Error(Schema):
    detail: str


@router.get("", response=list[MeetingOut], url_name="meetings")
def list_meetings(request, body: str | None = None, year: int | None = None, limit: int = 100):
    """The meetings the reader may know of, newest first (at most `limit`, up to 500)."""
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
        for m in meetings[: max(1, min(limit, 500))]
    ]
