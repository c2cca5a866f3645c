"""The stages and paths of the SEC modification process as the 2019 seeds know them, installed by
a data migration. They are dated data: officers add a stage or rename one from a date, and the
history keeps what each was called at the time."""

from __future__ import annotations

import datetime as dt

SINCE = dt.date(2013, 9, 23)  # the SEC's designation

STAGES = [
    # key, name, position, closes
    ("development", "Development Stage", 10, False),
    ("refinement", "Refinement Process", 20, False),
    ("report", "Report Phase", 30, False),
    ("consultation", "Consultation", 40, False),
    ("change_board", "Change Board Vote", 50, False),
    ("authority", "Authority Decision", 60, False),
    ("implemented", "Implemented", 70, True),
    ("withdrawn", "Withdrawn", 80, True),
]

PATHS = [
    # key, name, decider, position
    ("authority_led", "Authority-led", "the Authority", 10),
    ("authority_determination", "Path 2: Authority Determination", "the Authority", 20),
    ("self_governance", "Path 3: Self-Governance", "the Change Board", 30),
    ("fast_track", "Fast-Track", "the Panel", 40),
    ("urgent", "Urgent", "the Authority", 50),
]


def install(apps) -> None:
    Stage = apps.get_model("changes", "Stage")
    Path = apps.get_model("changes", "Path")
    for key, name, position, closes in STAGES:
        Stage.objects.get_or_create(
            key=key,
            valid_from=SINCE,
            defaults={"name": name, "position": position, "closes": closes},
        )
    for key, name, decider, position in PATHS:
        Path.objects.get_or_create(
            key=key,
            valid_from=SINCE,
            defaults={"name": name, "decider": decider, "position": position},
        )
