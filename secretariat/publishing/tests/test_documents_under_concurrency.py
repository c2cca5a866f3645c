"""Twenty requests at once for each format of a meeting document, answered without an error, by
`secretariat serve` (processes and threads) and by the demo's threaded development server."""

from __future__ import annotations

import http.client
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from secretariat.serving import base_env, demo_workspace, production_env, served

CLIENTS = 20
DOCUMENT = "/meetings/SSC_72_2702/headlines"
FORMATS = {
    "html": DOCUMENT,
    "md": f"{DOCUMENT}.md",
    "pdf": f"{DOCUMENT}.pdf",
    "docx": f"{DOCUMENT}.docx",
}


@pytest.fixture(scope="module", params=["serve", "demo"])
def server(request):
    data = demo_workspace()
    if request.param == "serve":
        # Two processes of ten threads: requests share a process's renderers as well as
        # spreading over processes.
        with served("serve", production_env(data), "--workers", "2", "--threads", "10") as running:
            yield running
    else:
        with served("demo", base_env(data)) as running:
            yield running


def _at_once(port: int, path: str) -> list[tuple[int, bytes]]:
    start = threading.Barrier(CLIENTS)

    def fetch(_: int) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            start.wait()
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(fetch, range(CLIENTS)))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_it_answers_twenty_concurrent_requests_for_a_document_without_error(server, fmt):
    answers = _at_once(server.port, FORMATS[fmt])
    statuses = [status for status, _ in answers]
    assert statuses == [200] * CLIENTS, server.output()[-3000:]
    if fmt != "html":
        # The files are reproducible: every client got the same bytes.
        assert len({body for _, body in answers}) == 1
    assert "Traceback" not in server.output()
