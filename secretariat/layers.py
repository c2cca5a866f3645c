"""The direction of the project's imports, as data: each layer may import only the layers before
it (and itself). `secretariat/tests/test_layers.py` reads every module, imports inside functions
and `import_module` strings included, and holds the code to this order.

Modules of the project package itself (settings, urls, the API's assembly, the CLI, the access
matrix's gathering) sit above every layer: they put the layers together."""

from __future__ import annotations

LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("labels",),
    ("audit",),
    ("documents",),
    ("directory",),
    ("meetings",),
    ("actions",),
    ("publishing",),
    ("calendars",),
    ("assurance", "changes", "operations"),
    ("reports",),
    ("imports",),
    ("workspace",),
    ("search",),
    ("notifications",),
    ("archive",),
    ("demo",),
)


def rank(app: str) -> int:
    for index, layer in enumerate(LAYERS):
        if app in layer:
            return index
    raise KeyError(app)
