"""Register data for the synthetic archive.

Registers (security assurance, changes, operations) arrive app by app. Each adds a step here: a
function `step(*, year, held, world, seed) -> {kind: rows written}` that writes, in bulk, the
register rows of one year from that year's meetings (`held` is a list of (Slot, Meeting), saved,
in date order; `world` holds the parties, people and seat history). A step runs inside the year's
transaction, after the meetings' own rows, and is listed with the app whose models it needs, so
that it is skipped while that app has none.

No register has models yet (the assurance register is on its way), so the list is empty.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps

# (app label, dotted path of the step function)
STEPS: list[tuple[str, str]] = []


def available_steps() -> list[tuple[str, Callable]]:
    from django.utils.module_loading import import_string

    found = []
    for app_label, path in STEPS:
        if apps.is_installed(f"secretariat.{app_label}") and any(
            apps.get_app_config(app_label).get_models()
        ):
            found.append((path.rsplit(".", 1)[-1], import_string(path)))
    return found
