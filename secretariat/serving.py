"""Test and bench support: a workspace served by a real `secretariat` process on loopback.

`demo_workspace()` builds the demo workspace once per process in a SQLite data folder and hands
out copies, so that each server gets its own file without paying for the demo load again.
`served(...)` starts `secretariat serve` or `secretariat demo` on it and waits until it listens.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATABASE = "secretariat.sqlite3"
_BUILT: dict[str, Path] = {}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def base_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The caller's environment with the workspace in `data_dir` (SQLite), and no database URL
    or settings module inherited from a test run."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["SECRETARIAT_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run_cli(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "secretariat.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    return base_env(
        data_dir,
        SECRET_KEY=secrets.token_urlsafe(50),
        SECRETARIAT_CHAIN_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        SECRETARIAT_ACCESS_LOG="0",
        **extra,
    )


def demo_workspace() -> Path:
    """A fresh copy of the demo workspace (SQLite, migrated, demo loaded) in a new folder."""
    if "demo" not in _BUILT:
        built = Path(tempfile.mkdtemp(prefix="secretariat-workspace-"))
        result = run_cli(base_env(built), "demo", "--no-serve")
        if result.returncode != 0:
            raise RuntimeError(f"secretariat demo --no-serve failed:\n{result.stderr}")
        # One file holds it all: fold the write-ahead log in so that a plain copy is complete.
        with contextlib.closing(sqlite3.connect(built / DATABASE)) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _BUILT["demo"] = built
    copy = Path(tempfile.mkdtemp(prefix="secretariat-served-"))
    shutil.copy2(_BUILT["demo"] / DATABASE, copy / DATABASE)
    return copy


def wait_until_listening(
    process: subprocess.Popen,
    port: int,
    log: Path,
    timeout: float = 120,
    probe: str = "/static/secretariat/site.css",
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log.read_text()}")
        with contextlib.suppress(OSError):
            # A connection alone may reach the listening socket before a worker is ready to
            # answer; a request proves the application is loaded.
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request("GET", probe)
                connection.getresponse().read()
                return
            finally:
                connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s:\n{log.read_text()}")


@contextlib.contextmanager
def served(
    command: str, env: dict[str, str], *args: str, address: str = "127.0.0.1"
) -> Iterator[Server]:
    """`secretariat serve|demo --port P --addr A ARGS` until the block ends."""
    port = free_port()
    # Output goes to a file, not a pipe: a server that logs more than a pipe holds would block.
    log = Path(tempfile.mkstemp(prefix="secretariat-server-", suffix=".log")[1])
    argv = [sys.executable, "-m", "secretariat.cli", command, "--port", str(port)]
    argv += ["--addr", address, *args]
    with log.open("w") as output:
        process = subprocess.Popen(
            argv,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        wait_until_listening(process, port, log)
        yield Server(f"http://127.0.0.1:{port}", port, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.unlink(missing_ok=True)


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text()
