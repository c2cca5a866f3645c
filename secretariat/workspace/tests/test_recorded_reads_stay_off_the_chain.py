"""Reads that are recorded (a per-reader document delivered, a paper downloaded, a request under
break-glass) write one row to their own append-only table and nothing else: no statement of the
request touches the chained audit log or its heads, so a read never queues on the head lock every
audited write holds to its commit."""

from __future__ import annotations

import pytest
from django.db import connection

from secretariat.audit.models import ChainHead, ElevatedRead
from secretariat.publishing.models import Delivery
from secretariat.workspace.paper_models import PaperDownload, PaperFile

SSC72 = "/meetings/SSC_72_2702"
CHAINED = ("audit_auditevent", "audit_chainhead")


def _statements_of(client, url: str) -> tuple[int, list[str]]:
    seen: list[str] = []

    def note(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        status = client.get(url).status_code
    return status, seen


def _heads() -> list[tuple]:
    return list(ChainHead.objects.order_by("name").values_list("name", "count", "link"))


@pytest.mark.parametrize(
    "persona, url, table",
    [
        ("present", f"{SSC72}/confidential-minutes.md", Delivery),
        ("officer", "/papers/files/{red}/", PaperDownload),
        ("anonymous", "/papers/files/{white}/", PaperDownload),
    ],
)
def test_it_records_a_read_in_its_own_table_without_touching_the_chain(
    client_as, persona, url, table
):
    files = {
        "red": PaperFile.objects.filter(paper__reference="SSC_72_03").first(),
        "white": PaperFile.objects.filter(paper__reference="SSC_72_P1").first(),
    }
    url = url.format(**{k: v.pk for k, v in files.items()})
    client = client_as(persona)
    heads, rows = _heads(), table.objects.count()

    status, statements = _statements_of(client, url)

    assert status == 200
    assert table.objects.count() == rows + 1
    touching = [sql for sql in statements if any(name in sql for name in CHAINED)]
    assert touching == []
    assert _heads() == heads


def test_it_records_an_elevated_read_without_touching_the_chain(client_as):
    client = client_as("breakglass")
    reason = "Auditor's request 2026-15: what SSC_72 recorded."
    assert client.post("/break-glass/", {"reason": reason, "minutes": "20"}).status_code == 302
    heads = _heads()

    status, statements = _statements_of(client, f"{SSC72}/")

    assert status == 200
    assert ElevatedRead.objects.filter(path=f"{SSC72}/").count() == 1
    assert [sql for sql in statements if any(name in sql for name in CHAINED)] == []
    assert _heads() == heads
    # The auditor's page still lists it, from its own table.
    assert f"GET {SSC72}/" in client_as("auditor").get("/auditor/deliveries/").content.decode()
