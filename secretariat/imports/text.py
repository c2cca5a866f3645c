"""Turning a file's text into clean, numbered blocks for the parsers.

Whatever the format, the parsers see Markdown-like lines: headings may start with `#` or be
wrapped in `**`, bullets start with `- `, outcomes may be in bold. Text is cleaned of control
characters here, before it can reach a service."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SUP = re.compile(r"</?sup>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
QUOTES = {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'}


class ImportProblem(Exception):
    """A file that cannot be imported: the message names the line or part and what is wrong."""

    def __init__(self, message: str, *, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class Block:
    """Lines between blank lines, with the number of the first line in the file."""

    line: int
    lines: list[str]

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)

    @property
    def text(self) -> str:
        """The block as one line of plain text (Markdown's hard breaks become spaces)."""
        return inline(" ".join(part.strip() for part in self.lines))


def clean(text: str) -> tuple[str, int]:
    """The text without control characters (newlines and tabs kept), and how many were removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    removed = len(_CONTROL.findall(text))
    return _CONTROL.sub("", text).replace("\t", " "), removed


def inline(text: str, *, keep_bold: bool = True) -> str:
    """Markdown's inline noise evened out: links to their text, escapes, <sup>, curly quotes,
    runs of spaces. Bold stays unless asked, since outcome verbs are found by it."""
    text = _LINK.sub(r"\1", text)
    text = _SUP.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    for curly, straight in QUOTES.items():
        text = text.replace(curly, straight)
    if not keep_bold:
        text = text.replace("**", "").replace("__", "")
    return " ".join(text.split())


def blocks(text: str) -> list[Block]:
    found: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            found.append(Block(start, current))
            current = []
    if current:
        found.append(Block(start, current))
    return found
