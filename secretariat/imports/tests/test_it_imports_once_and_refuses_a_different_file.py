"""An import is one transaction, recorded with its file's hash and actor; the same file again
changes nothing; a different file for a meeting that exists is refused with the differences,
unless `--update`; a dry run writes nothing."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from secretariat.audit.models import AuditEvent
from secretariat.core.services import IMPORTER, ServiceError
from secretariat.directory.models import Organisation
from secretariat.imports.services import headlines_import
from secretariat.imports.tests.support import ONE_ITEM, counts, headlines
from secretariat.labels.models import Label
from secretariat.meetings.models import Attendance, Meeting

TWO = headlines(
    "#### 1. Matters Arising\n\nThe TAG **NOTED** the update.\n\n"
    "**2. Test assurance of Small Supplier ‘ZQ’ (RED)**\n\nThe TAG considered Small Supplier "
    "‘ZQ’’s test results. The Agenda Item was marked as **RED** and therefore recorded in the "
    "Confidential Minutes.\n\nThe TAG **AGREED** the test status for Small Supplier ‘ZQ’."
)


@pytest.mark.django_db
def test_it_records_the_import_and_changes_nothing_the_second_time(officer):
    report = headlines_import(actor=officer, name="tag.md", data=TWO)
    meeting = Meeting.objects.get(reference="TAG_41_0404")
    assert [(i.number, Label(i.label).name) for i in meeting.items.filter(parent=None)] == [
        (1, "WHITE"),
        (2, "RED"),
    ]
    item = meeting.items.get(number=2, parent=None)
    assert item.withheld_notice and item.restricted_text == ""
    assert item.party.pseudonym == "ZQ" and item.party.name == ""
    assert item.party.name_label == Label.RED
    assert "party: Small Supplier 'ZQ' (no real name; RED)" in report.created
    event = AuditEvent.objects.get(verb="import.headlines")
    assert event.actor_id == officer.pk
    assert event.raw_changes()["sha256"] == hashlib.sha256(TWO).hexdigest()
    before = counts()
    again = headlines_import(actor=officer, name="tag-copy.md", data=TWO)
    assert again.unchanged and counts() == before


@pytest.mark.django_db
def test_it_refuses_a_different_file_with_the_differences_then_updates():
    headlines_import(actor=IMPORTER, name="tag.md", data=TWO)
    changed = TWO.replace(b"The TAG **NOTED** the update.", b"The TAG **NOTED** the report.")
    before = counts()
    with pytest.raises(ServiceError) as error:
        headlines_import(actor=IMPORTER, name="tag-v2.md", data=changed)
    message = error.value.messages[0]
    assert "TAG_41_0404 already exists and differs" in message
    assert "item 1 outcomes" in message and "the report" in message
    assert counts() == before
    report = headlines_import(actor=IMPORTER, name="tag-v2.md", data=changed, update=True)
    assert "item 1: outcome NOTED added" in report.updated
    retitled = TWO.replace(b"#### 1. Matters Arising", b"#### 1. Matters Arising Again")
    report = headlines_import(actor=IMPORTER, name="tag-v3.md", data=retitled, update=True)
    assert "item 1: title" in report.updated
    meeting = Meeting.objects.get(reference="TAG_41_0404")
    assert meeting.items.get(number=1, parent=None).title == "Matters Arising Again"


@pytest.mark.django_db
def test_a_dry_run_reports_and_writes_nothing():
    before = counts()
    report = headlines_import(actor=IMPORTER, name="tag.md", data=TWO, dry_run=True)
    assert report.dry_run and "meeting: TAG_41_0404" in report.created
    assert counts() == before
    assert not Organisation.objects.filter(pseudonym="ZQ").exists()


@pytest.mark.django_db
def test_the_command_records_the_minuting_officer(tmp_path, capsys):
    path = tmp_path / "tag.md"
    path.write_bytes(ONE_ITEM)
    call_command("import", "headlines", str(path), "--minuted-by", "officer", "--as", "officer")
    meeting = Meeting.objects.get(reference="TAG_41_0404")
    attendance = Attendance.objects.get(meeting=meeting)
    assert (attendance.person.user.username, attendance.capacity) == ("officer", "secretariat")
    assert "created attendance" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_says_what_is_wrong_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "bad.md"
    path.write_bytes(b"hello")
    before = counts()
    with pytest.raises(CommandError, match="1 of 1 files were not imported"):
        call_command("import", "headlines", str(path))
    assert "bad.md: no numbered agenda items" in capsys.readouterr().err
    assert counts() == before
    with pytest.raises(CommandError, match="there is no user 'nobody'"):
        call_command("import", "headlines", str(path), "--as", "nobody")


@pytest.mark.django_db
def test_it_refuses_a_write_without_an_actor():
    with pytest.raises(ServiceError):
        headlines_import(actor=None, name="tag.md", data=TWO)
