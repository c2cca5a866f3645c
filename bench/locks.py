"""Writers and publications at once on one workspace: does any writer meet "database is locked",
is any write lost, how long does a write wait?

    uv run python bench/locks.py [--seconds 30 | --ops N --publications P] [--writers 4]
                                 [--publishers 2] [--no-save]

On SQLite (no `DATABASE_URL`) it works on a copy of the demo workspace in a temporary data
folder, or on the workspace in `SECRETARIAT_DATA_DIR` when `--here` is given (the suite's test
hands it a copy of its own database that way). With `DATABASE_URL` it uses that database, which
must hold the demo (`secretariat demo --no-serve`); it adds a meeting and ledger rows to it.

Each writer thread edits its own agenda item of a meeting the bench adds, through the services
(`item_update`, audited, so every write also appends to the chained audit log), as fast as it
can. The publishers meanwhile publish corrections of SSC_72's Meeting Headlines through
`publication_issue`, two at once by default so that they also race each other for the version
number. With `--seconds` everyone stops at the deadline; with `--ops` each writer makes at least N
writes and carries on until the publishers have made P publications each, so the run is bounded
by operation counts, not by time.

Afterwards it checks that no write was lost (each item's version and text are its writer's last
successful write, and the audit log has one event per write), that both chains verify, and prints
writes, errors, refusals, p50/p95 latency, the process's CPU time and the load average. It exits 1
if any writer or publisher met an error other than a clear refusal (a `ServiceError`), or a write
was lost. Results: bench/results/locks.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "locks.json"
PUBLISHED = "SSC_72_2702"
BENCH_NUMBER = 9713


@dataclass
class Tally:
    """What one kind of thread met: times of the successful operations, clear refusals, and
    every other error by its text."""

    times: list[float] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock = threading.Lock()

    def add(self, seconds: float) -> None:
        with self.lock:
            self.times.append(seconds)

    def refuse(self, text: str) -> None:
        with self.lock:
            self.refused.append(text)

    def fail(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)

    def percentile(self, p: float) -> float:
        if not self.times:
            return 0.0
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    @property
    def locked(self) -> int:
        return sum("database is locked" in error for error in self.errors)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")
    import django

    django.setup()


def _bench_meeting(officer, writers: int):
    """A meeting of the bench's own, one agenda item per writer: writers never edit the same row,
    so every failed write is the database's doing, not a stale version."""
    import datetime as dt

    from secretariat.directory.models import Body
    from secretariat.meetings.models import Meeting
    from secretariat.meetings.services import item_add, meeting_create

    body = Body.objects.get(code="SSC")
    meeting = Meeting.objects.filter(body=body, number=BENCH_NUMBER).first()
    if meeting is None:
        meeting = meeting_create(
            actor=officer, body=body, number=BENCH_NUMBER, date=dt.date(2031, 3, 4)
        )
    items = list(meeting.items.order_by("number"))
    while len(items) < writers:
        items.append(item_add(actor=officer, meeting=meeting, title=f"Bench item {len(items)}"))
    return meeting, items[:writers]


def _writer(item_pk: int, index: int, officer, tally: Tally, last: dict, go) -> None:
    from django.db import connections

    from secretariat.core.services import ServiceError
    from secretariat.meetings.models import AgendaItem
    from secretariat.meetings.services import item_update

    n = 0
    try:
        while go(n):
            n += 1
            words = f"Writer {index}, write {n}."
            started = time.perf_counter()
            try:
                item = AgendaItem.objects.get(pk=item_pk)
                item_update(actor=officer, item=item, version=item.version, summary=words)
            except ServiceError as error:
                tally.refuse(f"writer {index}: {error.messages}")
            except Exception as error:  # the bench reports whatever a writer met
                tally.fail(f"writer {index}: {type(error).__name__}: {error}")
            else:
                tally.add(time.perf_counter() - started)
                last[index] = (n, words)
    finally:
        connections.close_all()


def _publisher(index: int, officer, chair, tally: Tally, go) -> None:
    from django.db import connections

    from secretariat.core.services import ServiceError
    from secretariat.meetings.models import Meeting
    from secretariat.publishing.services import publication_issue

    n = 0
    try:
        meeting = Meeting.objects.get(reference=PUBLISHED)
        while go(n):
            n += 1
            started = time.perf_counter()
            try:
                publication_issue(
                    actor=officer,
                    approver=chair,
                    meeting=meeting,
                    kind="headlines",
                    reason=f"Bench correction {index}.{n}.",
                )
            except ServiceError as error:
                tally.refuse(f"publisher {index}: {' '.join(error.messages)}")
            except Exception as error:  # the bench reports whatever a publisher met
                tally.fail(f"publisher {index}: {type(error).__name__}: {error}")
            else:
                tally.add(time.perf_counter() - started)
    finally:
        connections.close_all()


def _lost_writes(items, before: dict[int, int], last: dict, writes: Tally, events_before) -> list:
    from secretariat.audit.models import AuditEvent
    from secretariat.meetings.models import AgendaItem

    lost = []
    for index, item in enumerate(items):
        now = AgendaItem.objects.get(pk=item.pk)
        _made, words = last.get(index, (0, item.summary))
        if now.summary != words:
            lost.append(f"item {item.pk}: holds {now.summary!r}, its writer last wrote {words!r}")
    versions = sum(AgendaItem.objects.get(pk=item.pk).version - before[item.pk] for item in items)
    if versions != len(writes.times):
        lost.append(f"{len(writes.times)} writes succeeded, the items moved {versions} versions")
    events = AuditEvent.objects.filter(verb="item.update").count() - events_before
    if events != len(writes.times):
        lost.append(f"{len(writes.times)} writes succeeded, the audit log has {events} events")
    return lost


def _chains() -> list[str]:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    problems = []
    for command, args in (
        ("verify_publications", ["--reference", PUBLISHED]),
        ("verify_audit", []),
    ):
        out = io.StringIO()
        try:
            call_command(command, *args, stdout=out, stderr=out)
        except CommandError as error:
            problems.append(f"{command}: {error} {out.getvalue()[-500:]}")
    return problems


def _row(name: str, tally: Tally, seconds: float) -> str:
    return (
        f"{name:<13} {len(tally.times):>6} ({len(tally.times) / seconds:6.1f}/s)   "
        f"p50 {tally.percentile(50) * 1000:7.1f} ms   p95 {tally.percentile(95) * 1000:7.1f} ms   "
        f"max {max(tally.times, default=0) * 1000:7.1f} ms   refused {len(tally.refused)}   "
        f"errors {len(tally.errors)}"
    )


def run(args) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from secretariat.audit.models import AuditEvent

    users = get_user_model().objects
    officer, chair = users.get(username="officer"), users.get(username="chair")
    _meeting, items = _bench_meeting(officer, args.writers)
    before = {item.pk: item.version for item in items}
    events_before = AuditEvent.objects.filter(verb="item.update").count()
    writes, publications = Tally(), Tally()
    publishers_done = threading.Event()
    deadline = time.monotonic() + (args.seconds or 0)

    def writer_goes(n: int) -> bool:
        if args.seconds:
            return time.monotonic() < deadline
        return n < args.ops or not publishers_done.is_set()

    def publisher_goes(n: int) -> bool:
        if args.seconds:
            return time.monotonic() < deadline
        return n < args.publications

    last: dict[int, tuple[int, str]] = {}
    load_before = os.getloadavg()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    threads = [
        threading.Thread(target=_writer, args=(item.pk, i, officer, writes, last, writer_goes))
        for i, item in enumerate(items)
    ]
    pubs = [
        threading.Thread(target=_publisher, args=(i, officer, chair, publications, publisher_goes))
        for i in range(args.publishers)
    ]
    for thread in threads + pubs:
        thread.start()
    for thread in pubs:
        thread.join()
    publishers_done.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    load_after = os.getloadavg()
    lost = _lost_writes(items, before, last, writes, events_before)
    chains = _chains()
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return {
        "engine": connection.vendor,
        "writers": args.writers,
        "publishers": args.publishers,
        "seconds": round(elapsed, 2),
        "writes": len(writes.times),
        "write_p50_ms": round(writes.percentile(50) * 1000, 1),
        "write_p95_ms": round(writes.percentile(95) * 1000, 1),
        "write_max_ms": round(max(writes.times, default=0) * 1000, 1),
        "publications": len(publications.times),
        "publication_p95_ms": round(publications.percentile(95) * 1000, 1),
        "refused": writes.refused + publications.refused,
        "errors": writes.errors + publications.errors,
        "database_is_locked": writes.locked + publications.locked,
        "lost_writes": lost,
        "chain_problems": chains,
        "cpu_seconds": round(cpu, 2),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
        "_tallies": (writes, publications),
    }


def _kinds(errors: list[str]) -> Counter:
    """Errors by kind: the first line, without the thread's name and the numbers in it."""
    return Counter(
        re.sub(r"\d+", "N", error.split(": ", 1)[-1].splitlines()[0]) for error in errors
    )


def report(result: dict) -> str:
    writes, publications = result["_tallies"]
    seconds = result["seconds"]
    refused = sorted(set(result["refused"]))
    lines = [
        f"{result['engine']}: {result['writers']} writers, {result['publishers']} publishers, "
        f"{seconds:.1f} s",
        _row("writes", writes, seconds),
        _row("publications", publications, seconds),
        f'"database is locked": {result["database_is_locked"]}',
        f"other errors: {len(result['errors']) - result['database_is_locked']}",
        *(f"  {count} x {kind}" for kind, count in _kinds(result["errors"]).most_common(10)),
        f"refusals (clear ServiceErrors): {len(result['refused'])}",
        *(f"  {text}" for text in refused[:5]),
        f"lost writes: {len(result['lost_writes'])}",
        *(f"  {text}" for text in result["lost_writes"]),
        f"chains: {'verified' if not result['chain_problems'] else result['chain_problems']}",
        f"CPU time: {result['cpu_seconds']:.1f} s in {seconds:.1f} s",
        "load average before: {:.2f} {:.2f} {:.2f}".format(*result["load_before"]),
        "load average after:  {:.2f} {:.2f} {:.2f}".format(*result["load_after"]),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    bounds = parser.add_mutually_exclusive_group()
    bounds.add_argument("--seconds", type=float, help="run this long (30 by default)")
    bounds.add_argument("--ops", type=int, help="at least this many writes per writer")
    parser.add_argument("--publications", type=int, default=3, help="per publisher, with --ops")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--publishers", type=int, default=2)
    parser.add_argument("--here", action="store_true", help="use SECRETARIAT_DATA_DIR as it is")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    if not args.ops and not args.seconds:
        args.seconds = 30.0
    if not os.environ.get("DATABASE_URL") and not args.here:
        from secretariat.serving import demo_workspace

        os.environ["SECRETARIAT_DATA_DIR"] = str(demo_workspace())
    _setup_django()
    result = run(args)
    print(report(result))
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        saved = {k: v for k, v in result.items() if not k.startswith("_")}
        RESULTS.write_text(json.dumps(saved, indent=2) + "\n")
    failed = result["errors"] or result["lost_writes"] or result["chain_problems"]
    return 1 if failed or not result["writes"] else 0


if __name__ == "__main__":
    sys.exit(main())
