"""The Atom feed of public publications: one entry per published version of a WHITE document
still standing, and a deletion entry (RFC 6721, an Atom tombstone) for each one withdrawn."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed, rfc3339_date

from secretariat.audit.chain import head_of
from secretariat.directory.access import get_body_or_404
from secretariat.documents.kinds import kind_named, kinds
from secretariat.documents.text import long_date
from secretariat.labels.models import Label
from secretariat.publishing.models import PublicationRecord
from secretariat.publishing.selectors import public_records, public_withdrawals

FEED_LENGTH = 50
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"
CHAINS = "urn:secretariat:chains"


def entry_id(record) -> str:
    """A version's entry id: its content hash, the same in its entry and in its tombstone."""
    return f"urn:sha256:{record.content_hash}"


class AtomWithTombstones(Atom1Feed):
    """Atom with `at:deleted-entry` elements after the entries, from the feed's `deleted`
    list of (ref, when, link, comment)."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:at": TOMBSTONES, "xmlns:chain": CHAINS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        # The ledger's head (audit/chain.py): its row count and last link, so that a copy kept
        # outside can later be checked (`verify_publications --head ROWS:LINK`) and a rewound or
        # rewritten ledger shows. The link is keyed: it tells nothing of the rows' content.
        rows, link = self.feed["ledger_head"]
        handler.addQuickElement("chain:ledger-head", link, {"rows": str(rows)})

    def write_items(self, handler):
        super().write_items(handler)
        for ref, when, link, comment in self.feed.get("deleted", ()):
            handler.startElement("at:deleted-entry", {"ref": ref, "when": rfc3339_date(when)})
            handler.addQuickElement("link", "", {"href": link, "rel": "alternate"})
            if comment:
                handler.addQuickElement("at:comment", comment)
            handler.endElement("at:deleted-entry")


class PublicFeed(Feed):
    """What every public feed shares: its entries and tombstones from the public ledger."""

    feed_type = AtomWithTombstones

    def items_from(self, records):
        return records.defer("snapshot").order_by("-published_at", "-id")[:FEED_LENGTH]

    def deleted(self, withdrawals):
        withdrawals = withdrawals.defer("publication__snapshot")[:FEED_LENGTH]
        return {
            "ledger_head": head_of(PublicationRecord),
            "deleted": [
                (
                    entry_id(withdrawal.publication),
                    withdrawal.withdrawn_at,
                    self.item_link(withdrawal.publication),
                    # The public reads a reason only where it is WHITE.
                    withdrawal.reason if withdrawal.reason_label == Label.WHITE else "",
                )
                for withdrawal in withdrawals
            ],
        }

    def item_title(self, record) -> str:
        if record.number > 1:
            return f"{record.title} (version {record.number})"
        return record.title

    def item_link(self, record) -> str:
        page = kind_named(record.kind).page_url(record.meeting)
        return f"{page}?version={record.number}"

    def item_description(self, record) -> str:
        meeting = record.meeting
        text = (
            f"{kind_named(record.kind).title} of the {meeting.body.name} meeting of "
            f"{long_date(meeting.date)}, version {record.number}."
        )
        if record.reason and record.reason_label == Label.WHITE:
            text += f" Corrects version {record.number - 1}: {record.reason}"
        elif record.reason:
            # The public reads a correction's reason only where it is WHITE.
            text += f" Corrects version {record.number - 1}."
        return text

    def item_pubdate(self, record):
        return record.published_at

    def item_updateddate(self, record):
        return record.published_at

    def item_author_name(self, record) -> str:
        return f"{record.meeting.body.name} Secretariat"

    def item_guid(self, record) -> str:
        return entry_id(record)

    item_guid_is_permalink = False


class PublicationsFeed(PublicFeed):
    title = "secretariat — publications"
    subtitle = "Meeting Headlines and other documents published for the public (WHITE)."
    link = reverse_lazy("publishing:portal")

    def items(self):
        return self.items_from(public_records())

    def feed_extra_kwargs(self, obj):
        return self.deleted(public_withdrawals())


class BodyFeed(PublicFeed):
    """One body's public publications: `/bodies/<code>/feed.atom`. A feed reader fetches it with
    no session, so it is the public's, whoever asks (as the site-wide feed)."""

    def get_object(self, request, code: str):
        return get_body_or_404(code)

    def title(self, body) -> str:
        return f"secretariat — {body.name} publications"

    def subtitle(self, body) -> str:
        return f"Documents of the {body.display_code} published for the public (WHITE)."

    def link(self, body) -> str:
        return reverse("directory:body", args=[body.code])

    def items(self, body):
        return self.items_from(public_records().filter(meeting__body=body))

    def feed_extra_kwargs(self, body):
        return self.deleted(public_withdrawals().filter(publication__meeting__body=body))


class KindFeed(PublicFeed):
    """One kind of document's public publications, every body's: `/publications/<kind>/feed.atom`
    (a kind published for members only has an empty public feed)."""

    def get_object(self, request, kind: str):
        if kind not in {k.slug for k in kinds()}:
            raise Http404("No such kind of document.")
        return kind_named(kind)

    def title(self, kind) -> str:
        return f"secretariat — {kind.title}"

    def subtitle(self, kind) -> str:
        return f"Every {kind.title} published for the public (WHITE)."

    def link(self, kind) -> str:
        return reverse("publishing:portal")

    def items(self, kind):
        return self.items_from(public_records().filter(kind=kind.slug))

    def feed_extra_kwargs(self, kind):
        return self.deleted(public_withdrawals().filter(publication__kind=kind.slug))
