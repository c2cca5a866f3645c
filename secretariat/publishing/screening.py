"""The check before anything is published below RED: it catches the leak labels cannot, a person
typing a restricted fact into a public field.

It scans the text a document will publish (its projection, exactly as the audience receives it)
for three things, each only where the document's label is below the thing's own:
  - a name labelled above the document: a party's real name (`Organisation.name_label`);
  - a run of six or more normalised words that also occurs in a fragment of the meeting's full
    record labelled above the document (a WHITE summary quoting the RED record). What the
    record may repeat without a leak is not reported: a run that also occurs in another
    fragment at or below the document's label, or in any heading at or below it (an item's
    WHITE title, "Verification User Security Assessment – Small Supplier 'AA'", is repeated in
    its RED record as a matter of course). The record's tables (attendance, the action log) are
    not sources of quotations: an action restates, at its item's label, the decision it carries
    out, usually in the public outcome's words; names in them are checked as names;
  - a term officers registered as sensitive (`SensitiveTerm`), at or above its label.
Words are normalised by case and punctuation: "Party-A's" is the words "party", "a", "s".

A refusal lists each match and where it is. An officer then edits the record, or overrides with
a labelled reason, which is recorded (`ScreeningOverride`) and audited with the matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from secretariat.audit.services import apply_changes, audit_record
from secretariat.core.services import ServiceError
from secretariat.directory.models import Organisation
from secretariat.documents.labelled import (
    Bullets,
    Document,
    Paragraph,
    Projected,
    Section,
    Table,
    Text,
    plain,
)
from secretariat.labels.models import Label, highest
from secretariat.meetings.models import Meeting
from secretariat.publishing.record import meeting_record
from secretariat.publishing.screening_models import ScreeningOverride, SensitiveTerm

RUN = 6
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(plain(text).casefold())


@dataclass(frozen=True)
class Match:
    kind: str  # name | quote | term
    found: str  # the words found, as the document has them normalised
    where: str  # where in the document to be published
    source: str  # what it matches: the restricted fragment's place, or the name or term

    def __str__(self) -> str:
        what = {"name": "a restricted name", "quote": "restricted text", "term": "a sensitive term"}
        return f"{self.where}: “{self.found}” is {what[self.kind]} ({self.source})"


@dataclass(frozen=True)
class Override:
    """An officer's reason to publish despite the matches, with the reason's own label."""

    reason: str
    label: Label | int | str = Label.AMBER


class ScreeningRefused(ServiceError):
    def __init__(self, matches: list[Match], *, title: str):
        self.matches = matches
        listed = "; ".join(str(match) for match in matches)
        super().__init__(
            {
                "screening": f"{title} was not published: the check found {len(matches)} "
                f"match{'es' if len(matches) != 1 else ''} of what must not be there: {listed}. "
                "Edit the record, or publish with a recorded reason."
            },
            code="screening_refused",
        )


# -- walking documents ----------------------------------------------------------------------------


def _section_place(section: Section, parent: str) -> str:
    name = plain(section.heading.text) if section.heading else ""
    here = f"item {section.number} ({name})" if section.number else name
    return f"{parent} › {here}" if parent else here


HEADING, PROSE, CELL = "heading", "prose", "cell"


def _block_texts(block, label: Label) -> Iterator[tuple[Text, Label, str]]:
    if isinstance(block, Paragraph):
        for part in block.parts:
            yield part, label, PROSE
    elif isinstance(block, Bullets):
        for item in block.items:
            for part in item.parts:
                yield part, label, PROSE
    elif isinstance(block, Table):
        for row in block.rows:
            for cell in row.cells:
                yield cell, highest([label, row.label]), CELL


def _texts(document: Document | Projected) -> Iterator[tuple[str, str, Label, str]]:
    """Every text of a document as (place, text, effective label, what it is): a text inside an
    AMBER row or section is AMBER, whatever its own label says."""
    for paragraph in document.header:
        for part in paragraph.parts:
            yield "the header", part.text, Label(part.label), PROSE

    def walk(sections, parent: str, outer: Label):
        for section in sections:
            place = _section_place(section, parent)
            label = highest([outer, section.label])
            yield place, section.heading.text, highest([label, section.heading.label]), HEADING
            for block in section.blocks:
                for text, inner, what in _block_texts(block, label):
                    yield place, text.text, highest([inner, text.label]), what
            yield from walk(section.sections, place, label)

    yield from walk(document.sections, "", Label.WHITE)
    for paragraph in document.footer:
        for part in paragraph.parts:
            yield "the footer", part.text, Label(part.label), PROSE


def _runs(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return False
    return f" {' '.join(needle)} " in f" {' '.join(haystack)} "


# -- the check ------------------------------------------------------------------------------------


def screen(
    projected: Projected,
    record: Document,
    *,
    names: list[tuple[str, Label, str]] = (),  # type: ignore[assignment]
    terms: list[tuple[str, Label, str]] = (),  # type: ignore[assignment]
) -> list[Match]:
    """What in `projected` must not be published at its label. `names` and `terms` are
    (text, label, what it is); `record` is the full labelled record the document came from."""
    ceiling = Label(projected.label)
    if ceiling >= Label.RED:
        return []
    published = [(place, text) for place, text, _l, _w in _texts(projected) if text.strip()]
    high: dict[tuple[str, ...], str] = {}
    low_texts: dict[tuple[str, ...], set[str]] = {}
    vocabulary: set[tuple[str, ...]] = set()
    for place, text, label, what in _texts(record):
        for run in _runs(words(text)):
            if label > ceiling:
                if what != CELL:
                    high.setdefault(run, f"{place}, {label.name}")
            elif what == HEADING:
                vocabulary.add(run)
            else:
                low_texts.setdefault(run, set()).add(text)
    matches: list[Match] = []
    for place, text in published:
        tokens = words(text)
        # A run of the published text that only a restricted fragment has: merge consecutive
        # runs into one quotation, reported once.
        start: int | None = None
        source = ""
        runs: list[tuple[str, ...] | None] = [*_runs(tokens), None]
        for i, piece in enumerate(runs):
            leaked = (
                piece is not None
                and piece in high
                and piece not in vocabulary
                and not (low_texts.get(piece, set()) - {text})
            )
            if leaked and start is None and piece is not None:
                start, source = i, high[piece]
            elif not leaked and start is not None:
                found = " ".join(tokens[start : i - 1 + RUN])
                matches.append(Match("quote", found, place, source))
                start = None
        for kind, listed in (("name", names), ("term", terms)):
            for value, label, what in listed:
                if label > ceiling and _contains(tokens, words(value)):
                    matches.append(Match(kind, " ".join(words(value)), place, what))
    return matches


def _names(ceiling: Label) -> list[tuple[str, Label, str]]:
    rows = Organisation.objects.filter(name_label__gt=int(ceiling)).exclude(name="")
    return [
        (
            row.name,
            Label(row.name_label),
            f"the real name of {row.public_name}, {Label(row.name_label).name}",
        )
        for row in rows.only("name", "name_label", "category", "pseudonym")
    ]


def _terms(ceiling: Label) -> list[tuple[str, Label, str]]:
    rows = SensitiveTerm.objects.filter(active=True, label__gt=int(ceiling))
    return [
        (row.term, Label(row.label), f"registered sensitive at {Label(row.label).name}")
        for row in rows
    ]


def screen_meeting(projected: Projected, meeting: Meeting) -> list[Match]:
    """The check for a document of `meeting`: against its full record, the parties' names and
    the registered terms."""
    ceiling = Label(projected.label)
    if ceiling >= Label.RED:
        return []
    return screen(projected, meeting_record(meeting), names=_names(ceiling), terms=_terms(ceiling))


def check(
    projected: Projected, meeting: Meeting, *, title: str, override: Override | None
) -> list[Match]:
    """The matches, refused unless the officer gave a reason to publish despite them. Returns
    the matches overridden, for `record_override` inside the publishing transaction."""
    matches = screen_meeting(projected, meeting)
    if matches and override is None:
        raise ScreeningRefused(matches, title=title)
    if matches and not (override.reason or "").strip():  # type: ignore[union-attr]
        raise ServiceError({"reason": "An override needs a reason: say why this may be published."})
    return matches


def record_override(
    *, actor, meeting: Meeting, kind: str, number: int, label, matches, override: Override
) -> ScreeningOverride:
    """Inside the publishing transaction: the override and its audit event."""
    row = ScreeningOverride.objects.create(
        meeting=meeting,
        kind=kind,
        number=number,
        document_label=Label(label),
        matches=[asdict(match) for match in matches],
        reason=override.reason.strip(),
        reason_label=Label.parse(override.label, field="reason_label"),
        overridden_by=actor if getattr(actor, "is_authenticated", False) else None,
        overridden_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        verb="publication.screening.override",
        obj=row,
        summary=f"{meeting.reference} {kind} v{number}: published over {len(matches)} match(es)",
        changes={"reason": row.reason, "matches": len(matches)},
    )
    return row


# -- the sensitive terms, as data officers edit -----------------------------------------------------


@transaction.atomic
def sensitive_term_add(*, actor, term: str, label=Label.RED, note: str = "") -> SensitiveTerm:
    term = " ".join((term or "").split())
    if not words(term):
        raise ServiceError({"term": "A sensitive term needs at least one word."})
    if SensitiveTerm.objects.filter(term__iexact=term, active=True).exists():
        raise ServiceError({"term": f"“{term}” is already registered."})
    label = Label.parse(label)
    if label == Label.WHITE:
        raise ServiceError(
            {"label": "A term sensitive at WHITE is refused nowhere: choose GREEN or above."}
        )
    row = SensitiveTerm.objects.create(
        term=term,
        label=label,
        note=(note or "").strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, verb="sensitive_term.add", obj=row)
    return row


@transaction.atomic
def sensitive_term_update(*, actor, row: SensitiveTerm, **changes) -> SensitiveTerm:
    if "label" in changes:
        changes["label"] = Label.parse(changes["label"])
    apply_changes(
        actor=actor,
        instance=row,
        changes=changes,
        verb="sensitive_term.update",
        allowed={"label", "note", "active"},
    )
    return row
