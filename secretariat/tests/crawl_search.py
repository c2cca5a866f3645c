"""Search in the crawl: every canary is a word of the index (`CANARY00042X` is the word
`canary00042x`), so a search for words starting `canary` lists every canaried record the reader
may find, page by page and facet by facet; any canary on those pages outside its readers is a
leak, in a result, a snippet or a facet."""

from __future__ import annotations

from secretariat.search.index import rebuild
from secretariat.search.sources import KIND_NAMES

PAGES = 8


def index(world) -> None:
    # The canaries were written past the services (`QuerySet.update`): index them anew.
    rebuild()


def urls() -> list[tuple[str, str]]:
    base = "/search/?q=canary*"
    found = [("search:search", f"{base}&page={page}") for page in range(1, PAGES + 1)]
    found += [("search:search", f"{base}&kind={kind}") for kind in KIND_NAMES]
    found += [("search:search", f"{base}&label={label}") for label in ("GREEN", "AMBER", "RED")]
    return found
