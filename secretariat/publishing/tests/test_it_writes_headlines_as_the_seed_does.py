"""Headlines as the seed writes them: an outcome written inside a sentence of the item's text
stays in it, and the modification references are links to the change register's pages, still
written as the seed writes them."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest

from secretariat.changes.models import Change
from secretariat.core.testing import TESTS
from secretariat.documents import snapshot
from secretariat.documents.labelled import project
from secretariat.documents.renderers import render
from secretariat.imports.headlines import parse_headlines
from secretariat.labels.access import ANONYMOUS
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Meeting, OutcomeVerb
from secretariat.meetings.services import item_add, outcome_record, outcome_update
from secretariat.publishing.models import PublicationRecord
from secretariat.publishing.record import meeting_record

REFERENCE = "SSC_72_2702"
ITEM_2 = (
    "The SSC noted that no comments were received for the Draft Minutes and Confidential "
    "Minutes from the SSC meeting held on Wednesday, 13 February 2019, and the SSC **APPROVED** "
    "the Draft Minutes and the Confidential Draft Minutes as written."
)
LINKED = [
    ("SECMP0037 'Pairing Local PPMIDS'", "/changes/SECMP0037/"),
    ("SECMP0038 'Sending Commands via PPMIDS'", "/changes/SECMP0038/"),
    (
        "SECMP0057 'Users to notify SSC of a Second or Subsequent User System'",
        "/changes/SECMP0057/",
    ),
]


def _markdown(client) -> str:
    response = client.get(f"/meetings/{REFERENCE}/headlines.md")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_it_keeps_item_2s_sentence_whole(client_as):
    text = _markdown(client_as("anonymous"))
    assert ITEM_2 in text
    # Said once, inside the sentence: not again as a sentence of its own after the actions.
    assert text.count("**APPROVED** the Draft Minutes") == 1
    assert text.index(ITEM_2) < text.index("All outstanding actions were marked")


@pytest.mark.django_db
def test_it_links_the_modification_references_in_every_text_format(client_as):
    client = client_as("anonymous")
    text = _markdown(client)
    page = client.get(f"/meetings/{REFERENCE}/").content.decode()
    document = client.get(f"/meetings/{REFERENCE}/headlines").content.decode()
    published = PublicationRecord.objects.filter(meeting__reference=REFERENCE, kind="headlines")
    html = render(snapshot.load(published.latest("number").snapshot), "html").decode()
    for words, address in LINKED:
        assert f"[{words}]({address})" in text
        assert f'<a href="{address}">{words.replace(chr(39), "&#x27;")}</a>' in html
        assert f'href="{address}"' in page and f'href="{address}"' in document
        assert client.get(address).status_code == 200
    # Files have no site to link to: the words stand as the seed writes them, without markup.
    pdf = client.get(f"/meetings/{REFERENCE}/headlines.pdf").content
    words = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    word = docx.Document(io.BytesIO(client.get(f"/meetings/{REFERENCE}/headlines.docx").content))
    paragraphs = " ".join(p.text for p in word.paragraphs)
    for written in (" ".join(words.split()), paragraphs):
        assert "SECMP0037 'Pairing Local PPMIDS'" in written.replace("’", "'")
        assert "](/changes/" not in written and "[SECMP" not in written


@pytest.mark.django_db
def test_it_links_only_a_change_anyone_may_read():
    meeting = Meeting.objects.get(reference=REFERENCE)
    Change.objects.filter(reference="SECMP0038").update(label=Label.RED)
    text = "\n".join(
        part.text
        for section in project(meeting_record(meeting), ANONYMOUS).sections
        for sub in (section, *section.sections)
        for block in sub.blocks
        for paragraph in getattr(block, "items", (block,))
        for part in getattr(paragraph, "parts", ())
    )
    assert "[SECMP0037 'Pairing Local PPMIDS'](/changes/SECMP0037/)" in text
    # A restricted change's existence is not told by a link: its reference stays plain.
    assert "SECMP0038 'Sending Commands via PPMIDS'" in text
    assert "/changes/SECMP0038/" not in text


@pytest.mark.django_db
def test_it_joins_an_outcome_only_where_every_reader_of_the_sentence_may_read_it():
    meeting = Meeting.objects.get(reference=REFERENCE)
    item = item_add(
        actor=TESTS,
        meeting=meeting,
        title="Joined outcomes",
        label="WHITE",
        summary="The SSC reviewed the plan.\n\nA second paragraph.",
    )
    verb = OutcomeVerb.objects.get(word="AGREED")
    outcome = outcome_record(
        actor=TESTS,
        meeting=meeting,
        item=item,
        verb=verb,
        text="the canary plan",
        label="AMBER",
        joins_paragraph=1,
    )

    def public() -> str:
        projected = project(meeting_record(Meeting.objects.get(pk=meeting.pk)), ANONYMOUS)
        return render(projected, "md").decode()

    # An AMBER outcome is not written into a WHITE sentence: the public reads the sentence.
    assert "The SSC reviewed the plan." in public() and "canary" not in public()
    outcome_update(actor=TESTS, outcome=outcome, version=outcome.version, label="WHITE")
    assert "The SSC reviewed the plan, and the SSC **AGREED** the canary plan." in public()
    assert AgendaItem.objects.get(pk=item.pk).outcomes.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [0, -1, "2", True, 1.5])
def test_it_refuses_a_paragraph_that_is_not_a_whole_number_from_1(bad):
    from secretariat.core.services import ServiceError

    meeting = Meeting.objects.get(reference=REFERENCE)
    item = meeting.items.get(number=2, parent=None)
    with pytest.raises(ServiceError) as refused:
        outcome_record(
            actor=TESTS, meeting=meeting, item=item, verb="NOTED", text="x", joins_paragraph=bad
        )
    assert "joins_paragraph" in refused.value.message_dict


@pytest.mark.django_db
def test_it_reads_the_joined_outcome_from_an_imported_file():
    verbs = set(OutcomeVerb.objects.values_list("word", flat=True))
    parsed = parse_headlines(
        "## Security Sub-Committee (SSC) Meeting Headlines\n\n"
        "27 February 2019, 10:00 – 16:00, London\n\n"
        "### SSC\\_72\\_2702 – SSC Meeting Headlines\n\n"
        "#### 1. Minutes and Actions Outstanding\n\n"
        "The SSC noted that no comments were received for the Draft Minutes from the SSC "
        "meeting held on Wednesday, 13 February 2019, and the SSC **APPROVED** the Draft "
        "Minutes as written.\n\n"
        "The SSC considered the plan. The SSC **NOTED** the plan.\n",
        verbs=verbs,
    )
    (item,) = parsed.items
    assert [(o.verb, o.joins) for o in item.outcomes] == [("APPROVED", 1), ("NOTED", None)]
