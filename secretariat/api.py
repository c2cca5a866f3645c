"""The JSON API (OpenAPI at /api/openapi.json). Read-only; every answer is a projection for the
signed-in reader (session authentication) or the public, through the one door."""

from __future__ import annotations

from secretariat.core.api import SecretariatAPI
from secretariat.directory.api import router as directory_router
from secretariat.meetings.api import router as meetings_router
from secretariat.publishing.api import router as records_router

# One error shape and every answer documented (secretariat/core/api.py).
api = SecretariatAPI(
    title="secretariat",
    version="1",
    description="Bodies, meetings and their labelled records, as each reader may see them.",
    urls_namespace="api",
    # The interactive docs page loads scripts from a CDN, which the site's CSP forbids.
    docs_url=None,
)
api.add_router("/bodies", directory_router, tags=["bodies"])
api.add_router("/meetings", meetings_router, tags=["meetings"])
api.add_router("/meetings", records_router, tags=["meetings"])
