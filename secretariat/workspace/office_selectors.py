"""What the dashboard shows of the follow-up: for an officer, the owners' reports waiting on them;
for anyone of the directory, their reports waiting and the next meetings of the bodies they
follow. A fixed number of queries, however many rows lie behind them."""

from __future__ import annotations

from secretariat.meetings.access import visible_meetings
from secretariat.meetings.models import Meeting
from secretariat.workspace.history import is_auditor
from secretariat.workspace.office_models import ActionReport, BodyFollow
from secretariat.workspace.selectors import officer_body_ids

ROWS = 8


def office_dashboard(reader, today, user=None) -> dict:
    if reader.person_id is None:
        return {}
    # The auditor starts here: the site's header asks no more of the database for them.
    context: dict = {"auditor": is_auditor(user)}
    bodies = officer_body_ids(reader)
    if bodies:
        waiting = ActionReport.objects.filter(
            state=ActionReport.State.PENDING, action__meeting__body_id__in=bodies
        ).filter(
            reader.q(
                body="action__meeting__body_id",
                meeting="action__meeting_id",
                date="action__meeting__date",
                people="action__owner_id",
            )
        )
        context["to_confirm"] = list(
            waiting.select_related("action", "author").order_by("made_at")[:ROWS]
        )
        context["to_confirm_count"] = waiting.count()
    followed = BodyFollow.objects.filter(person_id=reader.person_id).values("body_id")
    context["followed"] = list(
        visible_meetings(reader, Meeting.objects.select_related("body"))
        .filter(body_id__in=followed, date__gte=today)
        .order_by("date")[:ROWS]
    )
    context["my_pending"] = ActionReport.objects.filter(
        author_id=reader.person_id, state=ActionReport.State.PENDING
    ).count()
    return context
