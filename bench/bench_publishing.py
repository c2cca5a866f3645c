"""Time to render SSC_72's Meeting Headlines in each format, in one warm process.

    uv run python bench/bench_publishing.py [--runs N]

Builds the demo workspace in a temporary SECRETARIAT_DATA_DIR (SQLite), then for each format
renders the same projected document repeatedly and reports the median; it also times building
and projecting the document from the database, and the two together. Results go to stdout and to
bench/results/publishing.json."""

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

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "publishing.json"


def _median_ms(action, runs: int, fresh=None) -> tuple[float, float, float]:
    """Median and fastest wall time and median CPU time of the process, in milliseconds.
    `fresh(i)`, when given, makes each run's input, outside the timing."""
    action(fresh(-1)) if fresh else action()  # warm: template caches, fonts, imports
    walls, cpus = [], []
    for run in range(runs):
        argument = (fresh(run),) if fresh else ()
        cpu, start = time.process_time(), time.perf_counter()
        action(*argument)
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per measure (default 30)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    load_before = [round(x, 2) for x in os.getloadavg()]
    data_dir = tempfile.mkdtemp(prefix="secretariat-bench-publishing-")
    os.environ["SECRETARIAT_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from secretariat.demo.loader import load_demo

    load_demo()

    import typst

    from secretariat.documents.renderers import FORMATS, render
    from secretariat.meetings.models import Meeting
    from secretariat.publishing.builders import prepare

    meeting = Meeting.objects.select_related("body").get(reference="SSC_72_2702")
    projected = prepare("headlines", meeting)
    results: dict[str, dict] = {}

    median, best, cpu = _median_ms(lambda: prepare("headlines", meeting), args.runs)
    results["build+project"] = {
        "median_ms": round(median, 2),
        "min_ms": round(best, 2),
        "cpu_median_ms": round(cpu, 2),
    }

    def new_input(run: int):
        # typst keeps the layout of what it compiled before; a changed status line is a new
        # document, as a new version or a recompiled draft is.
        return dataclasses.replace(projected, meta={**projected.meta, "status": f"Draft {run}"})

    for fmt in FORMATS:
        size = len(render(projected, fmt))
        median, best, cpu = _median_ms(lambda fmt=fmt: render(projected, fmt), args.runs)
        fresh_wall, _, fresh_cpu = _median_ms(
            lambda document, fmt=fmt: render(document, fmt), args.runs, new_input
        )
        end_to_end, _, _ = _median_ms(
            lambda fmt=fmt: render(prepare("headlines", meeting), fmt), args.runs
        )
        results[fmt] = {
            "median_ms": round(median, 2),
            "min_ms": round(best, 2),
            "cpu_median_ms": round(cpu, 2),
            "new_input_median_ms": round(fresh_wall, 2),
            "new_input_cpu_median_ms": round(fresh_cpu, 2),
            "with_build_median_ms": round(end_to_end, 2),
            "bytes": size,
        }
    # Issue 16's target: Word at most twice the PDF of the same document, each rendered anew.
    ratio = results["docx"]["new_input_cpu_median_ms"] / results["pdf"]["new_input_cpu_median_ms"]

    report = {
        "benchmark": "render SSC_72_2702 Meeting Headlines (public)",
        "runs": args.runs,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "typst": typst.__version__ if hasattr(typst, "__version__") else "",
        "database": "sqlite (temporary)",
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "results": results,
        "word_over_pdf_new_input_cpu": round(ratio, 2),
    }
    print(f"SSC_72_2702 Meeting Headlines, median of {args.runs} warm runs")
    print(f"load average {load_before} before, {report['load_average_after']} after")
    print(
        f"{'format':<14}{'render ms':>11}{'cpu ms':>8}{'min ms':>9}{'new ms':>9}{'new cpu':>9}"
        f"{'+build ms':>11}{'bytes':>9}"
    )
    nan = float("nan")
    for name, row in results.items():
        print(
            f"{name:<14}{row['median_ms']:>11.2f}{row['cpu_median_ms']:>8.2f}{row['min_ms']:>9.2f}"
            f"{row.get('new_input_median_ms', nan):>9.2f}"
            f"{row.get('new_input_cpu_median_ms', nan):>9.2f}"
            f"{row.get('with_build_median_ms', nan):>11.2f}{row.get('bytes', 0):>9}"
        )
    print(f"Word / PDF, each a new document, CPU: {ratio:.2f} (target at most 2)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
