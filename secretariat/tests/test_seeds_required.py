"""The seed fidelity tests skip where a developer has no `../shared/seeds` and fail where CI says
the seeds must be there."""

from __future__ import annotations

import pytest

from secretariat.core.testing import skip_without_seeds


def test_it_skips_a_seed_check_without_the_seeds_by_default(monkeypatch):
    monkeypatch.delenv("SECRETARIAT_REQUIRE_SEEDS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Seed X not found"):
        skip_without_seeds("Seed X not found.")


def test_it_fails_a_seed_check_without_the_seeds_where_they_are_required(monkeypatch):
    monkeypatch.setenv("SECRETARIAT_REQUIRE_SEEDS", "1")
    with pytest.raises(pytest.fail.Exception, match="SECRETARIAT_REQUIRE_SEEDS=1"):
        skip_without_seeds("Seed X not found.")


def test_it_requires_the_seeds_in_ci():
    from pathlib import Path

    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    assert "export SECRETARIAT_REQUIRE_SEEDS=1" in ci
