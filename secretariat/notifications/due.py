"""Notices that time makes: an action due within seven days or overdue (to its owner), and an
assessment due on the assurance register (to the party's own people and the SSC's
secretariat). Each occasion has a key with its due date, so rerunning the same day (or the
next) makes nothing twice; a new due date is a new occasion."""

from __future__ import annotations

import datetime as dt

from secretariat.actions.models import Action
from secretariat.assurance import planner
from secretariat.directory.models import Body, Membership, Person, Role
from secretariat.labels.access import covering_q
from secretariat.notifications import notices
from secretariat.notifications.models import Kind, Mode, Subscription

SOON = dt.timedelta(days=7)


def action_notices(today: dt.date) -> list[int]:
    actions = list(
        Action.objects.filter(status__in=Action.OUTSTANDING, due_date__lte=today + SOON)
        .exclude(due_date=None)
        .select_related("meeting__body")
        .order_by("due_date", "id")
    )
    chosen = {
        (person_id, body_id): mode
        for person_id, body_id, mode in Subscription.objects.filter(
            person_id__in={a.owner_id for a in actions}
        ).values_list("person_id", "body_id", "mode")
    }
    made: list[int] = []
    for action in actions:
        body = action.meeting.body
        due_date = action.due_date
        assert due_date is not None  # filtered above
        mode = chosen.get((action.owner_id, body.pk), Mode.ALL)
        overdue = due_date < today
        kind = Kind.ACTION_OVERDUE if overdue else Kind.ACTION_DUE
        made += notices.make(
            body=body,
            kind=kind,
            key=f"{kind}:{action.pk}:{due_date.isoformat()}",
            people={action.owner_id: mode},
            action=action,
            due_on=due_date,
        )
    return made


def assessment_notices(today: dt.date) -> list[int]:
    ssc = Body.objects.filter(code="SSC").first()
    rows = planner.due_and_overdue(today)
    if ssc is None or not rows:
        return []
    secretariat = set(
        Membership.objects.filter(covering_q(today), body=ssc, role=Role.SECRETARIAT).values_list(
            "person_id", flat=True
        )
    )
    people_of: dict[int, set[int]] = {}
    for person_id, organisation_id in Person.objects.filter(
        organisation_id__in=[row.organisation.pk for row in rows], user__isnull=False
    ).values_list("pk", "organisation_id"):
        people_of.setdefault(organisation_id, set()).add(person_id)
    chosen = dict(Subscription.objects.filter(body=ssc).values_list("person_id", "mode"))
    made: list[int] = []
    for row in rows:
        if row.due_on is None:
            continue
        wanted = secretariat | people_of.get(row.organisation.pk, set())
        made += notices.make(
            body=ssc,
            kind=Kind.ASSESSMENT_DUE,
            key=f"assessment-due:{row.organisation.pk}:{row.due_on.isoformat()}",
            people={p: chosen.get(p, Mode.ALL) for p in wanted},
            organisation=row.organisation,
            due_on=row.due_on,
        )
    return made
