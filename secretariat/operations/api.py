"""The operations register in JSON, through the same door as its pages."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from secretariat.core import clock
from secretariat.labels.models import Label
from secretariat.operations import access, measures
from secretariat.operations.models import Incident, Measure, OwedReport

router = Router()


class IncidentOut(Schema):
    reference: str
    occurred_on: dt.date
    service: str
    duration_minutes: int
    severity: int
    causes: list[str]
    reviewed_at: list[str]
    label: str


class MonthOut(Schema):
    month: dt.date
    value: float
    rating: str


class MeasureOut(Schema):
    code: str
    name: str
    target: float
    minimum: float
    higher_is_better: bool
    streak: int
    months: list[MonthOut]


class OwedOut(Schema):
    title: str
    asked_on: dt.date
    due_on: dt.date
    delivered_on: dt.date | None
    escalated_on: dt.date | None
    overdue: bool
    label: str


class OperationsOut(Schema):
    incidents: list[IncidentOut]
    measures: list[MeasureOut]
    owed: list[OwedOut]


@router.get("", response=OperationsOut, url_name="operations")
def operations(request):
    """Major incidents, performance measures (monthly ratings and streaks) and reports owed, as
    the reader may see them."""
    reader = request.reader
    today = clock.today()
    incidents = access.visible(reader, Incident).prefetch_related(
        "causes", "reviews__item__meeting"
    )
    found = access.visible(reader, Measure).prefetch_related("values")
    return OperationsOut(
        incidents=[
            IncidentOut(
                reference=i.reference,
                occurred_on=i.occurred_on,
                service=i.service,
                duration_minutes=i.duration_minutes,
                severity=i.severity,
                causes=[c.name for c in i.causes.all()],
                # The meeting of a review is WHITE; an item's number names no content.
                reviewed_at=[
                    f"{r.item.meeting.reference} item {r.item.number}" for r in i.reviews.all()
                ],
                label=Label(i.label).name,
            )
            for i in incidents
        ],
        measures=[
            MeasureOut(
                code=m.code,
                name=m.name,
                target=float(m.target),
                minimum=float(m.minimum),
                higher_is_better=m.higher_is_better,
                streak=measures.streak(m, today).length,
                months=[
                    MonthOut(month=r.month, value=float(r.value), rating=r.rating.label)
                    for r in measures.rated(m)
                ],
            )
            for m in found
        ],
        owed=[
            OwedOut(
                title=o.title,
                asked_on=o.asked_on,
                due_on=o.due_on,
                delivered_on=o.delivered_on,
                escalated_on=o.escalated_on,
                overdue=o.is_overdue(today),
                label=Label(o.label).name,
            )
            for o in access.visible(reader, OwedReport)
        ],
    )
