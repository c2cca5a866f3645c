"""Meeting records from memory: the meeting page and the API's meeting record without building
the record again for every reader.

Two caches, in each process, keyed so that an entry can only be served while it is true:
* the labelled record of a meeting (`meeting_record`, the same for every reader), by the
  database's generation (core/generation.py: it moves on with every committed write to any
  table a record is built from), London's day (actions fall overdue, memberships end), and the
  meeting;
* its projection and the page's rendering of it, by the same and the reader's answers to every
  question the projection asks of a reader (`questions()`: each label in each scope the record
  holds — the items they heard, their memberships on the meeting's date and today, their second
  factor, their party, the names cleared for them). Readers who answer alike see the same
  projection whoever they are, so no reader is named in a key, and a reader whose standing
  changes answers differently at once. The answers themselves are kept by the same and
  everything the reader is (`reader_state`: what they heard is read by their person, so the
  generation fixes it), which spares a signed-in reader the query of what they heard.

The generation is read at the start of the request (`Read.start`), before any row the record
is built from, so an entry is never older than its key. An elevated reader is never served from
memory: every row their request loads must be read, so that it is audited
(audit/elevation.py). `SECRETARIAT_RECORD_CACHE = False` turns the caches off (the bench's
comparison); the tests run with them on.

Why every meeting and not only settled ones (held, minuted, no draft open): a key that changes
with every write makes an entry of a meeting being minuted as sound as one of a meeting closed
years ago; it is only served less often, and the caches' bounds let it go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from secretariat.core import clock, generation
from secretariat.core.memory import Bounded, enabled
from secretariat.documents.labelled import Answers, Document, Projected, project, questions
from secretariat.documents.renderers.html import render_body
from secretariat.labels.access import Reader
from secretariat.meetings.models import Meeting
from secretariat.publishing.record import meeting_record

RECORDS = 256
PAGES = 1024


_records = Bounded(RECORDS)
_pages = Bounded(PAGES)


@dataclass(frozen=True)
class _Record:
    document: Document
    asked: tuple


def clear() -> None:
    _records.clear()
    _pages.clear()


def reader_state(reader: Reader) -> tuple:
    """Everything the one door knows of a reader but what it reads from the database by their
    person (what they heard), which the generation in the key already fixes."""
    return (
        reader.user_id,
        reader.person_id,
        reader.organisation_id,
        reader.is_secretariat,
        reader.is_community,
        reader.terms,
        reader.today,
        reader.roles,
        reader.elevation_id,
        reader.second_factor,
        reader.hearing is None,
    )


def kept_by_state(reader: Reader) -> bool:
    """Whether `reader_state` and the generation fix everything the door answers this reader:
    what they heard is read from the database by their person (meetings/readers.py)."""
    hearing = reader.hearing
    return reader.person_id is None or hearing is None or hearing.person_id == reader.person_id


@dataclass(frozen=True)
class Read:
    """One request's read of meeting records: the generation it started at (None: build every
    record from the database, as for an elevated reader)."""

    reader: Reader
    key: tuple | None

    @classmethod
    def start(cls, reader: Reader) -> Read:
        """Call before reading any row a record is built from (the meeting itself included)."""
        if not enabled() or reader.elevated:
            return cls(reader, None)
        now = generation.current()
        return cls(reader, None if now is None else (now, clock.today()))

    def _record(self, meeting: Meeting) -> tuple[tuple, _Record] | None:
        if self.key is None:
            return None
        key = (*self.key, meeting.pk)
        record = _records.get(key)
        if record is None:
            document = meeting_record(meeting)
            record = _Record(document, questions(document))
            _records.put(key, record)
        return key, record

    def projected(self, meeting: Meeting) -> Projected:
        """`project(meeting_record(meeting), reader, audience="reader")`."""
        return self._projection(meeting)[0]

    def _projection(self, meeting: Meeting) -> tuple[Projected, tuple | None]:
        found = self._record(meeting)
        if found is None:
            return project(meeting_record(meeting), self.reader, audience="reader"), None
        key, record = found
        # The reader's answers, kept by everything the reader is (as the links below): asking
        # them afresh reads what the reader heard, which the generation in the key fixes.
        kept = kept_by_state(self.reader)
        state_key = ("answers", key, reader_state(self.reader))
        given = _pages.get(state_key) if kept else None
        if given is None:
            given = tuple(Answers.of(self.reader, record.asked).given.values())
            if kept:
                _pages.put(state_key, given)
        answered = (key, given)
        projected = _pages.get(("projected", answered))
        if projected is None:
            answers = Answers(dict(zip(record.asked, given, strict=True)))
            projected = project(record.document, answers, audience="reader")
            _pages.put(("projected", answered), projected)
        return projected, answered

    def page(self, meeting: Meeting, extras: Callable[[], dict[str, str]]) -> tuple[Projected, str]:
        """The projection and its rendering for the meeting page, with the page's own HTML
        (`render_body`'s extras: the links to register records, which each register's door
        decides in the database for this reader) built by `extras()`. The extras are kept by
        everything the reader is (`reader_state`): the same reader of the same database on the
        same day gets the same links."""
        projected, answered = self._projection(meeting)
        if answered is None or self.key is None or not kept_by_state(self.reader):
            return projected, render_body(projected, extras=extras())
        links_key = ("links", self.key, meeting.pk, reader_state(self.reader))
        built = _pages.get(links_key)
        if built is None:
            built = extras()
            _pages.put(links_key, built)
        key = ("body", answered, tuple(sorted(built.items())))
        body = _pages.get(key)
        if body is None:
            body = render_body(projected, extras=built)
            _pages.put(key, body)
        return projected, body
