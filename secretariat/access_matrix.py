"""The access matrix as data: each app lists its routes and what each persona may see there.

`secretariat/<app>/access_matrix.py` exports ROUTES and SEES (test data, beside the routes it
covers); `all_routes()` and `all_sees()` gather them, and the central test in `labels/tests/test_access_matrix.py` checks every case and
that no URL name of the site is missing from the matrix."""

from __future__ import annotations

from dataclasses import dataclass, field

PERSONAS = (
    "officer",
    "chair",
    "present",
    "absent",
    "party",
    "panel",
    "outsider",
    "breakglass",
    "auditor",
    "anonymous",
)


# URL names that are not pages of the product: Django's own admin and sign-in machinery.
UNLISTED_PREFIXES = ("admin:",)


@dataclass(frozen=True)
class Route:
    """`url` answers each persona with `status[persona]`."""

    name: str
    url: str
    status: dict[str, int]
    method: str = "get"
    data: dict = field(default_factory=dict)
    # Send `data` as a JSON body (the API's writes) instead of a form.
    json: bool = False

    def __post_init__(self):
        missing = [p for p in PERSONAS if p not in self.status]
        if missing:
            raise ValueError(
                f"Route {self.name} {self.url}: no expected status for {', '.join(missing)}"
            )


@dataclass(frozen=True)
class Sees:
    """`text` appears at `url` for exactly the personas in `visible_to` (others get it absent,
    whatever the status)."""

    url: str
    text: str
    visible_to: frozenset[str]
    label: str = ""


def everyone(code: int = 200) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, code)


def only(
    allowed: set[str] | frozenset[str], code: int = 200, otherwise: int = 404
) -> dict[str, int]:
    return {persona: code if persona in allowed else otherwise for persona in PERSONAS}


def _modules():
    # Imported here: each app's matrix imports the shapes above.
    from secretariat.assurance import access_matrix as assurance
    from secretariat.audit import access_matrix as audit
    from secretariat.calendars import access_matrix as calendars
    from secretariat.changes import access_matrix as changes
    from secretariat.directory import access_matrix as directory
    from secretariat.meetings import access_matrix as meetings
    from secretariat.notifications import access_matrix as notifications
    from secretariat.operations import access_matrix as operations
    from secretariat.publishing import access_matrix as publishing
    from secretariat.reports import access_matrix as reports
    from secretariat.search import access_matrix as search
    from secretariat.workspace import access_matrix as workspace

    return (
        audit,
        directory,
        meetings,
        publishing,
        calendars,
        assurance,
        changes,
        operations,
        reports,
        workspace,
        search,
        notifications,
    )


def all_routes() -> list[Route]:
    return [route for module in _modules() for route in getattr(module, "ROUTES", [])]


def all_sees() -> list[Sees]:
    return [case for module in _modules() for case in getattr(module, "SEES", [])]
