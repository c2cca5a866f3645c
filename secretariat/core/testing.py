"""For tests: the named system actor that writes a test's fixtures."""

from secretariat.core.services import SystemActor

TESTS = SystemActor("tests")


def skip_without_seeds(message: str):
    """A test that needs `../shared/seeds` and cannot find it: skipped where a developer has no
    seeds, failed where `SECRETARIAT_REQUIRE_SEEDS=1` says they must be there (CI's clean clone
    has `../shared` beside it), so a moved or renamed seed cannot quietly turn a check off."""
    import os

    import pytest

    if os.environ.get("SECRETARIAT_REQUIRE_SEEDS") == "1":
        pytest.fail(message + " SECRETARIAT_REQUIRE_SEEDS=1 makes the seed checks required.")
    pytest.skip(message)
