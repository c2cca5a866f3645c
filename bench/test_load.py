"""bench/load.py, tiny: the servers start, sign-in works, and a few requests meet no error."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def _load_module():
    spec = importlib.util.spec_from_file_location("bench_load", Path(__file__).with_name("load.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_it_measures_a_small_load_without_errors(capsys):
    main = _load_module().main
    argv = ["--requests", "6", "--concurrency", "2", "--only", "bare", "signed", "pdf", "--no-save"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    for target in ("bare Django view", "meeting page, signed in", "headlines.pdf"):
        assert target in out
    assert "load average after" in out
