"""Making notices: for an occasion, one row per person who hears of the body, made at most once
(`key`), in a fixed number of queries whatever the number of people."""

from __future__ import annotations

from collections.abc import Iterable

from secretariat.core import clock
from secretariat.directory.models import Body
from secretariat.notifications.models import Mode, Notice
from secretariat.notifications.subscriptions import modes_for


def make(
    *,
    body: Body,
    kind: str,
    key: str,
    people: dict[int, str] | None = None,
    owners: Iterable[int] = (),
    **about,
) -> list[int]:
    """The ids of the notices made for `key` (none for people who already have one). `people`
    ({person id: mode}) defaults to everyone who hears of the body."""
    modes = people if people is not None else modes_for(body, owners=owners)
    modes = {person_id: mode for person_id, mode in modes.items() if mode != Mode.NONE}
    if not modes:
        return []
    had = set(
        Notice.objects.filter(key=key, person_id__in=modes).values_list("person_id", flat=True)
    )
    now = clock.now()
    rows = [
        Notice(
            person_id=person_id,
            body=body,
            kind=kind,
            key=key,
            digest=mode == Mode.DIGEST,
            created_at=now,
            **about,
        )
        for person_id, mode in modes.items()
        if person_id not in had
    ]
    # ignore_conflicts: a notify racing another for the same occasion makes no second row.
    Notice.objects.bulk_create(rows, ignore_conflicts=True)
    made = [row.person_id for row in rows]
    return list(Notice.objects.filter(key=key, person_id__in=made).values_list("pk", flat=True))
