"""Load on `secretariat serve`: a bounded loopback load at the pages people open most.

    uv run python bench/load.py [--requests 300] [--concurrency 8] [--workers 2] [--threads 4]
                                [--conn-max-age 60]

Builds the demo workspace (SQLite) in a temporary data folder, serves it with
`secretariat serve --workers W --threads T` under production settings, and serves a bare Django
view (bench/bare_app.py) with gunicorn and the same options beside it. For each target it sends
`--requests` GETs from `--concurrency` client threads, each on its own kept-alive connection, after
a warm-up of 2 per client, and prints requests per second, the p50/p95/p99 latency, the errors
(any status but 200, or a failed connection), the servers' CPU time (all their processes, read
from /proc) and the ratio of requests per second to the bare view's. The load average is printed
before and after. Results: bench/results/load.json.

The signed-in rows use the demo account `present` (recorded present at SSC_72: reads its RED
items). `serve` never admits demo accounts, so the bench marks that one person as not a demo
account in its own throwaway copy of the workspace, and signs in through the sign-in form.

`--workspace DIR` serves a copy of another SQLite workspace instead: the archive bench's
twenty-year one (bench/archive_bench.py builds it; its folder is printed there). The meeting is
then the one the archive bench measures (the latest SSC meeting with an apology) and the
signed-in reader its member recorded present, given the password `demo` in the copy.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from secretariat.serving import (  # noqa: E402
    DATABASE,
    demo_workspace,
    free_port,
    production_env,
    served,
    wait_until_listening,
)

RESULTS = ROOT / "bench" / "results" / "load.json"
TICKS = os.sysconf("SC_CLK_TCK")
MEETING = "/meetings/SSC_72_2702/"
TARGETS = (
    ("bare Django view", "bare", "/", False),
    ("meeting page, anonymous", "serve", MEETING, False),
    ("meeting page, signed in", "serve", MEETING, True),
    ("portal", "serve", "/publications/", False),
    ("headlines.pdf", "serve", f"{MEETING}headlines.pdf", False),
)


@dataclass
class Row:
    name: str
    requests: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    server_cpu: float = 0.0
    client_cpu: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        # Nearest rank: the value below which p % of the requests fall.
        return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def process_tree_cpu(root: int) -> float:
    """User and system CPU seconds of a process and its live descendants (gunicorn's master and
    workers), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0.0, [root]
    while stack:
        pid = stack.pop()
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICKS
        stack.extend(children.get(pid, []))
    return total


def sign_in(port: int, username: str, password: str) -> str:
    """The session cookie of a sign-in through the form, as a browser does it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/sign-in/")
    response = connection.getresponse()
    page = response.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", "")).group(1)  # type: ignore[union-attr]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    connection.request(
        "POST",
        "/sign-in/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"http://127.0.0.1:{port}/sign-in/",
        },
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    cookies = " ".join(response.headers.get_all("Set-Cookie") or [])
    session = re.search(r"sessionid=([^;]+)", cookies)
    if response.status != 302 or not session:
        raise RuntimeError(f"signing in as {username} failed ({response.status})")
    return f"sessionid={session.group(1)}"


def load(port: int, path: str, *, requests: int, concurrency: int, cookie: str = "") -> Row:
    headers = {"Cookie": cookie} if cookie else {}
    per_client = [
        requests // concurrency + (i < requests % concurrency) for i in range(concurrency)
    ]
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    start = threading.Barrier(concurrency + 1)

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

        def one() -> float | None:
            nonlocal connection
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                ok = False
            return time.perf_counter() - began if ok else None

        for _ in range(2):  # warm: connection, caches, the worker's first render
            one()
        start.wait()
        for _ in range(per_client[index]):
            took = one()
            if took is None:
                errors[index] += 1
            else:
                latencies[index].append(took)
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    row = Row(path, requests, time.perf_counter() - began)
    row.latencies = [t for each in latencies for t in each]
    row.errors = sum(errors)
    return row


@contextlib.contextmanager
def bare_server(env: dict[str, str], workers: int, threads: int):
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="secretariat-bare-", suffix=".log")[1])
    argv = [sys.executable, "-m", "gunicorn", "bench.bare_app:application"]
    argv += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)]
    argv += ["--worker-class", "gthread" if threads > 1 else "sync", "--keep-alive", "5"]
    argv += ["--no-control-socket", "--chdir", str(ROOT)]
    with log.open("w") as output:
        process = subprocess.Popen(argv, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_listening(process, port, log, probe="/")
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.unlink(missing_ok=True)


def prepare_workspace() -> Path:
    data = demo_workspace()
    with contextlib.closing(sqlite3.connect(data / DATABASE)) as connection:
        # This throwaway copy only: `present` becomes a plain account that `serve` admits.
        connection.execute(
            "UPDATE directory_person SET is_demo = 0 WHERE user_id = "
            "(SELECT id FROM auth_user WHERE username = 'present')"
        )
        connection.commit()
    return data


_ARCHIVE_READER = """
import django
django.setup()
from secretariat.archive.selectors import readers_of, sample_meeting
from secretariat.directory.models import Person
meeting = sample_meeting("SSC")
user = readers_of(meeting)["present"]
user.set_password("demo")
user.save(update_fields=["password"])
Person.objects.filter(user=user).update(is_demo=False)
print(meeting.reference, user.username)
"""


def prepare_archive(source: Path) -> tuple[Path, str, str]:
    """A copy of an archive workspace, its measured meeting and the present member's name."""
    if not (source / DATABASE).exists():
        raise SystemExit(f"{source} holds no {DATABASE}: not a SQLite workspace")
    data = Path(tempfile.mkdtemp(prefix="secretariat-served-"))
    with contextlib.closing(sqlite3.connect(source / DATABASE)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(source / DATABASE, data / DATABASE)
    env = {**os.environ, "SECRETARIAT_DATA_DIR": str(data)}
    env["DJANGO_SETTINGS_MODULE"] = "secretariat.settings"
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", _ARCHIVE_READER], env=env, cwd=ROOT, text=True, capture_output=True
    )
    if result.returncode != 0:
        raise SystemExit(f"choosing the archive's meeting failed:\n{result.stderr}")
    reference, username = result.stdout.split()[-2:]
    return data, reference, username


def run(args: argparse.Namespace) -> dict:
    meeting, username = MEETING, "present"
    if args.workspace:
        data, reference, username = prepare_archive(Path(args.workspace))
        meeting = f"/meetings/{reference}/"
    else:
        data = prepare_workspace()
    env = production_env(data, CONN_MAX_AGE=str(args.conn_max_age))
    options = ("--workers", str(args.workers), "--threads", str(args.threads))
    rows: list[Row] = []
    load_before = os.getloadavg()
    try:
        with (
            served("serve", env, *options) as server,
            bare_server(env, args.workers, args.threads) as (bare_port, bare_process),
        ):
            cookie = sign_in(server.port, username, "demo")
            for name, which, path, signed_in in TARGETS:
                path = path.replace(MEETING, meeting)
                if args.only and not any(word in name for word in args.only):
                    continue
                port, pid = (
                    (bare_port, bare_process.pid)
                    if which == "bare"
                    else (server.port, server.process.pid)
                )
                cpu, mine = process_tree_cpu(pid), resource.getrusage(resource.RUSAGE_SELF)
                row = load(
                    port,
                    path,
                    requests=args.requests,
                    concurrency=args.concurrency,
                    cookie=cookie if signed_in else "",
                )
                after = resource.getrusage(resource.RUSAGE_SELF)
                row.name = name
                row.server_cpu = process_tree_cpu(pid) - cpu
                row.client_cpu = (after.ru_utime + after.ru_stime) - (mine.ru_utime + mine.ru_stime)
                rows.append(row)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    load_after = os.getloadavg()
    bare = next((row for row in rows if row.name == "bare Django view"), None)
    return {
        "benchmark": "bench/load.py",
        "requests": args.requests,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "threads": args.threads,
        "conn_max_age": args.conn_max_age,
        "workspace": "demo" if not args.workspace else "archive",
        "meeting": meeting,
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "rows": [
            {
                "target": row.name,
                "rps": round(row.rps, 1),
                "p50_ms": round(row.percentile(50) * 1000, 1),
                "p95_ms": round(row.percentile(95) * 1000, 1),
                "p99_ms": round(row.percentile(99) * 1000, 1),
                "errors": row.errors,
                "server_cpu_s": round(row.server_cpu, 2),
                "server_cpu_ms_per_request": round(row.server_cpu / row.requests * 1000, 2),
                "client_cpu_s": round(row.client_cpu, 2),
                "vs_bare": round(row.rps / bare.rps, 3) if bare and bare.rps else None,
            }
            for row in rows
        ],
    }


def print_report(report: dict) -> None:
    print(
        f"{report['requests']} requests per target from {report['concurrency']} clients; "
        f"serve --workers {report['workers']} --threads {report['threads']}; "
        f"CONN_MAX_AGE={report['conn_max_age']}; {report['cpus']} CPUs; "
        f"{report['workspace']} workspace, {report['meeting']}"
    )
    print(f"load average before {report['load_average_before']}")
    header = f"{'target':<26}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
    print(header + f"{'srv CPU s':>11}{'ms/req':>8}{'cli CPU s':>11}{'vs bare':>9}")
    for row in report["rows"]:
        ratio = f"{row['vs_bare']:.3f}" if row["vs_bare"] is not None else "-"
        print(
            f"{row['target']:<26}{row['rps']:>8.1f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['p99_ms']:>9.1f}{row['errors']:>8}{row['server_cpu_s']:>11.2f}"
            f"{row['server_cpu_ms_per_request']:>8.2f}"
            f"{row['client_cpu_s']:>11.2f}{ratio:>9}"
        )
    print(f"load average after  {report['load_average_after']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="timed requests per target")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--conn-max-age", type=int, default=60, help="CONN_MAX_AGE for serve")
    parser.add_argument("--only", nargs="*", help="only targets whose name has one of the words")
    parser.add_argument("--no-save", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument(
        "--workspace", help="serve a copy of this SQLite workspace (the archive bench's)"
    )
    args = parser.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1:
        parser.error("--requests and --concurrency must be at least 1")
    report = run(args)
    print_report(report)
    if not args.no_save:
        results = RESULTS if not args.workspace else RESULTS.with_name("load-archive.json")
        results.write_text(json.dumps(report, indent=2) + "\n")
    return 1 if any(row["errors"] for row in report["rows"]) else 0


if __name__ == "__main__":
    raise SystemExit(main())
