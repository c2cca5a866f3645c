"""Agreement across outputs: no document shows a reader a fragment of the meeting's record that
the live page (and the API, the same projection) hides from them. Checked for every persona and
for readers the demo lacks: an observer with no seat recorded present, a member present for
part of the meeting, and a second secretariat officer recorded at no meeting."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from secretariat.core.testing import TESTS
from secretariat.directory.models import Body, Role
from secretariat.directory.services import membership_create, person_create
from secretariat.documents.labelled import Bullets, Paragraph, Table, project
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.meetings.readers import reader_for
from secretariat.meetings.services import attendance_record
from secretariat.publishing import views
from secretariat.publishing.builders import meeting_kinds
from secretariat.publishing.record import meeting_record
from secretariat.publishing.selectors import published

SSC72 = "SSC_72_2702"
# Raised at SSC_71 at AMBER and still outstanding at SSC_72.
EARLIER_AMBER_ACTION = "SECAS to circulate the DCC's SMETS1 segmentation paper"


def _texts(document, *, restricted_only: bool = False) -> set[str]:
    found: set[str] = set()

    def add(piece):
        if not restricted_only or Label(piece.label) > Label.WHITE:
            found.add(piece.text)

    def blocks(items):
        for block in items:
            if isinstance(block, Paragraph):
                for part in block.parts:
                    add(part)
            elif isinstance(block, Bullets):
                blocks(block.items)
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        add(cell)

    def sections(items):
        for section in items:
            add(section.heading)
            blocks(section.blocks)
            sections(section.sections)

    blocks(document.header)
    sections(document.sections)
    blocks(document.footer)
    return found


@pytest.fixture
def readers(db, user_of):
    meeting = Meeting.objects.get(reference=SSC72)
    observer = person_create(actor=TESTS, full_name="Olive Observer", username="observer-x")
    attendance_record(
        actor=TESTS, meeting=meeting, person=observer, status="present", capacity="observer"
    )
    part = person_create(actor=TESTS, full_name="Parveen Part", username="part-x")
    membership_create(
        actor=TESTS,
        body=Body.objects.get(code="SSC"),
        person=part,
        role=Role.MEMBER,
        term_start=meeting.date.replace(year=2018),
    )
    first_items = AgendaItem.objects.filter(meeting=meeting, parent=None, number__lte=5)
    attendance_record(
        actor=TESTS, meeting=meeting, person=part, status="part", items_heard=list(first_items)
    )
    second = person_create(actor=TESTS, full_name="Sam Second", username="second-officer-x")
    membership_create(
        actor=TESTS,
        body=Body.objects.get(code="SSC"),
        person=second,
        role=Role.SECRETARIAT,
        term_start=meeting.date.replace(year=2018),
    )
    users = {
        name: user_of(name)
        for name in ("officer", "chair", "present", "absent", "party", "panel", "outsider")
    }
    users.update({"observer": observer.user, "part": part.user, "second officer": second.user})
    return meeting, users


def _served(meeting, user, kind) -> set[str] | None:
    """The restricted texts of what the document's address serves this reader, or None for 404."""
    from django.http import Http404

    request = RequestFactory().get("/")
    request.user = user
    request.reader = reader_for(user)
    try:
        _, document_kind, role = views._open(request, meeting.reference, kind)
        versions = published(meeting, kind, with_snapshots=True)
        chosen = views._choose(request, meeting, document_kind, role, versions)
    except Http404:
        return None
    return _texts(chosen.projected, restricted_only=True)


def test_it_shows_no_reader_in_any_document_what_the_live_page_hides(readers):
    meeting, users = readers
    record = meeting_record(meeting)
    on_record = _texts(record)
    for name, user in users.items():
        reader = reader_for(user)
        live = _texts(project(record, reader))
        for kind in (k.slug for k in meeting_kinds()):
            served = _served(meeting, user, kind)
            if served is None:
                continue
            hidden = {text for text in served if text in on_record and text not in live}
            assert not hidden, f"{name} reads in the {kind} what the live page hides: {hidden}"


def test_it_does_not_carry_earlier_amber_actions_to_a_reader_who_only_attended(readers):
    meeting, users = readers
    observer = users["observer"]
    live = _texts(project(meeting_record(meeting), reader_for(observer)))
    assert not any(EARLIER_AMBER_ACTION in text for text in live)
    for kind in (k.slug for k in meeting_kinds()):
        served = _served(meeting, observer, kind) or set()
        assert not any(EARLIER_AMBER_ACTION in text for text in served), kind
    # The body's members do read it, live and in the Confidential Minutes.
    served = _served(meeting, users["absent"], "confidential-minutes") or set()
    assert any(EARLIER_AMBER_ACTION in text for text in served)
