"""Register data for the synthetic archive.

Registers (security assurance, and later changes and operations) arrive app by app. Each adds a
step class to STEPS, named by the app whose models it needs; the generator skips a step while
that app has no models. A step is built once per run with the seed, the planned directory
(`World`), the meeting schedule and today's date, and then:

* `prepare()` writes what the register needs before any meeting (inside the directory's
  transaction) and returns {kind: rows written};
* `items_for(slot)` gives the agenda items the register puts on a meeting, as `RegisterItem`s:
  the meeting writer numbers them, labels them and records their outcomes like any other item;
* `write_year(year)` runs inside the year's transaction after the meetings' own rows, so the
  items and outcomes it links to have their keys, and returns {kind: rows written}.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.apps import apps
from django.utils.module_loading import import_string

from secretariat.labels.models import Label

# (app label, dotted path of the step class)
STEPS: list[tuple[str, str]] = [
    ("assurance", "secretariat.archive.generator.assurance.AssuranceRegister"),
    ("changes", "secretariat.archive.generator.changes.ChangeRegister"),
    ("operations", "secretariat.archive.generator.operations.OperationsRegister"),
]


@dataclass
class RegisterItem:
    """An agenda item a register asks for. After the year is written, `item` and `outcomes`
    hold the saved rows, for the register to link its records to."""

    record: Any
    title: str
    summary: str
    party: Any
    outcomes: list[tuple[str, str]]
    label: Label = Label.RED
    # A highlight for the Panel report, in the officer's words with the register's placeholders
    # ("{incidents}"): empty for none.
    report_heading: str = ""
    report_text: str = ""
    item: Any = None
    saved_outcomes: list = field(default_factory=list)


class ItemsAtMeetings:
    """For a register that puts one item on a meeting for all the records it brings there (the
    change and operations registers): the held meetings of each base body's first copy (copies
    at scale keep their own meetings only), the next one on or after a day, and the meeting's
    item, made the first time it is asked for, with a Panel highlight if its title has one."""

    item_label: Label = Label.WHITE
    # A Panel highlight by the item's title: (heading, text with the register's placeholders).
    highlights: dict[str, tuple[str, str]] = {}

    def _meetings(self, world, slots, today: dt.date) -> None:
        self.runs = {
            plan.base_code: [s for s in slots.get(plan.body.pk, []) if s.date < today]
            for plan in world.plans
            if plan.copy == 1
        }
        self.days = {code: [s.date for s in run] for code, run in self.runs.items()}
        self.items: dict[tuple[str, int], RegisterItem] = {}

    def _next(self, code: str, day: dt.date):
        """The first held meeting of the body on or after `day`, or None."""
        days = self.days.get(code) or []
        index = bisect.bisect_left(days, day)
        return self.runs[code][index] if index < len(days) else None

    def _item(self, slot, title: str, summary: str, outcome: tuple[str, str]) -> RegisterItem:
        key = (slot.body.code, slot.index)
        if key not in self.items:
            heading, text = self.highlights.get(title, ("", ""))
            self.items[key] = RegisterItem(
                report_heading=heading,
                report_text=text,
                record=[],
                title=title,
                summary=summary,
                party=None,
                outcomes=[outcome],
                label=self.item_label,
            )
        return self.items[key]

    def _bring(self, slot, record, rows: dict, title: str, summary: str, outcome) -> RegisterItem:
        """Put `record` on the meeting's item, and (item, record) among the `rows` of the
        meeting's year, to be linked once the year's items have their keys."""
        item = self._item(slot, title, summary, outcome)
        item.record.append(record)
        rows[slot.date.year].append((item, record))
        return item

    def items_for(self, slot) -> list[RegisterItem] | None:
        found = self.items.get((slot.body.code, slot.index))
        return [found] if found is not None else None


class RegisterStep(Protocol):
    name: str
    # Whether the register alone decides which parties come before a body it gives items to
    # (the assurance register does; a register whose items name no party does not).
    decides_parties: bool

    def prepare(self) -> dict[str, int]: ...

    def items_for(self, slot) -> list[RegisterItem] | None:
        """None: this register has nothing to do with the meeting's body or date."""
        ...

    def write_year(self, year: int) -> dict[str, int]: ...


def build_steps(*, seed: int, world, slots, today: dt.date) -> list[RegisterStep]:
    steps = []
    for app_label, path in STEPS:
        if not apps.is_installed(f"secretariat.{app_label}"):
            continue
        if not any(apps.get_app_config(app_label).get_models()):
            continue
        step_class = import_string(path)
        if step_class.available():
            steps.append(step_class(seed=seed, world=world, slots=slots, today=today))
    return steps
