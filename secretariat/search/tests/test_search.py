"""Search through its door: what each reader finds, counts and facets of it, the index kept in
step by the services, and the same records matched on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from secretariat.core.testing import TESTS
from secretariat.labels.access import Reader
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.search import query
from secretariat.search.models import Entry

SSC72 = "SSC_72_2702"


def _page(client, q: str, **params) -> str:
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def _count(html: str) -> int:
    found = re.search(r"(\d+) results?", html)
    assert found, html[:400]
    return int(found.group(1))


def test_it_finds_the_red_sub_point_for_a_member_present_and_not_for_apologies_or_public(
    client_as,
):
    present = _page(client_as("present"), "shortlist")
    assert "SSC_72_2702 item 1.1" in present
    assert "supplier <mark>shortlist</mark> and budget" in present
    assert _count(present) == 1
    for persona in ("absent", "anonymous", "party"):
        html = _page(client_as(persona), "shortlist")
        assert _count(html) == 0, persona
        assert "shortlist and budget" not in html
        assert "SSC_72_2702 item 1.1" not in html
        # Nor a facet: nothing counted for what the reader may not see.
        assert "RED" not in html


def test_it_counts_and_facets_only_what_the_reader_may_see(client_as):
    # "consultancy" is in the WHITE outcome of item 1.1 and in its RED record.
    present = query.search(_reader(client_as, "present"), "consultancy")
    absent = query.search(_reader(client_as, "absent"), "consultancy")
    assert dict(present.facets["label"]).get(int(Label.RED)) == 1
    assert int(Label.RED) not in dict(absent.facets["label"])
    assert {h.heading for h in absent.hits} >= {"SSC_72_2702 item 1.1: outcome"}
    for hit in absent.hits:
        assert all(label < Label.RED for *_text, label in hit.snippets)
        assert not any("shortlist" in before + after for before, _m, after, _l in hit.snippets)


def _reader(client_as, persona):
    from django.contrib.auth import get_user_model

    from secretariat.meetings.readers import reader_for

    return reader_for(get_user_model().objects.get(username=persona))


def test_it_narrows_by_a_facet_and_refuses_nonsense_quietly(client_as):
    client = client_as("officer")
    everything = _count(_page(client, "ppmids"))
    items = _count(_page(client, "ppmids", kind="item"))
    assert 0 < items <= everything
    assert _count(_page(client, "ppmids", kind="nonsense", year="x", label="PURPLE")) == everything
    assert _count(_page(client, "ppmids", body="NOPE")) == 0
    # Punctuation and operators are words to the engine, never syntax: no error.
    for odd in ('"', "AND OR NOT", "a*b*", "NEAR(x y)", "'; drop table", "*", "-x", "é"):
        assert client.get("/search/", {"q": odd}).status_code == 200


# Word and phrase queries pinned with the records they match (as the officer, who reads every
# fragment of SSC_72): the same on SQLite and PostgreSQL, the engines' ranking aside.
PINNED = {
    "shortlist": {"SSC_72_2702 item 1.1"},
    '"supplier shortlist"': {"SSC_72_2702 item 1.1"},
    '"shortlist supplier"': set(),
    "SECMP0037": {"SECMP0037", "SSC_72_2702 item 1.2"},
    '"pairing local"': {"SECMP0037", "SSC_72_2702 item 1.2"},
    "consultancy assignment": {"SSC_72_2702 item 1.1", "SSC_72_2702 item 1.1: outcome"},
    "solr*": {"SSC_72_2702 item 1.3", "SSC_72_2702 item 1.3: outcome"},
    "Internet-Connected": {"SSC_72_2702 item 1.1", "SSC_72_2702 item 1.1: outcome"},
}


@pytest.mark.parametrize("q", sorted(PINNED))
def test_it_matches_the_pinned_records_on_either_engine(client_as, q):
    found = {hit.heading for hit in query.search(_reader(client_as, "officer"), q).hits}
    assert found == PINNED[q], connection.vendor


def test_it_keeps_the_index_in_step_with_the_services(officer):
    from secretariat.meetings.services import item_update

    item = AgendaItem.objects.get(meeting__reference=SSC72, parent=None, number=3)
    reader = Reader(user_id=officer.pk, elevation_id=1, second_factor=True)
    assert query.search(reader, "zanzibarish").total == 0
    item_update(actor=TESTS, item=item, version=item.version, summary="A zanzibarish summary.")
    assert [h.heading for h in query.search(reader, "zanzibarish").hits] == [f"{SSC72} item 3"]


def test_it_rebuilds_the_index_from_the_command(db):
    item = AgendaItem.objects.get(meeting__reference=SSC72, parent=None, number=3)
    AgendaItem.objects.filter(pk=item.pk).update(summary="Quokkaesque, bypassing the services.")
    reader = Reader(user_id=1, elevation_id=1, second_factor=True)
    assert query.search(reader, "quokkaesque").total == 0
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "Indexed" in out.getvalue()
    assert query.search(reader, "quokkaesque").total == 1
    assert Entry.objects.filter(record=f"item:{item.pk}").exists()


def test_it_reads_a_results_page_in_the_same_number_of_queries_however_many_hits(client_as):
    client = client_as("present")
    counts = []
    for q in ("shortlist", "the", "ppmids"):
        client.get("/search/", {"q": q})
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", {"q": q}).status_code == 200
        counts.append(len(captured))
    assert len(set(counts)) == 1, counts
    assert counts[0] <= 12, counts


def test_it_finds_nothing_of_a_meeting_the_reader_may_not_know(client_as):
    meeting = Meeting.objects.get(reference=SSC72)
    Meeting.objects.filter(pk=meeting.pk).update(label=Label.RED)
    call_command("reindex", stdout=io.StringIO())
    # The SSC member who sent apologies may not know a RED meeting exists; one present may.
    assert "SSC_72_2702" not in _page(client_as("absent"), "ppmids")
    assert "SSC_72_2702" in _page(client_as("present"), "ppmids")


def _word(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_it_finds_the_text_of_pdf_and_word_papers_for_their_readers_only(client_as, user_of):
    import typst

    from secretariat.workspace.papers import Upload, paper_upload

    item = AgendaItem.objects.filter(
        meeting__reference=SSC72, parent=None, label=Label.WHITE
    ).first()
    officer = user_of("officer")
    paper_upload(
        actor=officer,
        item=item,
        reference="SRCH_PAPER_1",
        title="An open paper",
        label="0",
        upload=Upload("open.pdf", typst.compile(b"The wombatine risk of meters.")),
    )
    paper_upload(
        actor=officer,
        item=item,
        reference="SRCH_PAPER_2",
        title="A restricted paper",
        label="3",
        upload=Upload("secret.docx", _word("A numbatish finding about one supplier.")),
        distribution=[user_of("present").person],
    )
    for persona in ("anonymous", "absent", "present"):
        assert "SRCH_PAPER_1" in _page(client_as(persona), "wombatine"), persona
    assert "<mark>numbatish</mark>" in _page(client_as("present"), "numbatish")
    for persona in ("anonymous", "absent", "chair"):
        html = _page(client_as(persona), "numbatish")
        assert _count(html) == 0 and "SRCH_PAPER_2" not in html, persona


def test_it_finds_a_partys_real_name_only_where_the_name_may_be_read(client_as):
    from secretariat.directory.models import Organisation
    from secretariat.meetings.services import item_update

    # The `party` persona is a user of Small Supplier 'AA', whose real name is RED.
    party = Organisation.objects.get(category="small_supplier", pseudonym="AA")
    assert party.name_label == Label.RED
    item = AgendaItem.objects.get(meeting__reference=SSC72, parent=None, number=3)
    item_update(actor=TESTS, item=item, version=item.version, party=party)
    for persona in ("officer", "party"):
        assert f"<mark>{party.name.split()[0]}</mark>" in _page(client_as(persona), party.name)
    for persona in ("anonymous", "absent", "present", "chair"):
        html = _page(client_as(persona), party.name)
        assert _count(html) == 0 and "<mark>" not in html, persona


def test_it_lets_a_canary_reach_its_readers_and_nobody_else(client_as):
    # A canary in SSC_72's AMBER item record, written past the services, then indexed anew.
    item = AgendaItem.objects.filter(meeting__reference=SSC72, label=Label.AMBER).first()
    AgendaItem.objects.filter(pk=item.pk).update(restricted_text="CANARY77777X the record.")
    call_command("reindex", stdout=io.StringIO())
    for persona in ("officer", "present", "absent"):
        assert "CANARY77777X" in _page(client_as(persona), "canary*"), persona
    for persona in ("anonymous", "party", "outsider", "panel"):
        html = _page(client_as(persona), "canary*")
        assert "CANARY77777X" not in html and _count(html) == 0, persona
