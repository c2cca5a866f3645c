"""A legacy Panel report is read through the OCR correction table, its sections and highlights
found as the seed has them, and its count sentences checked against the register; a count that
disagrees is reported and fails the command. Nothing is written."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from secretariat.core.testing import skip_without_seeds
from secretariat.imports.models import OcrCorrection
from secretariat.imports.reports import read_report
from secretariat.imports.tests.support import counts
from secretariat.publishing.tests.support import seeds_dir

SEED = "sec-panel-subcommittee-report-2019-06.txt"


@pytest.fixture
def seed_bytes() -> bytes:
    folder = seeds_dir()
    if folder is None or not (folder / SEED).is_file():
        skip_without_seeds(f"Seed {SEED} not found beside the clone (../shared/seeds).")
    return (folder / SEED).read_bytes()


@pytest.mark.django_db
def test_it_finds_the_seeds_sections_and_highlights(seed_bytes):
    parsed = read_report(SEED, seed_bytes).parsed
    assert (parsed.action, parsed.title) == ("For Information", "SEC Panel Sub-Committee Report")
    assert [s.title for s in parsed.sections] == [
        "Purpose",
        "Operations Group",
        "Security Sub-Committee and SMKI PMA",
        "Technical Architecture and Business Architecture Sub-Committee (TABASC) and Testing "
        "Advisory Group (TAG)",
        "Recommendations",
    ]
    parts = {p.number: p for s in parsed.sections for p in s.parts}
    assert [h.heading for h in parts["2.1"].highlights] == [
        "Major Incidents",
        "Communication Hub Firmware Updates",
        "SSI Enhancements and Transition",
        "Data Quality Issues Sub-Group",
        "Live Services Criteria SMETS1 Enrolment",
    ]
    tabasc = {h.heading: h.paragraphs for h in parts["4.1"].highlights}
    assert tabasc["New Draft Proposals and Modification Proposals"][1:] == [
        "- DP073 'alteration of SMKI repository information and documentation'",
        "- DP074 'clarity on obtaining SMKI device certificates'",
        "- DP075 'third party metering service providers'",
        "- DP076 'pursuing non-payment in events of default'",
    ]
    assert parsed.recommendations == ["The Panel is requested to NOTE the content of this paper."]
    assert (parsed.author, parsed.team, str(parsed.date)) == (
        "Holly Burton",
        "SECAS Team",
        "2019-06-07",
    )
    assert parsed.attachments == [
        "Appendix A: User Security Assessments — Identified Non-Compliances (RED)"
    ]
    assert "line 38: nhow → now" in parsed.corrections
    assert any("DPQ73 → DP073" in line for line in parsed.corrections)
    text = " ".join(h for p in parts.values() for hl in p.highlights for h in hl.paragraphs)
    assert "nhow" not in text and "I0C" not in text


@pytest.mark.django_db
def test_its_counts_agree_with_the_demo_register(seed_bytes):
    reading = read_report(SEED, seed_bytes)
    found = {(c.kind, c.number, c.month.isoformat()) for c in reading.parsed.counts}
    assert found == {
        ("assurance_status", 2, "2019-05-01"),
        ("vusa", 5, "2019-05-01"),
        ("directors_letters", 2, "2019-04-01"),
        ("ssa", 0, "2019-05-01"),
    }
    assert all(check.register is not None and check.agrees for check in reading.checks)


@pytest.mark.django_db
def test_a_count_that_disagrees_is_reported_and_fails(seed_bytes, tmp_path, capsys):
    changed = seed_bytes.replace(b"reviewed five Verification", b"reviewed six Verification")
    path = tmp_path / "report.txt"
    path.write_bytes(changed)
    before = counts()
    with pytest.raises(CommandError, match="counts disagree with the register"):
        call_command("import", "panel-report", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "count DISAGREES: the report says 6, the register 5 for May 2019" in out
    assert counts() == before


@pytest.mark.django_db
def test_the_correction_table_is_data(seed_bytes):
    OcrCorrection.objects.create(wrong="Fylingdales", right="Fylingdales (sic)")
    parts = {p.number: p for s in read_report(SEED, seed_bytes).parsed.sections for p in s.parts}
    text = " ".join(" ".join(h.paragraphs) for h in parts["4.2"].highlights)
    assert "Fylingdales (sic)" in text


@pytest.mark.django_db
def test_without_a_dry_run_it_asks_for_the_publishing_officer(seed_bytes, tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(seed_bytes)
    with pytest.raises(CommandError, match="--dry-run"):
        call_command("import", "panel-report", str(path))


@pytest.mark.django_db
def test_a_file_with_no_sections_gets_a_clear_error(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"Action: For Information\n\nSEC Panel Sub-Committee Report\n\nNothing.\n")
    with pytest.raises(CommandError, match=r"report\.txt: no numbered sections were found"):
        call_command("import", "panel-report", str(path), "--dry-run")
