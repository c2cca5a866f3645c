"""For tests: the named system actor that writes a test's fixtures."""

from secretariat.core.services import SystemActor

TESTS = SystemActor("tests")
