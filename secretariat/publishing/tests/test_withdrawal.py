"""Withdrawal (issue 10, item 8): an officer withdraws a published version with a labelled
reason, appended beside its ledger row; its address answers 410 with a notice that carries
nothing of the content; the plain address serves the latest version still standing, or 410; the
portal drops it and the feed carries a deletion entry; verify still passes."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

from secretariat.audit.models import AuditEvent
from secretariat.core.models import AppendOnlyError
from secretariat.core.services import ServiceError
from secretariat.core.testing import TESTS
from secretariat.documents import snapshot
from secretariat.labels.models import Label
from secretariat.meetings.models import Meeting
from secretariat.publishing.models import PublicationRecord, Withdrawal
from secretariat.publishing.services import publication_issue
from secretariat.publishing.withdrawals import publication_withdraw

REFERENCE = "SSC_72_2702"
HEADLINES = f"/meetings/{REFERENCE}/headlines"
MINUTES = f"/meetings/{REFERENCE}/minutes"
ATOM = "{http://www.w3.org/2005/Atom}"
TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}deleted-entry"


def _record(kind: str = "headlines", number: int = 1) -> PublicationRecord:
    return PublicationRecord.objects.get(meeting__reference=REFERENCE, kind=kind, number=number)


def _words_of(record: PublicationRecord) -> list[str]:
    """Distinctive texts of the version's content: a heading and a paragraph of its body."""
    document = snapshot.load(record.snapshot)
    texts = []
    for section in document.sections:
        if section.heading and section.heading.text:
            texts.append(section.heading.text)
    return [text for text in texts if len(text) > 12][:3]


@pytest.fixture
def corrected(officer, db) -> PublicationRecord:
    """A second version of SSC_72's Meeting Headlines, published by the demo's officer."""
    meeting = Meeting.objects.get(reference=REFERENCE)
    return publication_issue(
        actor=officer, meeting=meeting, kind="headlines", reason="A typing error."
    )


def _withdraw(client, number: int, reason: str = "Published in error.", label: str = "WHITE"):
    return client.post(
        f"{HEADLINES}/withdraw", {"version": str(number), "reason": reason, "reason_label": label}
    )


def test_it_withdraws_through_the_officers_form_and_serves_the_version_still_standing(
    client_as, corrected
):
    officer = client_as("officer")
    page = officer.get(f"{HEADLINES}?version=2").content.decode()
    assert f'action="{HEADLINES}/withdraw"' in page
    response = _withdraw(officer, 2)
    assert response.status_code == 302 and response["Location"] == HEADLINES
    withdrawal = Withdrawal.objects.get(publication=corrected)
    assert withdrawal.reason == "Published in error." and withdrawal.reason_label == Label.WHITE
    assert AuditEvent.objects.filter(verb="publication.withdraw").exists()

    for persona in ("anonymous", "officer", "party"):
        client = client_as(persona)
        gone = client.get(f"{HEADLINES}?version=2")
        assert gone.status_code == 410, persona
        text = gone.content.decode()
        assert "Version 2 of the Meeting Headlines" in text and "Published in error." in text
        assert "private" in gone["Cache-Control"] and "no-store" in gone["Cache-Control"]
        words = _words_of(corrected)
        assert words  # the check below has something to look for
        for text_of_content in words:
            assert text_of_content not in text, (persona, text_of_content)
        assert client.get(f"{HEADLINES}.pdf?version=2").status_code == 410
        # The plain address serves version 1, still standing.
        plain = client.get(HEADLINES)
        assert plain.status_code == 200
        assert "Version 1, published" in plain.content.decode()


def test_it_answers_410_at_the_plain_address_once_every_version_is_withdrawn(client_as, officer):
    publication_withdraw(actor=officer, record=_record(), reason="Wrong meeting.")
    for persona in ("anonymous", "officer", "chair"):
        client = client_as(persona)
        assert client.get(HEADLINES).status_code == 410, persona
        assert client.get(f"{HEADLINES}.md").status_code == 410, persona
    # The editors keep their draft preview.
    assert client_as("officer").get(f"{HEADLINES}?draft").status_code == 200
    # The meeting page no longer lists the document for readers.
    meeting_page = client_as("anonymous").get(f"/meetings/{REFERENCE}/").content.decode()
    assert f'href="{HEADLINES}"' not in meeting_page


def test_it_shows_a_restricted_reason_only_to_readers_its_label_admits(client_as, officer):
    record = _record("minutes")
    publication_withdraw(
        actor=officer, record=record, reason="Names a party CANARY-REASON.", reason_label="RED"
    )
    # `absent` reads the Minutes (a member) but not RED of a meeting they did not attend.
    gone = client_as("absent").get(MINUTES)
    assert gone.status_code == 410 and "CANARY-REASON" not in gone.content.decode()
    officer_gone = client_as("officer").get(MINUTES)
    assert officer_gone.status_code == 410 and "CANARY-REASON" in officer_gone.content.decode()
    # Who may not know the document exists is told nothing new: 404 as before.
    assert client_as("outsider").get(MINUTES).status_code == 404
    # The reason's label defaults to the document's.
    other = publication_withdraw(
        actor=officer, record=_record("confidential-minutes"), reason="Superseded."
    )
    assert other.reason_label == _record("confidential-minutes").label


def test_it_drops_a_withdrawn_version_from_the_portal_and_tombstones_it_in_the_feed(
    client_as, officer
):
    record = _record()
    anonymous = client_as("anonymous")
    assert HEADLINES in anonymous.get("/publications/?year=2019").content.decode()
    publication_withdraw(actor=officer, record=record, reason="Published in error.")
    assert HEADLINES not in anonymous.get("/publications/?year=2019").content.decode()

    feed = ElementTree.fromstring(anonymous.get("/publications/feed.atom").content)
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert f"urn:sha256:{record.content_hash}" not in ids
    tombstones = list(feed.iter(TOMBSTONE))
    assert [t.get("ref") for t in tombstones] == [f"urn:sha256:{record.content_hash}"]
    assert tombstones[0].get("when")
    comment = tombstones[0].findtext("{http://purl.org/atompub/tombstones/1.0}comment")
    assert comment == "Published in error."


def test_it_keeps_a_restricted_reason_out_of_the_feed(client_as, officer):
    record = _record()
    publication_withdraw(actor=officer, record=record, reason="SECRET-REASON", reason_label="AMBER")
    feed = client_as("anonymous").get("/publications/feed.atom").content.decode()
    assert "SECRET-REASON" not in feed and record.content_hash in feed


def test_it_still_verifies_every_row_with_withdrawals(officer, corrected):
    publication_withdraw(actor=officer, record=corrected, reason="Published in error.")
    out = io.StringIO()
    call_command("verify_publications", stdout=out)
    assert "published versions match the ledger" in out.getvalue()
    withdrawal = Withdrawal.objects.get(publication=corrected)
    with pytest.raises(AppendOnlyError):
        withdrawal.reason = "Changed."
        withdrawal.save()


def test_it_refuses_bad_withdrawals_naming_the_field(officer, user_of, corrected):
    with pytest.raises(ServiceError) as error:
        publication_withdraw(actor=officer, record=corrected, reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(ServiceError) as error:
        publication_withdraw(actor=officer, record=corrected, reason="x", reason_label="PURPLE")
    assert "reason_label" in error.value.message_dict
    with pytest.raises(ServiceError) as error:
        publication_withdraw(actor=user_of("chair"), record=corrected, reason="x")
    assert "actor" in error.value.message_dict
    with pytest.raises(ServiceError) as error:
        publication_withdraw(actor=officer, record=None, reason="x")
    assert "record" in error.value.message_dict
    with pytest.raises(ServiceError):
        publication_withdraw(actor=None, record=corrected, reason="x")
    publication_withdraw(actor=officer, record=corrected, reason="Once.")
    with pytest.raises(ServiceError) as error:
        publication_withdraw(actor=TESTS, record=corrected, reason="Twice.")
    assert "record" in error.value.message_dict or "actor" in error.value.message_dict


def test_it_lets_only_the_bodys_officer_post_a_withdrawal(client_as, corrected):
    for persona in ("chair", "present", "anonymous", "outsider"):
        assert _withdraw(client_as(persona), 2).status_code == 404, persona
    assert not Withdrawal.objects.exists()
    # A bad form comes back to the page, naming the field; nothing is written.
    response = client_as("officer").post(f"{HEADLINES}/withdraw", {"version": "2", "reason": ""})
    assert response.status_code == 302 and response["Location"] == f"{HEADLINES}?version=2"
    assert not Withdrawal.objects.exists()
    assert client_as("officer").post(f"{HEADLINES}/withdraw", {"version": "9"}).status_code == 404
