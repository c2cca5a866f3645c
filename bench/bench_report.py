"""Panel report benchmark: how long the June 2019 SEC Panel Sub-Committee Report takes to compile
and to render in each format.

    uv run python bench/bench_report.py              # 30 timed runs of each step
    uv run python bench/bench_report.py --runs 100 --warmup 5

It builds a fresh SQLite workspace in a temporary folder (`migrate`, then the demo, which opens
and publishes the June 2019 report), then, in that one warm process, times each step `--runs`
times after `--warmup` untimed runs and reports the median, the nearest-rank 95th percentile and
the minimum, in milliseconds:

* `compile`: `compile_report` (the records of April and May 2019: highlights, counts from the
  assurance register, Appendix A's rows, the officer's edits) plus the projection of both parts
  for their audiences, with the number of queries it reads;
* `render <part> <format>`: each renderer on the projected part, from memory (no database);
  `pdf (new input)` changes the status line on every run, so typst cannot reuse its layout.

Results go to bench/results/report.json (see bench/README.md, section "Panel report")."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
FORMATS = ("html", "md", "pdf", "docx")


def summary(times_ms: list[float]) -> dict:
    ordered = sorted(times_ms)
    rank = max(0, -(-95 * len(ordered) // 100) - 1)  # nearest rank
    return {
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[rank], 3),
        "min_ms": round(ordered[0], 3),
        "runs": len(ordered),
    }


def timed(step, runs: int, warmup: int) -> dict:
    """Wall and CPU time (this process's, which the shared machine's load moves least)."""
    for _ in range(warmup):
        step()
    wall, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
        step()
        wall.append((time.perf_counter_ns() - started) / 1e6)
        cpu.append((time.process_time_ns() - cpu_started) / 1e6)
    return {**summary(wall), **{f"cpu_{key}": value for key, value in summary(cpu).items()}}


def workspace(folder: Path) -> None:
    os.environ["SECRETARIAT_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from secretariat.demo.loader import load_demo

    call_command("migrate", verbosity=0)
    load_demo()


def measure(runs: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from secretariat.documents.renderers import render
    from secretariat.reports.compiler import compile_report
    from secretariat.reports.documents import prepare
    from secretariat.reports.models import PanelReport, Part
    from secretariat.reports.selectors import report_of

    # Loaded as the report's pages load it, with what they read beside it.
    report = report_of(PanelReport.objects.get(month="2019-06-01").meeting)

    def compile_both():
        compiled = compile_report(report)
        return {part: prepare(compiled, part) for part in Part.values}

    with CaptureQueriesContext(connection) as queries:
        projected = compile_both()
    results = {"compile": {**timed(compile_both, runs, warmup), "queries": len(queries)}}
    for part, document in projected.items():
        for fmt in FORMATS:
            size = len(render(document, fmt))
            results[f"render {part} {fmt}"] = {
                **timed(lambda d=document, f=fmt: render(d, f), runs, warmup),
                "bytes": size,
            }
        # typst memoizes layout within a process: the same document twice is cheap. A status
        # line that differs on every run makes it lay the document out again, as a new version
        # or a recompiled draft would.
        counter = iter(range(10**9))

        def fresh(d=document, counter=counter):
            changed = dataclasses.replace(d, meta={**d.meta, "status": f"Run {next(counter)}."})
            return render(changed, "pdf")

        results[f"render {part} pdf (new input)"] = {
            **timed(fresh, runs, warmup),
            "bytes": len(fresh()),
        }
    return {
        "report": str(report),
        "period": f"{report.period_start} to {report.period_end}",
        "labels": {part: document.label.name for part, document in projected.items()},
        "results": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="Timed runs of each step.")
    parser.add_argument("--warmup", type=int, default=3, help="Untimed runs before timing.")
    parser.add_argument(
        "--output", default=str(RESULTS / "report.json"), help="Where to write the JSON."
    )
    args = parser.parse_args()
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0.")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="secretariat-report-bench-") as folder:
        started = time.perf_counter()
        workspace(Path(folder))
        built = time.perf_counter() - started
        measured = measure(args.runs, args.warmup)
        from django.db import connection

        connection.close()
    report = {
        "benchmark": "panel report",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "database": "sqlite (fresh demo workspace)",
        "workspace_build_s": round(built, 2),
        # The shared machine's load average (1, 5, 15 minutes) before and after the run.
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "warmup": args.warmup,
        **measured,
    }
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{report['report']} ({report['period']}), {args.runs} runs after {args.warmup} warm-up")
    print(f"load average {report['load_before']} before, {report['load_after']} after")
    print(
        f"{'step':<34}{'median ms':>11}{'p95 ms':>9}{'min ms':>9}"
        f"{'CPU median':>12}{'CPU p95':>9}  extra"
    )
    for name, row in measured["results"].items():
        extra = f"{row['queries']} queries" if "queries" in row else f"{row['bytes']} bytes"
        print(
            f"{name:<34}{row['median_ms']:>11.2f}{row['p95_ms']:>9.2f}{row['min_ms']:>9.2f}"
            f"{row['cpu_median_ms']:>12.2f}{row['cpu_p95_ms']:>9.2f}  {extra}"
        )
    print(f"Wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
