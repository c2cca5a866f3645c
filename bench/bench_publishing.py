"""Time to render SSC_72's Meeting Headlines in each format, in one warm process.

    uv run python bench/bench_publishing.py [--runs N]

Builds the demo workspace in a temporary SECRETARIAT_DATA_DIR (SQLite), then for each format
renders the same projected document repeatedly and reports the median; it also times building
and projecting the document from the database, and the two together. Results go to stdout and to
bench/results/publishing.json."""

from __future__ import annotations

import argparse
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


def _median_ms(action, runs: int) -> tuple[float, float]:
    action()  # warm: template caches, fonts, imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per measure (default 30)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

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

    median, best = _median_ms(lambda: prepare("headlines", meeting), args.runs)
    results["build+project"] = {"median_ms": round(median, 2), "min_ms": round(best, 2)}
    for fmt in FORMATS:
        size = len(render(projected, fmt))
        median, best = _median_ms(lambda fmt=fmt: render(projected, fmt), args.runs)
        end_to_end, _ = _median_ms(
            lambda fmt=fmt: render(prepare("headlines", meeting), fmt), args.runs
        )
        results[fmt] = {
            "median_ms": round(median, 2),
            "min_ms": round(best, 2),
            "with_build_median_ms": round(end_to_end, 2),
            "bytes": size,
        }

    report = {
        "benchmark": "render SSC_72_2702 Meeting Headlines (public)",
        "runs": args.runs,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "typst": typst.__version__ if hasattr(typst, "__version__") else "",
        "database": "sqlite (temporary)",
        "results": results,
    }
    print(f"SSC_72_2702 Meeting Headlines, median of {args.runs} warm runs")
    print(f"{'format':<14}{'render ms':>11}{'min ms':>9}{'+build ms':>11}{'bytes':>9}")
    for name, row in results.items():
        print(
            f"{name:<14}{row['median_ms']:>11.2f}{row['min_ms']:>9.2f}"
            f"{row.get('with_build_median_ms', float('nan')):>11.2f}{row.get('bytes', 0):>9}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
