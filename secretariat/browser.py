"""Test support: a real Chromium (Debian's) driven by Playwright, and the demo served for it.

Browser tests skip when Chromium is missing, unless SECRETARIAT_REQUIRE_BROWSER=1 (CI sets it),
which turns a missing browser into a failure."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("SECRETARIAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-gpu",
]


def require_chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM} (install Debian's chromium package)."
    if os.environ.get("SECRETARIAT_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " SECRETARIAT_REQUIRE_BROWSER=1 makes browser tests required.")
    pytest.skip(message)


@contextlib.contextmanager
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield instance
        finally:
            instance.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def demo_server(*, address: str = "127.0.0.1"):
    """`secretariat demo` in a fresh SQLite workspace of its own, as the README runs it."""
    data = Path(tempfile.mkdtemp(prefix="secretariat-demo-"))
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["SECRETARIAT_DATA_DIR"] = str(data)
    process = subprocess.Popen(
        [sys.executable, "-m", "secretariat.cli", "demo", "--port", str(port), "--addr", address],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                raise RuntimeError(f"secretariat demo exited early:\n{output}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), timeout=0.5),
            ):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("secretariat demo did not start listening within 120 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(data, ignore_errors=True)
