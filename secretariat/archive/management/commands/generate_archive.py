"""`secretariat generate_archive`: fill the workspace with a synthetic multi-year archive."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from secretariat.archive.generator import BASE_CODES, DEFAULT_UNTIL, Options
from secretariat.archive.services import archive_generate
from secretariat.core.progress import TerminalProgress
from secretariat.core.services import GENERATOR, ServiceError


class Command(BaseCommand):
    summary = "Fill a fresh workspace with a synthetic archive of N years."
    help = (
        "Generate a synthetic archive: every body's meetings at its cadence for N years, with "
        "items, outcomes, actions, attendance, parties and people. A bulk importer for "
        "benchmarks and tests: it bypasses the per-row services and records one audit event "
        "for the run. Deterministic from --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=20, help="Years of meetings (default 20).")
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Copies of the body tree (default 1); the copies have codes like SSCB, SSCC.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--until",
            type=int,
            default=DEFAULT_UNTIL,
            help=f"Last year of the archive (default {DEFAULT_UNTIL}).",
        )
        parser.add_argument(
            "--bodies",
            default="",
            help=f"Comma-separated codes of bodies to give meetings to (default all: {','.join(BASE_CODES)}).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Also publish every held meeting's Meeting Headlines, with honest hashes of "
            "each format (slow: about 70 ms a meeting, spread over the CPUs).",
        )

    def handle(self, *args, years, scale, seed, until, bodies, publish, **options):
        codes = tuple(code.strip().upper() for code in bodies.split(",") if code.strip())
        options_ = Options(
            years=years, scale=scale, seed=seed, until=until, bodies=codes, publish=publish
        )
        self.stdout.write(
            f"Generating {years} years ({options_.first_year}–{until}) at scale {scale}, "
            f"seed {seed} ..."
        )
        try:
            run = archive_generate(
                actor=GENERATOR,
                options=options_,
                progress=TerminalProgress(self.stdout),
            )
        except ServiceError as error:
            raise CommandError(" ".join(error.messages)) from None
        totals = ", ".join(f"{number:,} {kind}" for kind, number in run.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Done in {run.seconds:.1f} s: {totals}."))
