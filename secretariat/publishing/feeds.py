"""The Atom feed of public publications: one entry per published version of a WHITE document."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from secretariat.documents.kinds import kind_named
from secretariat.documents.text import long_date
from secretariat.publishing.selectors import public_records

FEED_LENGTH = 50


class PublicationsFeed(Feed):
    feed_type = Atom1Feed
    title = "secretariat — publications"
    subtitle = "Meeting Headlines and other documents published for the public (WHITE)."
    link = reverse_lazy("publishing:portal")

    def items(self):
        return public_records().defer("snapshot").order_by("-published_at", "-id")[:FEED_LENGTH]

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
        if record.reason:
            text += f" Corrects version {record.number - 1}: {record.reason}"
        return text

    def item_pubdate(self, record):
        return record.published_at

    def item_updateddate(self, record):
        return record.published_at

    def item_author_name(self, record) -> str:
        return f"{record.meeting.body.name} Secretariat"

    def item_guid(self, record) -> str:
        return f"urn:sha256:{record.content_hash}"

    item_guid_is_permalink = False
