"""A legacy Panel report becomes the published report of its Panel meeting: into an empty
workspace (a fresh SQLite file driven through the `secretariat` command), the seed's June 2019
report is published on its date with the seed's sections, highlights, counts and furniture, and
reads back as the seed does; the same file again changes nothing. Into the demo, whose June 2019
report is already published from the records, a file that differs is refused with its
differences and nothing written, and `--update` publishes it as a corrected version."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError
from secretariat.documents import snapshot
from secretariat.imports.models import ImportedFile
from secretariat.imports.report_writer import report_import
from secretariat.imports.tests.test_it_imports_the_seed_into_an_empty_workspace import (
    _secretariat,
    template,  # noqa: F401  (a fixture)
    workspace,  # noqa: F401  (a fixture)
)
from secretariat.imports.tests.test_it_reads_and_checks_a_panel_report import (  # noqa: F401
    seed_bytes,
)
from secretariat.publishing.models import PublicationRecord, PublicationVersion
from secretariat.reports.models import PanelReport, SectionOverride
from secretariat.reports.tests import test_fidelity_to_the_seed as fidelity

OFFICER = """
from django.contrib.auth import get_user_model
from secretariat.directory.models import Body, Membership, Person, Role
from secretariat.directory.services import body_create
from secretariat.core.services import IMPORTER
import datetime as dt
user = get_user_model().objects.create_user("holly", password="x")
person = Person.objects.create(user=user, full_name="Holly Burton")
panel = body_create(actor=IMPORTER, code="PANEL", name="SEC Panel", short_name="Panel")
Membership.objects.create(person=person, body=panel, role=Role.SECRETARIAT,
                          term_start=dt.date(2018, 1, 1))
"""
SNAPSHOT = """
import json
from secretariat.publishing.models import PublicationRecord
record = PublicationRecord.objects.get(kind="panel-report")
print(json.dumps({"snapshot": record.snapshot, "published_at": record.published_at.isoformat(),
                  "by": record.published_by.username, "meeting": record.meeting.reference}))
"""


def _words(text: str) -> str:
    # The seed's OCR wrote DP074 as "DPQ074", which the fidelity cleaning reads as DP0074.
    return re.sub(r"\bdp0(\d{3})\b", r"dp\1", fidelity.words(text))


def _fidelity(projected) -> None:
    """The published version against the seed: the same numbered sections and sub-headings in
    order, the same count sentences, the same highlights (the SOC2 one included: the Panel read
    it in this paper), the same purpose, recommendation and furniture."""
    seed, mine = fidelity.seed_sections(), fidelity.ours(projected)
    assert [(n, s["title"]) for n, s in mine.items()] == [(n, s["title"]) for n, s in seed.items()]
    for number in fidelity.COUNTS:
        assert fidelity.words(mine[number]["text"]) == fidelity.words(seed[number]["text"])
    for number in fidelity.HIGHLIGHTS:
        text = " ".join(f"{h} {t}" for h, t in mine[number]["highlights"])
        assert _words(text) == _words(seed[number]["text"]), number
    assert fidelity.words(mine["1"]["text"]) == fidelity.words(seed["1"]["text"])
    assert fidelity.words(seed["5"]["text"]).startswith(fidelity.words(mine["5"]["text"]))
    footer = [fidelity.clean(p.parts[0].text) for p in projected.footer]
    assert footer[:3] == ["Holly Burton", "SECAS Team", "7 June 2019"]


def test_it_publishes_the_seed_report_into_an_empty_workspace(workspace, tmp_path):  # noqa: F811
    path = fidelity.seed_path()
    if path is None:
        fidelity.seed_sections()  # skips, or fails where the seeds are required
    data = workspace("report")
    _secretariat(data, "shell", "--no-imports", "-c", OFFICER)

    refused = _secretariat(data, "import", "panel-report", str(path), check=False)
    assert refused.returncode != 0 and "--as" in refused.stderr

    dry = _secretariat(data, "import", "panel-report", str(path), "--as", "holly", "--dry-run")
    assert "dry run: nothing written" in dry.stdout
    assert "would create meeting: PANEL_1_1406" in dry.stdout
    assert (
        "PublicationRecord"
        not in _secretariat(data, "shell", "--no-imports", "-c", SNAPSHOT, check=False).stdout
    )

    first = _secretariat(data, "import", "panel-report", str(path), "--as", "holly")
    assert "created meeting: PANEL_1_1406 (the file names no Panel meeting" in first.stdout
    assert "created published version 1 of the SEC Panel Sub-Committee Report June 2019" in (
        first.stdout
    )
    assert "corrected line 38: nhow → now" in first.stdout
    record = json.loads(_secretariat(data, "shell", "--no-imports", "-c", SNAPSHOT).stdout)
    assert record["by"] == "holly" and record["meeting"] == "PANEL_1_1406"
    assert record["published_at"].startswith("2019-06-07T11:00:00")  # noon in London, BST
    _fidelity(snapshot.load(record["snapshot"]))

    markdown = _secretariat(data, "panel_report", "2019-06", "--published", "-f", "md").stdout
    assert "DP075 'third party metering service providers'" in markdown

    again = _secretariat(data, "import", "panel-report", str(path), "--as", "holly")
    assert "already imported as the report of PANEL_1_1406; nothing changed" in again.stdout
    verify = _secretariat(data, "verify_publications")
    assert verify.returncode == 0


@pytest.mark.django_db
def test_a_different_file_for_a_published_report_is_refused_until_update(
    seed_bytes,  # noqa: F811
    tmp_path,
    capsys,
):
    path = tmp_path / "panel-report-2019-06.txt"
    path.write_bytes(seed_bytes)
    report = PanelReport.objects.get(month="2019-06-01")
    rows = (
        PublicationRecord.objects.count(),
        PublicationVersion.objects.count(),
        SectionOverride.objects.count(),
        ImportedFile.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(CommandError, match="was not imported; nothing of it was written") as error:
        call_command("import", "panel-report", str(path), "--as", "officer")
    err = str(error.value)
    assert "is already published and differs from this file" in err
    assert "section “Operations Group Meeting Highlights” differs" in err
    assert rows == (
        PublicationRecord.objects.count(),
        PublicationVersion.objects.count(),
        SectionOverride.objects.count(),
        ImportedFile.objects.count(),
        AuditEvent.objects.count(),
    )

    call_command("import", "panel-report", str(path), "--as", "officer", "--update")
    out = capsys.readouterr().out
    assert "created published version 2 of the SEC Panel Sub-Committee Report June 2019" in out
    latest = PublicationRecord.objects.filter(meeting=report.meeting, kind="panel-report").latest(
        "number"
    )
    assert latest.number == 2 and latest.reason == f"Re-imported from {path.name}."
    _fidelity(snapshot.load(latest.snapshot))
    event = AuditEvent.objects.filter(verb="import.panel_report").latest("id")
    assert event.actor_name == "officer" and path.name in event.summary

    call_command("import", "panel-report", str(path), "--as", "officer")
    assert "nothing changed" in capsys.readouterr().out
    assert (
        PublicationRecord.objects.filter(meeting=report.meeting, kind="panel-report").count() == 2
    )


@pytest.mark.django_db
def test_only_an_officer_of_the_panel_may_publish_it(seed_bytes, tmp_path):  # noqa: F811
    path = tmp_path / "report.txt"
    path.write_bytes(seed_bytes)
    before = PublicationRecord.objects.count()
    with pytest.raises(CommandError, match="nothing of it was written") as error:
        call_command("import", "panel-report", str(path), "--as", "present", "--update")
    assert "Only a secretariat officer of the Panel may" in str(error.value)
    assert PublicationRecord.objects.count() == before


@pytest.mark.django_db
def test_a_file_whose_sections_the_layout_lacks_is_refused_by_name(seed_bytes, tmp_path):  # noqa: F811
    path = tmp_path / "report.txt"
    path.write_bytes(seed_bytes.replace(b"4.2 TAG Highlights", b"4.2 Smart Metering Highlights"))
    with pytest.raises(CommandError) as error:
        call_command("import", "panel-report", str(path), "--as", "officer", "--update")
    err = str(error.value)
    assert "the report's layout has “TAG Highlights”, which the file does not" in err
    assert "the file has “Smart Metering Highlights”, which the layout does not" in err


def _ledger_rows() -> tuple[int, ...]:
    return (
        PublicationRecord.objects.count(),
        PublicationVersion.objects.count(),
        SectionOverride.objects.count(),
        ImportedFile.objects.count(),
        PanelReport.objects.count(),
    )


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    junk=st.binary(max_size=300),
    cut=st.floats(min_value=0, max_value=1),
    suffix=st.sampled_from([".txt", ".md", ".docx", ".pdf", ""]),
)
def test_a_bad_or_cut_report_gets_a_clear_error_and_writes_nothing(
    seed_bytes,  # noqa: F811
    user_of,
    junk,
    cut,
    suffix,
):
    officer = user_of("officer")
    before = _ledger_rows()
    truncated = seed_bytes[: int(len(seed_bytes) * cut)]
    for data in (junk, truncated, truncated + junk):
        try:
            report_import(
                actor=officer, name=f"report{suffix}", data=data, update=True, dry_run=True
            )
        except ServiceError as error:
            assert error.messages[0].startswith(f"report{suffix}: "), error.messages
    assert _ledger_rows() == before
