"""The shape holds: imports go down the layers only, no module grows past 600 lines, the clock
is the only reader of the server's day, and demo data lives in the demo app."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from secretariat.layers import LAYERS, rank

ROOT = Path(__file__).resolve().parents[1]
APPS = {app for layer in LAYERS for app in layer}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts:
            continue
        yield relative, path.read_text()


def _is_test(relative: Path) -> bool:
    # Each app's access matrix is test data kept beside the routes it covers.
    return "tests" in relative.parts or relative.name in ("conftest.py", "access_matrix.py")


def _imports(source: str):
    """Every project module a source imports: top-level and inside functions, and the strings
    given to `import_module`."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
        ):
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                yield node.lineno, argument.value
            elif isinstance(argument, ast.JoinedStr):
                # f"secretariat.{app}.x": a module no static check can follow.
                yield node.lineno, "secretariat.<dynamic>"


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "secretariat" or len(parts) < 2:
        return None
    return parts[1]


def test_it_imports_only_down_the_layers():
    wrong = []
    for relative, source in _modules():
        if _is_test(relative) or len(relative.parts) < 2:
            continue  # tests and the project's own modules may import any layer
        app = relative.parts[0]
        if app not in APPS:
            continue
        for line, module in _imports(source):
            target = _app_of(module)
            if target is None or target == app:
                continue
            if target == "<dynamic>":
                wrong.append(f"{relative}:{line} imports a module named at run time")
            elif target not in APPS:
                # Only the top layer (the demo, whose commands document the whole site) may use
                # the project's assembly of the layers.
                if rank(app) < len(LAYERS) - 1:
                    wrong.append(f"{relative}:{line} ({app}) imports the project module {module}")
            elif rank(target) > rank(app):
                wrong.append(f"{relative}:{line} ({app}) imports {module} from a higher layer")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_it_knows_every_app():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == APPS, f"apps not in secretariat/layers.py: {sorted(apps ^ APPS)}"


def test_it_imports_labels_only_from_the_core():
    for relative, source in _modules():
        if relative.parts[0] != "labels" or _is_test(relative):
            continue
        for line, module in _imports(source):
            target = _app_of(module)
            assert target in (None, "core", "labels"), f"{relative}:{line} imports {module}"


@pytest.mark.parametrize("limit", [600])
def test_it_keeps_every_module_under_the_limit(limit):
    long = [
        f"{relative}: {source.count(chr(10))} lines"
        for relative, source in _modules()
        if source.count("\n") > limit
    ]
    assert not long, "split these into packages:\n" + "\n".join(long)


_SERVER_DAY = re.compile(
    r"\b(?:date|dt\.date|datetime\.date)\.today\(\)|\bdatetime\.now\(\)|localdate\("
)


def test_it_asks_the_clock_for_today():
    found = [
        f"{relative}:{number}"
        for relative, source in _modules()
        if relative.parts[0] != "core"
        for number, line in enumerate(source.splitlines(), 1)
        if _SERVER_DAY.search(line)
    ]
    assert not found, "use secretariat.core.clock.today() or now():\n" + "\n".join(found)


def test_it_keeps_demo_data_in_the_demo_app():
    stray = [
        str(relative)
        for relative, _ in _modules()
        if relative.parts[0] != "demo" and "demo" in relative.stem and not _is_test(relative)
    ]
    assert not stray, f"demo data outside secretariat/demo/: {stray}"
