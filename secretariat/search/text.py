"""Words, for both engines: the index and the query are normalised here, in Python, the same way,
so that SQLite's FTS5 and PostgreSQL's `simple` text search see the very same tokens (lowercase
letters and digits, accents dropped) and match the same records. Only ranking may differ."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
# A query: quoted phrases, and bare words (a trailing * asks for words starting so).
_QUERY = re.compile(r'"([^"]*)"|(\S+)')
MAX_TERMS = 12
MAX_QUERY = 200


def _fold(text: str) -> str:
    if text.isascii():
        # Nothing to decompose and no accents to drop: the same words, without a look at each
        # character (most of the index's texts).
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(_fold(text or ""))


def terms(text: str) -> str:
    """What the index stores for a fragment's text: its words, one space between."""
    return " ".join(words(text))


@dataclass(frozen=True)
class Term:
    """One condition of a query: a phrase of one or more words, all of which must appear in one
    fragment, in order; `prefix` for a last word typed with a trailing `*`."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        phrase = '"' + " ".join(self.words) + '"'
        return phrase + ("*" if self.prefix else "")

    def tsquery(self) -> str:
        parts = list(self.words)
        if self.prefix:
            parts[-1] += ":*"
        return "(" + " <-> ".join(parts) + ")"


def parse(query: str) -> tuple[Term, ...]:
    """The terms of what a reader typed: every term must match (AND). Punctuation inside a word
    splits it into a phrase ("SECMP-0037" is the phrase "secmp 0037"), as the index does."""
    found: list[Term] = []
    for phrase, bare in _QUERY.findall((query or "")[:MAX_QUERY]):
        text = phrase if phrase else bare
        prefix = bool(bare) and bare.endswith("*")
        parts = tuple(words(text))
        if parts:
            found.append(Term(parts, prefix=prefix))
    return tuple(found[:MAX_TERMS])


def contains(indexed: str, query: tuple[Term, ...]) -> bool:
    """Whether a fragment's indexed words hold every term (each phrase in order), as the engine
    matched them: to choose which of a record's fragments a result shows."""
    padded = f" {indexed} "
    for term in query:
        phrase = " " + " ".join(term.words)
        if (phrase if term.prefix else phrase + " ") not in padded:
            return False
    return True


def fts5_match(query: tuple[Term, ...]) -> str:
    return " AND ".join(term.fts5() for term in query)


def tsquery(query: tuple[Term, ...]) -> str:
    return " & ".join(term.tsquery() for term in query)


def snippet(text: str, query: tuple[Term, ...], width: int = 160) -> tuple[str, str, str]:
    """(before, match, after) around the first word of the query found in `text`, `width`
    characters in all: the page marks the match. Built from the one fragment's own text."""
    text = " ".join((text or "").split())
    for found in _WORD.finditer(text):
        word = _fold(found.group())
        if any(
            word == term.words[0] or (term.prefix and word.startswith(term.words[-1]))
            for term in query
        ):
            start, end = found.span()
            room = max(0, width - (end - start)) // 2
            left = max(0, start - room)
            right = min(len(text), end + room)
            before = ("…" if left else "") + text[left:start]
            after = text[end:right] + ("…" if right < len(text) else "")
            return before, text[start:end], after
    short = text[:width] + ("…" if len(text) > width else "")
    return short, "", ""
