"""The synthetic archive generator: a bulk importer.

It writes years of meetings with `bulk_create`, one transaction per year, and does NOT go through
the per-row services: they validate, audit and record history row by row, which would take hours
for twenty years. Instead the generator builds rows that keep the same invariants (see
`meetings.py`), records history for none of them, and writes ONE audit event for the whole run
(`archive.generate`, on the run's `ArchiveRun`). It is for benchmarks, tests and demonstrations,
never for real records.

Everything is drawn from random generators seeded with the seed number, so the same options on
the same starting workspace give the same rows and references.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from secretariat.archive import registers
from secretariat.archive.generator.meetings import MeetingWriter
from secretariat.archive.generator.schedule import plan_meetings
from secretariat.archive.generator.world import BASE_BODIES, World
from secretariat.archive.models import ArchiveRun
from secretariat.core import clock
from secretariat.core.progress import SILENT, Progress
from secretariat.meetings.services import ensure_default_verbs

BASE_CODES = [code for code, *_ in BASE_BODIES]
DEFAULT_UNTIL = 2025


class GenerationError(ValueError):
    """Options the generator cannot work with, or a workspace that already holds an archive."""


@dataclass(frozen=True)
class Options:
    years: int = 20
    scale: int = 1
    seed: int = 1
    # The last year of the archive. Fixed rather than "last year" so that a seed means the same
    # archive whenever it is generated.
    until: int = DEFAULT_UNTIL
    # Codes of the demo's bodies to give meetings to (all when empty); copies follow their base.
    bodies: tuple[str, ...] = field(default_factory=tuple)
    # Publish every held meeting's Meeting Headlines (slow: every format is rendered to hash it).
    publish: bool = False

    @property
    def first_year(self) -> int:
        return self.until - self.years + 1

    def check(self) -> None:
        if not 1 <= self.years <= 100:
            raise GenerationError(f"--years {self.years}: give a number of years from 1 to 100.")
        if not 1 <= self.scale <= 100:
            raise GenerationError(f"--scale {self.scale}: give a scale from 1 to 100.")
        if self.seed < 0:
            raise GenerationError(f"--seed {self.seed}: give a whole number from 0.")
        if not self.first_year > 1900 and self.until < 2200:
            raise GenerationError(f"--until {self.until}: give a year between 1901 and 2199.")
        unknown = [code for code in self.bodies if code not in BASE_CODES]
        if unknown:
            raise GenerationError(
                f"--bodies: {', '.join(unknown)} is not a body of the archive; "
                f"use some of {', '.join(BASE_CODES)}."
            )


def generate(
    options: Options,
    *,
    progress: Progress = SILENT,
    today: dt.date | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> ArchiveRun:
    """Generate the archive into the current database and return its run record. `meanwhile`
    runs once every year is written, while the published headlines (if any) are rendered."""
    options.check()
    previous = ArchiveRun.objects.first()
    if previous is not None:
        raise GenerationError(
            f"This workspace already holds a generated {previous} from "
            f"{previous.started_at:%Y-%m-%d %H:%M}: generate into a fresh workspace "
            "(another SECRETARIAT_DATA_DIR or DATABASE_URL)."
        )
    today = today or clock.today()
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    with transaction.atomic():
        ensure_default_verbs()
        run = ArchiveRun.objects.create(
            seed=options.seed,
            years=options.years,
            scale=options.scale,
            first_year=options.first_year,
            last_year=options.until,
            bodies=list(options.bodies or BASE_CODES),
        )
        world = World(
            seed=options.seed,
            first_year=options.first_year,
            last_year=options.until,
            scale=options.scale,
            only=options.bodies,
        )
        world.bodies()
        world.organisations()
        world.memberships()
        world.write()
        slots = plan_meetings(
            world.plans, seed=options.seed, first_year=options.first_year, last_year=options.until
        )
        steps = registers.build_steps(seed=options.seed, world=world, slots=slots, today=today)
        for step in steps:
            counts.update(step.prepare())
    counts.update(world.counts)
    progress(
        f"directory: {world.counts['bodies']} bodies created, "
        f"{world.counts['organisations']} parties, {world.counts['people']} people, "
        f"{world.counts['memberships']} memberships ({time.perf_counter() - started:.1f} s)"
    )
    if steps:
        progress(f"registers: {', '.join(step.name for step in steps)}")
    writer = MeetingWriter(
        seed=options.seed, world=world, slots=slots, today=today, registers=steps
    )
    to_publish: list = []
    years = range(options.first_year, options.until + 1)
    with progress.counting("Writing the years", len(years), logged=False) as writing:
        for year in years:
            year_started = time.perf_counter()
            with transaction.atomic():
                batch, held = writer.year(year)
                written = batch.write()
                for step in steps:
                    written.update(step.write_year(year))
            counts.update(written)
            if options.publish:
                to_publish.extend(
                    (meeting, writer.officer_of(slot))
                    for slot, meeting in held
                    if meeting.status == meeting.Status.CLOSED
                )
            progress(
                f"{year}: "
                + ", ".join(f"{number:,} {kind}" for kind, number in written.items())
                + f" ({time.perf_counter() - year_started:.1f} s)"
            )
            writing.advance(note=str(year))
    if to_publish:
        from secretariat.archive.generator.publications import publish_headlines

        counts["published headlines"] = publish_headlines(
            to_publish, progress=progress, meanwhile=meanwhile
        )
    elif meanwhile is not None:
        meanwhile()
    seconds = round(time.perf_counter() - started, 2)
    with transaction.atomic():
        run.counts = dict(sorted(counts.items()))
        run.seconds = seconds
        run.complete = True
        run.save(update_fields=["counts", "seconds", "complete"])
    return run


__all__ = ["BASE_CODES", "GenerationError", "Options", "generate"]
