"""The register's facts for one period, read once: what the monthly Panel report asks of it.

The report counts decisions month by month for several kinds, lists the period's decisions and
letters in its Appendix A, and states a quiet month when nothing was decided. Asked of the
database each time, that is two or three queries per kind and month (about twenty for a
two-month period). `PeriodRegister` reads the period's decisions (with their statuses' names),
its letters, its notifications and the SSC's agenda links once each, when a question first
needs them (four queries at most, whatever the register's size; `total` needs no agenda links,
which only the number considered asks for), and answers the same questions as `selectors.status_counts`,
`decisions_for_period` and `letters_for_period` for any slice of the period from memory, with the
same results (a test holds them equal).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cached_property

from secretariat.assurance import selectors
from secretariat.assurance.models import (
    ASSURANCE_BODY_CODE,
    AgendaLink,
    DirectorsLetter,
    StatusDecision,
    UserSystemNotification,
    with_status_names,
)
from secretariat.assurance.selectors import (
    COUNT_KINDS,
    LETTERS,
    NOTIFICATIONS,
    Decision,
    LetterApproval,
    StatusCount,
    decision_row,
    letter_row,
)


class PeriodRegister:
    def __init__(self, start: dt.date, end: dt.date):
        self.start, self.end = start, end

    def _within(self, start: dt.date, end: dt.date) -> None:
        if end < start:
            raise ValueError("The period ends before it starts.")
        if start < self.start or end > self.end:
            raise ValueError(f"{start}–{end} is outside the period read ({self.start}–{self.end}).")

    # -- what is read, once --------------------------------------------------------------------

    @cached_property
    def _decisions(self) -> list[StatusDecision]:
        return list(
            with_status_names(
                StatusDecision.objects.filter(
                    effective_from__gte=self.start, effective_from__lte=self.end
                )
            )
            .select_related("assessment__organisation", "outcome__item__meeting", "status")
            .order_by("effective_from", "id")
        )

    @cached_property
    def _links(self) -> list[tuple[dt.date, str | None, int | None, int | None, int | None]]:
        """(meeting date, assessment kind, assessment, letter, notification) of each SSC item
        that considered a record in the period."""
        return list(
            AgendaLink.objects.filter(
                item__meeting__body__code=ASSURANCE_BODY_CODE,
                item__meeting__date__gte=self.start,
                item__meeting__date__lte=self.end,
            ).values_list(
                "item__meeting__date",
                "assessment__kind",
                "assessment_id",
                "letter_id",
                "notification_id",
            )
        )

    @cached_property
    def _letters(self) -> list[DirectorsLetter]:
        return list(
            DirectorsLetter.objects.filter(approved_on__gte=self.start, approved_on__lte=self.end)
            .select_related("organisation", "approved_by__item__meeting")
            .order_by("approved_on", "id")
        )

    @cached_property
    def _notifications(self) -> list[tuple[dt.date, str]]:
        found = UserSystemNotification.objects.filter(
            decided_on__gte=self.start, decided_on__lte=self.end
        ).values_list("decided_on", "decision")
        return [(day, decision) for day, decision in found if day is not None]

    def _approved_within(self, start: dt.date, end: dt.date) -> list[DirectorsLetter]:
        return [
            letter
            for letter in self._letters
            if letter.approved_on is not None and start <= letter.approved_on <= end
        ]

    # -- the questions ---------------------------------------------------------------------------

    def _considered(self, start: dt.date, end: dt.date, kind: str) -> int:
        found = set()
        for day, assessment_kind, assessment, letter, notification in self._links:
            if not start <= day <= end:
                continue
            if kind == LETTERS and letter is not None:
                found.add(letter)
            elif kind == NOTIFICATIONS and notification is not None:
                found.add(notification)
            elif assessment is not None and assessment_kind == kind:
                found.add(assessment)
        return len(found)

    def _decided(self, kind: str, start: dt.date, end: dt.date) -> tuple[int, tuple]:
        """(total, (name, count) by status) of one kind in a slice of the period."""
        if kind not in COUNT_KINDS:
            raise ValueError(
                f"{kind!r} is not a kind to count: use one of {', '.join(COUNT_KINDS)}."
            )
        self._within(start, end)
        if kind == LETTERS:
            total = len(self._approved_within(start, end))
            return total, (("Approved", total),) if total else ()
        if kind == NOTIFICATIONS:
            decided = Counter(
                decision for day, decision in self._notifications if start <= day <= end
            )
            return sum(decided.values()), tuple(
                (UserSystemNotification.Decision(decision).label, count)
                for decision, count in sorted(decided.items())
            )
        decisions = sorted(
            (
                d
                for d in self._decisions
                if d.assessment.kind == kind and start <= d.effective_from <= end
            ),
            key=lambda d: (d.assessment_id, d.effective_from, d.pk),
        )
        last = {decision.assessment_id: decision for decision in decisions}
        names = Counter(decision.name for decision in last.values())
        return len(last), tuple(sorted(names.items()))

    def total(self, kind: str, start: dt.date, end: dt.date) -> int:
        """`status_counts(...).total` without the SSC's agenda links, which only the number
        considered needs: the report's count sentences state the total alone."""
        return self._decided(kind, start, end)[0]

    def status_counts(self, kind: str, start: dt.date, end: dt.date) -> StatusCount:
        """As `selectors.status_counts`, for a slice of the period."""
        total, by_status = self._decided(kind, start, end)
        return StatusCount(kind, start, end, total, by_status, self._considered(start, end, kind))

    def decisions_for_period(
        self, start: dt.date, end: dt.date, *, kind: str | None = None
    ) -> list[Decision]:
        self._within(start, end)
        return [
            decision_row(d)
            for d in self._decisions
            if start <= d.effective_from <= end and (kind is None or d.assessment.kind == kind)
        ]

    def letters_for_period(self, start: dt.date, end: dt.date) -> list[LetterApproval]:
        self._within(start, end)
        rows = (letter_row(letter) for letter in self._approved_within(start, end))
        return [row for row in rows if row is not None]

    def escalations_for_period(self, start: dt.date, end: dt.date, *, today=None):
        """Referrals to the Panel: read as the selectors read them (one query), asked once per
        compile."""
        self._within(start, end)
        return selectors.escalations_for_period(start, end, today=today)
