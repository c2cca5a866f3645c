"""The JSON API (OpenAPI at /api/openapi.json). Every answer is a projection for its reader
through the one door: the signed-in reader (session), a person's API token (at most AMBER) or
the public. Officers write through it what the workspace lets them (secretariat/workspace/api.py)."""

from __future__ import annotations

from secretariat.changes.api import router as changes_router
from secretariat.core.api import SecretariatAPI
from secretariat.directory.api import router as directory_router
from secretariat.meetings.api import router as meetings_router
from secretariat.operations.api import router as operations_router
from secretariat.publishing.api import router as records_router
from secretariat.workspace import api as writes

# One error shape and every answer documented (secretariat/core/api.py).
api = SecretariatAPI(
    title="secretariat",
    version="1",
    description="Bodies, meetings and their labelled records, as each reader may see them.",
    urls_namespace="api",
    # The interactive docs page loads scripts from a CDN, which the site's CSP forbids.
    docs_url=None,
)
# Two writes share the reading routers' paths; they join them before the routers are mounted.
writes.install(meetings_router=meetings_router, records_router=records_router)
api.add_router("/bodies", directory_router, tags=["bodies"])
api.add_router("/meetings", meetings_router, tags=["meetings"])
api.add_router("/meetings", records_router, tags=["meetings"])
api.add_router("/meetings", writes.router, tags=["writes"])
api.add_router("/changes", changes_router, tags=["changes"])
api.add_router("/operations", operations_router, tags=["operations"])
