"""The demo's meeting practice: a quorum for the SSC, so that the attendance page shows it.
The figure is illustrative (the seeds do not state one); officers set the real one as data.
Idempotent."""

from __future__ import annotations

from secretariat.directory.models import Body
from secretariat.workspace.services import body_practice_set

SSC_QUORUM = 4


def load(demo) -> None:
    ssc = Body.objects.get(code="SSC")
    practice = getattr(ssc, "practice", None)
    if practice is None or practice.quorum != SSC_QUORUM:
        body_practice_set(actor=demo.actor, body=ssc, quorum=SSC_QUORUM)
