"""Archive-scale benchmark: how pages and documents hold up as the archive grows.

    uv run python bench/archive_bench.py                     # 1, 5 and 20 years at scale 1
    uv run python bench/archive_bench.py --years 20 --scale 10

For each size it builds (or reuses) a workspace holding the demo plus a synthetic archive from
`secretariat generate_archive` — SQLite by default, PostgreSQL when DATABASE_URL names a server
(a database per workspace is created there) — then, in a separate warm process on that
workspace, requests each page through Django's test client for each persona that matters, and
reports the server-side time (median and 95th percentile of wall and CPU time), the number of
queries, and the ratio to the request floor: the same rows fetched with plain SQL behind the
same middleware, session, user and reader. When the machine's load average exceeds its cores,
the targets are judged on CPU time, which the load moves least. Routes whose issue has not landed yet are skipped with a
line saying so. Results go to bench/results/archive-<years>y-x<scale>.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
# The personas that matter (see secretariat.archive.selectors.readers_of).
PERSONAS = ("anonymous", "officer", "present", "absent", "party")
QUERY_BUDGET = 15


@dataclass(frozen=True)
class Probe:
    """A page to measure: its address (with {meeting}, {body}, {month} filled in at run time),
    the personas it matters for, the floor it compares with and the target for its p95."""

    name: str
    path: str
    personas: tuple[str, ...]
    floor: str | None = None
    target_p95_ms: float | None = None
    # Whose readers: those of the measured SSC meeting, or of the Panel meeting of {month}.
    readers: str = "ssc"
    # Personas for whom 404 is the right answer (the page exists, but not for them): their
    # rows are marked and judged by no time target.
    expect_404: tuple[str, ...] = ()


def _documents() -> list[Probe]:
    probes = []
    readers = {
        "headlines": ("anonymous",),
        "minutes": ("officer", "absent"),
        "confidential-minutes": ("officer", "present"),
    }
    # The generator publishes only the Meeting Headlines: the other documents are drafts, which
    # only their editors open; anyone else is rightly told there is no such document.
    unpublished = {"minutes": ("absent",), "confidential-minutes": ("present",)}
    for document, personas in readers.items():
        for extension in ("", ".md", ".pdf", ".docx"):
            target = 100.0 if (document, extension) == ("headlines", ".pdf") else None
            probes.append(
                Probe(
                    f"{document}{extension or ' (html)'}",
                    f"/meetings/{{meeting}}/{document}{extension}",
                    personas,
                    "meeting",
                    target,
                    expect_404=unpublished.get(document, ()),
                )
            )
    return probes


PROBES = [
    Probe("meeting page", "/meetings/{meeting}/", PERSONAS, "meeting", 50.0),
    Probe("body page", "/bodies/{body}/", PERSONAS, "body"),
    Probe("API meeting record", "/api/meetings/{meeting}", PERSONAS, "meeting"),
    Probe("API meetings of a body", "/api/meetings?body={body}", ("anonymous", "officer")),
    Probe("public portal", "/publications/", ("anonymous", "party"), None, 30.0),
    Probe("portal feed", "/publications/feed.atom", ("anonymous",)),
    *_documents(),
    # Before publication the Panel's officer gets the report compiled live from the records.
    Probe(
        "panel report compile", "/reports/panel/{month}/", ("officer",), "report", 200.0, "panel"
    ),
    Probe(
        "panel report compile page",
        "/reports/panel/{month}/compile",
        ("officer",),
        "report",
        None,
        "panel",
    ),
    Probe("panel report .pdf", "/reports/panel/{month}.pdf", ("officer",), "report", None, "panel"),
    # The month before, which nobody opened: its default report is read with its meeting.
    *(
        Probe(f"panel report{name}, month not yet opened", path, ("officer",), None, None, "panel")
        for name, path in (
            ("", "/reports/panel/{unopened}/?draft"),
            (" compile page", "/reports/panel/{unopened}/compile"),
            (" .pdf", "/reports/panel/{unopened}.pdf?draft"),
        )
    ),
    # Nothing of the generated Panel reports is issued, so only the compiling officer (who
    # opened the measured month's report) may open Appendix A's draft.
    Probe(
        "appendix A",
        "/reports/panel/{month}/appendix-a?draft",
        ("officer", "present"),
        None,
        None,
        "panel",
        expect_404=("present",),
    ),
    Probe("assurance due list", "/assurance/due/", ("officer", "party")),
    Probe("assurance register", "/assurance/", ("officer", "present")),
    Probe(
        "a meeting's register items",
        "/assurance/meetings/{meeting}/",
        ("officer", "present", "absent"),
    ),
    Probe("change register", "/changes/", ("officer", "anonymous")),
    Probe("a change", "/changes/DP075/", ("officer", "anonymous")),
    Probe("operations register", "/operations/", ("officer", "present")),
    Probe("a measure's months", "/operations/measures/ota-firmware/", ("officer", "present")),
    # An incident is AMBER in the OPSG's scope: a member of the SSC alone may not know of it.
    Probe(
        "an incident",
        "/operations/incidents/MI-2019-04-01/",
        ("officer", "present"),
        expect_404=("present",),
    ),
    # Search: the commonest word of the generated texts (thousands of records match), and a
    # phrase; the door's filter is in the same query, for each reader.
    Probe(
        "search, a common word",
        "/search/?q=update",
        ("anonymous", "officer", "present"),
        None,
        50.0,
    ),
    Probe("search, a phrase", '/search/?q="risk+register"', ("anonymous", "present"), None, 50.0),
]


# -- workspaces ------------------------------------------------------------------------------------


# The archive app's modules that decide what a workspace holds (not its selectors or tests).
GENERATOR_MODULES = (
    "models.py",
    "registers.py",
    "render_worker.py",
    "vocabulary.py",
    "services.py",
)


def fingerprint() -> str:
    """Changes whenever what a workspace holds could change: the generator, the demo, the schema."""
    digest = hashlib.sha1()
    sources = sorted(
        [
            *ROOT.glob("secretariat/archive/generator/*.py"),
            *ROOT.glob("secretariat/archive/management/commands/*.py"),
            *(ROOT / "secretariat/archive" / name for name in GENERATOR_MODULES),
            *ROOT.glob("secretariat/demo/**/*.py"),
            *ROOT.glob("secretariat/*/demo.py"),
            *ROOT.glob("secretariat/*/migrations/*.py"),
        ]
    )
    for path in sources:
        if "tests" in path.parts:
            continue
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def engine() -> str:
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def _workspace_database(directory: Path) -> str | None:
    """On PostgreSQL, the workspace's own database on the server DATABASE_URL names."""
    url = os.environ.get("DATABASE_URL", "")
    if engine() != "postgresql":
        return None
    base, _, _name = url.rpartition("/")
    return f"{base}/bench_{directory.name.replace('-', '_')}"


def _create_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')


def workspace_env(directory: Path) -> dict[str, str]:
    env = dict(os.environ)
    database = _workspace_database(directory)
    if database is None:
        env.pop("DATABASE_URL", None)  # SQLite in the workspace's data folder
    else:
        env["DATABASE_URL"] = database
    env["SECRETARIAT_DATA_DIR"] = str(directory)
    env["DJANGO_SETTINGS_MODULE"] = "secretariat.settings"
    return env


def ensure_workspace(
    root: Path, years: int, scale: int, seed: int, rebuild: bool, publish: bool = True
) -> Path:
    stem = f"archive-{engine()}-{years}y-x{scale}-s{seed}{'' if publish else '-unpublished'}"
    directory = root / f"{stem}-{fingerprint()}"
    for stale in root.glob(f"{stem}-*"):
        if stale != directory:
            shutil.rmtree(stale, ignore_errors=True)
    if (directory / "ready").exists() and not rebuild:
        print(f"Reusing the {years}-year workspace at {directory}")
        return directory
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "static").mkdir(parents=True)
    print(
        f"Building the {years}-year {engine()} workspace (scale {scale}, seed {seed}) at {directory}"
    )
    env = workspace_env(directory)
    if "DATABASE_URL" in env:
        _create_database(env["DATABASE_URL"])
    cli = [sys.executable, "-m", "secretariat.cli"]
    for command in (
        ["migrate", "--verbosity", "0"],
        ["demo", "--no-serve"],
        [
            "generate_archive",
            *("--years", str(years), "--scale", str(scale), "--seed", str(seed)),
            *(("--publish",) if publish else ()),
        ],
    ):
        result = subprocess.run([*cli, *command], env=env, cwd=ROOT, text=True, capture_output=True)
        if result.returncode != 0:
            sys.exit(f"`secretariat {' '.join(command)}` failed:\n{result.stdout}{result.stderr}")
        if command[0] == "generate_archive":
            print("  " + result.stdout.strip().splitlines()[-1])
    (directory / "ready").write_text(time.strftime("%Y-%m-%d %H:%M:%S"))
    return directory


# -- measuring, inside the workspace's own process -------------------------------------------------


def measure_workspace(args) -> dict:
    import django

    django.setup()
    import floor
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import Resolver404, resolve

    from secretariat.archive.models import ArchiveRun
    from secretariat.archive.selectors import readers_of, sample_meeting
    from secretariat.core.gunicorn import settle
    from secretariat.core.testing import sign_in
    from secretariat.meetings.models import Meeting
    from secretariat.reports.selectors import report_of
    from secretariat.reports.services import report_open

    settings.ALLOWED_HOSTS = ["testserver"]
    # The site's addresses plus the request floor (bench/floor_urls.py).
    settings.ROOT_URLCONF = "floor_urls"
    run = ArchiveRun.objects.filter(complete=True).first()
    if run is None:
        sys.exit("This workspace holds no complete generated archive.")
    meeting = sample_meeting("SSC")
    panel = sample_meeting("PANEL")
    readers = {"ssc": readers_of(meeting), "panel": readers_of(panel)}
    # The generator opens no Panel report, so nobody compiles one and Appendix A's default
    # distribution has no officer on it: the measured month's is opened by its officer, as the
    # secretariat does each month (the bench's own workspace; kept for the next run).
    officer = readers["panel"]["officer"]
    if officer is not None and report_of(panel) is None:
        report_open(actor=officer, meeting=panel, author=officer.get_full_name() or "Officer")
    # The Panel's latest meeting of an earlier month, whose report nobody opened.
    unopened = (
        Meeting.objects.filter(body=panel.body, date__lt=panel.date.replace(day=1))
        .filter(panel_report__isnull=True)
        .latest("date")
    )
    values = {
        "meeting": meeting.reference,
        "body": meeting.body.code,
        "month": f"{panel.date:%Y-%m}",
        "panel_meeting": panel.reference,
        "unopened": f"{unopened.date:%Y-%m}",
    }
    sql = floor.connect(connection)
    keys = {"meeting": values["meeting"], "body": values["body"], "report": values["month"]}
    floors = {
        name: floor.measure(lambda name=name: floor.FLOORS[name](sql, keys[name]), args.requests)
        for name in floor.FLOORS
    }
    per_request_floor = {}
    per_request = args.connections == "per-request"
    # As each `secretariat serve` worker does once it has loaded the site (core/gunicorn.py).
    settle()
    load_before = os.getloadavg()
    results, skipped = [], []
    for probe in PROBES:
        if args.only and not any(word in probe.name for word in args.only):
            continue
        path = probe.path.format(**values)
        users = readers[probe.readers]
        try:
            resolve(path.split("?")[0])
        except Resolver404:
            skipped.append(f"{probe.name}: {probe.path} does not resolve yet; skipped")
            continue
        for persona in probe.personas:
            client = Client()
            if users[persona] is not None:
                # With a proven second factor, as the people these personas stand for sign in:
                # a password-only session meets RED as absent and an officer's is sent to prove one.
                sign_in(client, users[persona])
            for _ in range(args.warmup):
                _fetch(client, path)
            times, cpu = [], []
            status = size = 0
            floor_key = (probe.floor, persona)
            if probe.floor and floor_key not in per_request_floor:
                per_request_floor[floor_key] = _request_floor(
                    client, f"/__floor__/{probe.floor}/{keys[probe.floor]}", args, connection
                )
            row_started = time.perf_counter()
            for _ in range(args.requests):
                if time.perf_counter() - row_started > args.row_seconds and len(times) >= 20:
                    # A page this slow is known to be slow after 20 requests; the row says how
                    # many it took (n) so nobody mistakes it for a 200-request figure.
                    break
                if per_request:
                    # As a server does with CONN_MAX_AGE=0 (the SQLite setting): the request
                    # opens its own connection. The test client alone would keep one open.
                    connection.close()
                started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
                status, size = _fetch(client, path)
                times.append((time.perf_counter_ns() - started) / 1e6)
                cpu.append((time.process_time_ns() - cpu_started) / 1e6)
            with CaptureQueriesContext(connection) as queries:
                _fetch(client, path)
            count = len(queries)
            row = {
                "probe": probe.name,
                "path": path,
                "persona": persona,
                "status": status,
                "bytes": size,
                "queries": count,
                **floor.summary(times),
                "requested": args.requests,
                # CPU time of this process: what the page costs, whatever else the machine runs.
                "cpu_median_ms": round(statistics.median(cpu), 3),
                "cpu_p95_ms": floor.summary(cpu)["p95_ms"],
                "target_p95_ms": probe.target_p95_ms,
                "expected_404": persona in probe.expect_404,
            }
            if probe.floor:
                base = per_request_floor[floor_key]
                row["floor"] = probe.floor
                row["floor_median_ms"] = base["median_ms"]
                row["floor_cpu_median_ms"] = base["cpu_median_ms"]
                row["data_floor_median_ms"] = floors[probe.floor]["median_ms"]
                row["ratio_median"] = round(row["median_ms"] / base["median_ms"], 1)
                row["ratio_cpu_median"] = round(row["cpu_median_ms"] / base["cpu_median_ms"], 1)
                row["ratio_p95"] = round(row["p95_ms"] / base["p95_ms"], 1)
            results.append(row)
            print(f"  measured {probe.name} as {persona}", file=sys.stderr)
    return {
        "archive": {
            "years": run.years,
            "scale": run.scale,
            "seed": run.seed,
            "first_year": run.first_year,
            "last_year": run.last_year,
            "generation_seconds": run.seconds,
            "counts": run.counts,
        },
        "target": values,
        "personas": {
            where: {name: (user.username if user else None) for name, user in found.items()}
            for where, found in readers.items()
        },
        "requests": args.requests,
        "connections": args.connections,
        "machine": {
            **_machine(connection),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "floors": floors,
        "request_floors": {
            f"{name} as {persona}": value for (name, persona), value in per_request_floor.items()
        },
        "results": results,
        "skipped": skipped,
        "targets": _targets(results, judge_on_cpu=_loaded(load_before)),
    }


def _loaded(load_before) -> bool:
    """The machine was busier than its cores: wall times then measure the queue, not the page."""
    return max(load_before[0], os.getloadavg()[0]) > (os.cpu_count() or 1)


def _request_floor(client, path: str, args, connection) -> dict:
    """The request floor for one persona, timed like a page."""
    import floor

    for _ in range(args.warmup):
        _fetch(client, path)
    times, cpu = [], []
    for _ in range(args.requests):
        if args.connections == "per-request":
            connection.close()
        started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
        status, _ = _fetch(client, path)
        times.append((time.perf_counter_ns() - started) / 1e6)
        cpu.append((time.process_time_ns() - cpu_started) / 1e6)
    if status != 200:
        sys.exit(f"The request floor {path} answered {status}.")
    return {**floor.summary(times), "cpu_median_ms": round(statistics.median(cpu), 3)}


def _fetch(client, path: str) -> tuple[int, int]:
    response = client.get(path)
    if response.streaming:
        body = b"".join(response.streaming_content)
        response.close()
    else:
        body = response.content
    return response.status_code, len(body)


def _machine(connection) -> dict:
    import django

    if connection.vendor == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    else:
        connection.ensure_connection()
        version = connection.connection.info.server_version
        database = f"PostgreSQL {version // 10000}.{version % 10000}"
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def _targets(results: list[dict], *, judge_on_cpu: bool = False) -> list[dict]:
    checks = []
    by_probe: dict[str, list[dict]] = {}
    for row in results:
        if row["expected_404"]:
            continue
        by_probe.setdefault(row["probe"], []).append(row)
    measure = "cpu_p95_ms" if judge_on_cpu else "p95_ms"
    what = "CPU p95" if judge_on_cpu else "p95"
    for name, rows in by_probe.items():
        target = rows[0]["target_p95_ms"]
        if target is None:
            continue
        worst = max(rows, key=lambda row: row[measure])
        checks.append(
            {
                "check": f"{name} {what} ≤ {target:g} ms",
                "measured": f"{worst[measure]:.1f} ms ({worst['persona']})",
                "ok": worst[measure] <= target,
            }
        )
    for row in results:
        if row["status"] != (404 if row["expected_404"] else 200):
            checks.append(
                {
                    "check": f"{row['probe']} answers {row['persona']} as expected",
                    "measured": f"HTTP {row['status']}",
                    "ok": False,
                }
            )
    if results:
        worst = max(results, key=lambda row: row["queries"])
        checks.append(
            {
                "check": f"no page above {QUERY_BUDGET} queries",
                "measured": f"{worst['queries']} ({worst['probe']}, {worst['persona']})",
                "ok": worst["queries"] <= QUERY_BUDGET,
            }
        )
    return checks


# -- printing ----------------------------------------------------------------------------------------

HEADER = (
    f"  {'page':<30} {'persona':<10} {'HTTP':>8} {'queries':>7} {'median ms':>9} {'p95 ms':>8} "
    f"{'cpu ms':>7} {'cpu p95':>7} {'floor ms':>8} {'× floor':>7} {'× cpu':>6}"
)


def _line(row: dict) -> str:
    floor_ms = f"{row['floor_median_ms']:.2f}" if "floor_median_ms" in row else "—"
    ratio = f"{row['ratio_median']:.1f}×" if "ratio_median" in row else "—"
    cpu_ratio = f"{row['ratio_cpu_median']:.1f}×" if "ratio_cpu_median" in row else "—"
    capped = f"  (n={row['n']})" if row["n"] < row.get("requested", row["n"]) else ""
    status = f"{row['status']} exp" if row.get("expected_404") else str(row["status"])
    return (
        f"  {row['probe']:<30} {row['persona']:<10} {status:>8} {row['queries']:>7} "
        f"{row['median_ms']:>9.1f} {row['p95_ms']:>8.1f} {row['cpu_median_ms']:>7.1f} "
        f"{row.get('cpu_p95_ms', 0):>7.1f} {floor_ms:>8} {ratio:>7} {cpu_ratio:>6}{capped}"
    )


def print_report(report: dict) -> None:
    archive = report["archive"]
    counts = archive["counts"]
    print()
    print(
        f"Archive {archive['first_year']}–{archive['last_year']} ({archive['years']} years), "
        f"scale {archive['scale']}, seed {archive['seed']}: {counts.get('meetings', 0):,} "
        f"meetings, {counts.get('agenda items', 0):,} agenda items, "
        f"{counts.get('actions', 0):,} actions; generated in {archive['generation_seconds']:.1f} s"
    )
    target = report["target"]
    machine = report["machine"]
    print(
        f"Measured meeting {target['meeting']}, body {target['body']}, Panel meeting "
        f"{target['panel_meeting']} ({target['month']}); {report['requests']} requests per row, warm process, "
        f"{report['connections']} connections; {machine['database']}; "
        f"{machine['cpus']} CPUs, load average {machine['load_average_before'][0]:.2f} before, "
        f"{machine['load_average_after'][0]:.2f} after"
        + ("; judged on CPU time (load above the cores)" if _judged_on_cpu(report) else "")
    )
    floors = report["floors"]
    print(
        "Data floors (plain SQL): "
        + ", ".join(
            f"{name} {value['median_ms']:.2f} ms ({value['rows']} rows)"
            for name, value in floors.items()
        )
    )
    print(HEADER)
    for row in report["results"]:
        print(_line(row))
    for line in report["skipped"]:
        print(f"  skipped  {line}")
    for check in report["targets"]:
        print(f"  {'PASS' if check['ok'] else 'FAIL'}  {check['check']}: {check['measured']}")


def _judged_on_cpu(report: dict) -> bool:
    return any("CPU p95" in check["check"] for check in report["targets"])


def print_summary(reports: list[dict]) -> None:
    """p95 of every row across the sizes measured in this run."""
    if len(reports) < 2:
        return
    sizes = [f"{r['archive']['years']}y x{r['archive']['scale']}" for r in reports]
    print()
    print("p95 ms (queries) by archive size")
    print(f"  {'page':<30} {'persona':<10} " + " ".join(f"{size:>14}" for size in sizes))
    keys = []
    for report in reports:
        for row in report["results"]:
            key = (row["probe"], row["persona"])
            if key not in keys:
                keys.append(key)
    for probe, persona in keys:
        cells = []
        for report in reports:
            row = next(
                (r for r in report["results"] if (r["probe"], r["persona"]) == (probe, persona)),
                None,
            )
            cells.append(f"{row['p95_ms']:>8.1f} ({row['queries']:>2})" if row else f"{'—':>14}")
        print(f"  {probe:<30} {persona:<10} " + " ".join(f"{cell:>14}" for cell in cells))


# -- entry -------------------------------------------------------------------------------------------


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per row.")
    parser.add_argument("--warmup", type=int, default=10, help="Untimed requests first.")
    parser.add_argument(
        "--row-seconds",
        type=float,
        default=60,
        help="Stop timing a row after this long (and at least 20 requests); default 60.",
    )
    parser.add_argument(
        "--connections",
        choices=("per-request", "persistent"),
        default="per-request",
        help="A database connection per request, as the SQLite settings make a server do "
        "(default), or one kept open across requests.",
    )
    parser.add_argument(
        "--only", nargs="*", default=[], help="Measure only pages whose name contains a word."
    )
    parser.add_argument(
        "--data-root",
        type=Path,
        default=Path(tempfile.gettempdir()) / "secretariat-bench",
        help="Where the workspaces are kept (default: the temp dir).",
    )
    parser.add_argument("--rebuild", action="store_true", help="Build workspaces afresh.")
    parser.add_argument(
        "--no-publish",
        dest="publish",
        action="store_false",
        help="Build without publishing the Meeting Headlines (much faster at scale 10; the "
        "portal and headlines rows then measure an empty ledger).",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        report = measure_workspace(args)
        RESULTS.mkdir(exist_ok=True)
        archive = report["archive"]
        out = RESULTS / f"archive-{engine()}-{archive['years']}y-x{archive['scale']}.json"
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        print_report(report)
        print(f"Wrote {out.relative_to(ROOT)}")
        return
    reports = []
    for years in args.years:
        directory = ensure_workspace(
            args.data_root, years, args.scale, args.seed, args.rebuild, args.publish
        )
        print(f"Measuring {years} years at scale {args.scale} ...")
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--measure",
            "--requests",
            str(args.requests),
            "--warmup",
            str(args.warmup),
            "--row-seconds",
            str(args.row_seconds),
            "--connections",
            args.connections,
        ]
        if args.only:
            command += ["--only", *args.only]
        result = subprocess.run(command, env=workspace_env(directory), cwd=ROOT)
        if result.returncode != 0:
            sys.exit(result.returncode)
        result_file = RESULTS / f"archive-{engine()}-{years}y-x{args.scale}.json"
        reports.append(json.loads(result_file.read_text()))
    print_summary(reports)


if __name__ == "__main__":
    main()
