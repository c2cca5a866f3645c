"""`secretariat notify`: the day's time-based notices and digests. Run it once a day (cron, or
the worker's host's timer); rerunning it sends nothing twice."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from secretariat.core import clock
from secretariat.notifications import due
from secretariat.notifications.sending import send_digests, send_immediate


class Command(BaseCommand):
    summary = "Send the day's reminders (actions, assessments) and the daily digests."
    help = (
        "Make the day's notices (an action due within seven days or overdue, to its owner; an "
        "assessment due, to the party and the SSC's secretariat), send what waits to be sent, "
        "and gather each person's digest notices into one email. What was sent is recorded, so "
        "a rerun the same day sends nothing twice. Run it daily, e.g. from cron: "
        "`15 7 * * * secretariat notify`."
    )

    def handle(self, *args, **options):
        today = clock.today()
        with transaction.atomic():
            made = len(due.action_notices(today)) + len(due.assessment_notices(today))
        sent = send_immediate()
        digests = send_digests()
        self.stdout.write(f"{made} new notice(s); {sent} email(s) sent, {digests} digest(s) sent.")
