"""`secretariat panel_report`: renders the report or its appendix, tells the officer where each
highlight went, and refuses bad input with a message naming it."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_it_prints_where_each_highlight_went(db, capsys):
    call_command("panel_report", "2019-06", compile_only=True)
    out = capsys.readouterr().out
    assert "Period: April and May 2019" in out
    assert "“SOC2 Final Report” [AMBER] → Appendix A: A.3 SSC Highlights" in out
    assert "“Major Incidents” [WHITE] → body: 2.1 Operations Group Meeting Highlights" in out


def test_it_renders_the_report_and_the_appendix(db, capsys, tmp_path):
    call_command("panel_report", "2019-06", fmt="md")
    report = capsys.readouterr().out
    assert "set two Assurance status’ in May 2019" in report
    assert "SOC2" not in report
    call_command("panel_report", "2019-06", fmt="md", appendix=True, published=True)
    appendix = capsys.readouterr().out
    assert "SOC2 Final Report" in appendix and "Other User 'M'" in appendix
    target = tmp_path / "out.pdf"
    call_command("panel_report", "2019-06", fmt="pdf", output=str(target))
    text = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    assert "3.3 Director Letters" in text


@pytest.mark.parametrize(
    ("month", "options", "message"),
    [
        ("June", {}, "is not a month: give it as YYYY-MM"),
        ("2019-13", {}, "is not a month"),
        ("2019-08", {}, "The Panel has no meeting in August 2019"),
        ("2019-05", {"published": True}, "is not published"),
        ("2019-06", {"fmt": "odt"}, "Unknown format 'odt'"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(db, month, options, message):
    with pytest.raises(CommandError) as refusal:
        call_command("panel_report", month, **options)
    assert message in str(refusal.value)
