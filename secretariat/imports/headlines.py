"""Reading Meeting Headlines as the SEC secretariat writes them into a plain structure.

The parser knows the seed's forms: the classification statement, the title with the body's
name and code, the date, times and place, the reference (`SSC_72_2702`), numbered items in every
heading form the seed uses, labels in brackets, sub-point bullets with their own labels,
outcome verbs in bold capitals, the stock sentence of a restricted item, and the next meeting.
It reads nothing from the database but the outcome vocabulary it is given; nothing here is
invented: what the document does not show stays empty."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from secretariat.imports.text import Block, ImportProblem, blocks, inline
from secretariat.labels.models import Label

LABEL_WORDS = r"WHITE|CLEAR|GREEN|AMBER|RED"
_CLASSIFIED = re.compile(r"classified as \**(\w+)\**", re.IGNORECASE)
_TITLE = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<code>[A-Za-z0-9 ]+)\))?\s+Meeting Headlines$")
_WHEN = re.compile(
    r"^(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})"
    r"(?:,\s*(?P<start>\d{1,2}[:.]\d{2})(?:\s*[–—-]\s*(?P<end>\d{1,2}[:.]\d{2}))?)?"
    r"(?:,\s*(?P<place>.*))?$"
)
_REFERENCE = re.compile(r"^(?P<code>[A-Z][A-Z0-9]*)_(?P<number>\d+)_(?P<ddmm>\d{4})\b")
_HEADING = re.compile(
    rf"^(?P<number>\d+)\.\s+(?P<title>.+?)(?:\s*\(\s*(?P<label>{LABEL_WORDS})\s*\))?\s*$"
)
# A bracketed word in bold at the end of a heading or bullet is meant as a label.
_BOLD_MARK = re.compile(r"\(\s*\*\*(?P<word>[A-Za-z:]+)\*\*\s*\)\s*$")
_MARK = re.compile(rf"\s*\(\s*(?P<label>{LABEL_WORDS})\s*\)\s*[.;,]?\s*$")
_STOCK = re.compile(
    rf"The Agenda Item was marked as \**(?P<label>{LABEL_WORDS})\** and therefore recorded in the "
    r"(?:Confidential )?Minutes\.?",
    re.IGNORECASE,
)
# The label line a rendered page ends with, and its running footer.
_FURNITURE = re.compile(rf"^(?:Classification:\s*(?P<label>{LABEL_WORDS})|.*\bpage \d+ of \d+)$")
_NEXT = re.compile(r"^Next Meeting:?\s*(?P<date>.+?)\.?$", re.IGNORECASE)
_PARTY = re.compile(
    r"(?P<category>Large Supplier|Small Supplier|Other User|Electricity Network Party|"
    r"Gas Network Party|Shared Resource Provider)\s+'(?P<pseudonym>[A-Z]{1,3})'"
)
MODIFICATION = re.compile(r"\b(?:SECMP\d{4}|MP\d{3}|DP\d{3})\b")
CATEGORIES = {
    "Large Supplier": "large_supplier",
    "Small Supplier": "small_supplier",
    "Other User": "other_user",
    "Electricity Network Party": "electricity_network",
    "Gas Network Party": "gas_network",
    "Shared Resource Provider": "shared_resource_provider",
}
KINDS = (
    ("matters arising", "matters_arising"),
    ("minutes and actions", "minutes"),
    ("standing agenda items", "standing"),
    ("any other business", "aob"),
)


@dataclass
class ParsedOutcome:
    verb: str
    text: str
    # The paragraph of the item's text whose sentence the outcome completes ("…, and the SSC
    # **APPROVED** …"), or None for a sentence of its own.
    joins: int | None = None


@dataclass
class ParsedPoint:
    line: int
    label: Label
    summary: str = ""
    title: str = ""
    outcomes: list[ParsedOutcome] = field(default_factory=list)


@dataclass
class ParsedItem:
    line: int
    number: int
    title: str
    label: Label
    kind: str = "regular"
    summary: list[str] = field(default_factory=list)
    withheld_notice: bool = False
    outcomes: list[ParsedOutcome] = field(default_factory=list)
    points: list[ParsedPoint] = field(default_factory=list)
    party: tuple[str, str] | None = None
    references: list[str] = field(default_factory=list)


@dataclass
class ParsedHeadlines:
    label: Label = Label.WHITE
    body_name: str = ""
    body_code: str = ""
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str = ""
    reference: str = ""
    number: int | None = None
    next_meeting: dt.date | None = None
    items: list[ParsedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"line {line}: {message}")


def parse_date(text: str, *, line: int) -> dt.date:
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."))
    text = re.sub(r"^[A-Za-z]+day,?\s+", "", text)  # "Wednesday, 13 March 2019"
    for form in ("%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ImportProblem(f"{text!r} is not a date written like '27 February 2019'.", line=line)


def _time(text: str | None, *, line: int) -> dt.time | None:
    if not text:
        return None
    hours, minutes = re.split(r"[:.]", text)
    try:
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ImportProblem(f"{text!r} is not a time of day.", line=line) from None


def _plain(text: str) -> str:
    return inline(text, keep_bold=False)


def _heading(block: Block, *, markup: bool) -> tuple[int, str, Label | None] | None:
    """An item heading: a single line starting with `#` or wrapped in bold (Markdown, Word), or
    a numbered line on its own (plain text, PDF)."""
    if len(block.lines) != 1:
        return None
    if markup and not block.lines[0].lstrip().startswith(("#", "**")):
        return None
    raw = inline(block.lines[0].lstrip("#").strip())
    bold_mark = _BOLD_MARK.search(raw)
    if bold_mark and bold_mark.group("word").upper().removeprefix("TLP:") not in LABEL_WORDS.split(
        "|"
    ):
        raise ImportProblem(
            f"({bold_mark.group('word')}) is not a label: use WHITE (or CLEAR), GREEN, AMBER or "
            "RED.",
            line=block.line,
        )
    match = _HEADING.match(_plain(raw))
    if match is None:
        return None
    label = Label.parse(match.group("label")) if match.group("label") else None
    return int(match.group("number")), match.group("title").strip(), label


def _verb_pattern(verbs: set[str], *, bold_only: bool) -> re.Pattern:
    words = "|".join(sorted((re.escape(v) for v in verbs), key=len, reverse=True))
    # Bold capitals (`**NOTED**`, `**NOTED that**`) or, where the format has no bold, the bare
    # capitals of a known verb.
    bold = rf"\*\*(?P<bold>(?:{words})(?: that)?)\*\*"
    return re.compile(bold if bold_only else rf"{bold}|\b(?P<bare>{words})\b")


def _clauses(text: str, verbs: re.Pattern) -> tuple[str, list[ParsedOutcome]]:
    """A paragraph's lead-in (what comes before its subject and first verb, when it is more than
    the subject) and its outcome clauses."""
    found = list(verbs.finditer(text))
    if not found:
        return _plain(text), []
    lead = text[: found[0].start()]
    outcomes = []
    for index, match in enumerate(found):
        word = (match.group("bold") or match.groupdict().get("bare") or "").strip()
        verb, _, rest_of_bold = word.partition(" ")
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        clause = text[match.end() : end]
        if rest_of_bold:
            clause = f"{rest_of_bold} {clause.strip()}"
        clause = _plain(clause)
        clause = re.sub(r"\s+and$", "", clause).strip().rstrip(".,;").strip()
        outcomes.append(ParsedOutcome(verb, clause))
    lead = _plain(lead)
    # "The SSC" alone is the subject of the outcome; a longer lead is a sentence of its own
    # ("... held on 13 February 2019, and the SSC") that the outcome completes.
    sentence = re.sub(r",?\s*(?:and\s+)?(?:the\s+)?[A-Z][\w ]{0,40}$", "", lead).strip()
    if not sentence or sentence == lead.strip():
        sentence = "" if len(lead.split()) <= 4 else sentence
    return (sentence.rstrip(",;") + "." if sentence else ""), outcomes


def _kind(title: str) -> str:
    lowered = title.lower()
    for start, kind in KINDS:
        if lowered.startswith(start):
            return kind
    return "regular"


def parse_headlines(text: str, *, verbs: set[str], markup: bool = True) -> ParsedHeadlines:
    """The structure of a Meeting Headlines document, or an ImportProblem naming the line.

    `markup`: the text marks headings with `#` or bold (Markdown, and Word as read here); plain
    text and PDF do not, so a numbered line on its own is a heading there."""
    parsed = ParsedHeadlines()
    words = "|".join(re.escape(v) for v in verbs)
    verb_pattern = _verb_pattern(verbs, bold_only=bool(re.search(rf"\*\*(?:{words})", text)))
    running_header = None
    for block in blocks(text):
        heading = _heading(block, markup=markup)
        if heading is not None:
            number, title, label = heading
            expected = len(parsed.items) + 1
            if number != expected:
                raise ImportProblem(
                    f"item {number} comes where item {expected} was expected; items must be "
                    "numbered 1, 2, 3 … in order.",
                    line=block.line,
                )
            party = _PARTY.search(title)
            parsed.items.append(
                ParsedItem(
                    line=block.line,
                    number=number,
                    title=title,
                    label=label if label is not None else parsed.label,
                    kind=_kind(title),
                    party=(CATEGORIES[party["category"]], party["pseudonym"]) if party else None,
                )
            )
            continue
        plain = _plain(block.text.lstrip("#").strip())
        if not parsed.items:
            _header(parsed, block, plain)
            if parsed.reference:
                running_header = plain if _REFERENCE.match(plain) else running_header
            continue
        if running_header and plain == running_header:
            parsed.warn(block.line, f"dropped a running header ({plain!r}).")
            continue
        furniture = _FURNITURE.match(plain)
        if furniture:
            if furniture["label"] and Label.parse(furniture["label"]) != parsed.label:
                parsed.warn(
                    block.line,
                    f"the footer says {furniture['label']} but the document is classified "
                    f"{parsed.label.name}.",
                )
            continue
        next_meeting = _NEXT.match(plain)
        if next_meeting:
            parsed.next_meeting = parse_date(next_meeting["date"], line=block.line)
            continue
        _body(parsed.items[-1], block, verb_pattern, parsed)
    if parsed.label != Label.WHITE:
        parsed.warn(1, f"the document is classified {parsed.label.name}, not WHITE.")
    if not parsed.items:
        raise ImportProblem("no numbered agenda items were found (e.g. '#### 1. Matters Arising').")
    for needed, what in (
        (parsed.date, "the meeting's date (e.g. '27 February 2019, 10:00 – 16:00, …')"),
        (parsed.reference, "the meeting's reference (e.g. 'SSC_72_2702 – SSC Meeting Headlines')"),
        (parsed.body_code, "the body's name and code (e.g. 'Security Sub-Committee (SSC)')"),
    ):
        if not needed:
            raise ImportProblem(f"the header does not give {what}.")
    assert parsed.date is not None
    if parsed.reference.split("_")[2] != f"{parsed.date:%d%m}":
        raise ImportProblem(
            f"the reference {parsed.reference} does not match the date {parsed.date:%d %B %Y}."
        )
    for item in parsed.items:
        item.references = sorted(
            set(MODIFICATION.findall(" ".join([*item.summary, *(p.summary for p in item.points)])))
        )
    return parsed


def _header(parsed: ParsedHeadlines, block: Block, plain: str) -> None:
    classified = _CLASSIFIED.search(block.text)
    if classified and "Panel Information Policy" in plain:
        parsed.label = Label.parse(classified.group(1), field=f"line {block.line}")
        return
    reference = _REFERENCE.match(plain)
    if reference:
        parsed.reference = reference.group(0)
        parsed.number = int(reference["number"])
        if parsed.body_code and reference["code"] != parsed.body_code:
            raise ImportProblem(
                f"the reference {parsed.reference} names {reference['code']}, but the title "
                f"names {parsed.body_code}.",
                line=block.line,
            )
        parsed.body_code = parsed.body_code or reference["code"]
        return
    title = _TITLE.match(plain)
    if title:
        parsed.body_name = title["name"].strip()
        if title["code"]:
            parsed.body_code = title["code"].replace(" ", "").upper()
        return
    when = _WHEN.match(plain)
    if when and parsed.date is None:
        parsed.date = parse_date(when["date"], line=block.line)
        parsed.start_time = _time(when["start"], line=block.line)
        parsed.end_time = _time(when["end"], line=block.line)
        parsed.location = (when["place"] or "").strip()
        return
    if plain.lstrip("*_ ").startswith("Draft"):
        parsed.warn(block.line, "the file is a draft, not a published version.")
        return
    parsed.warn(block.line, f"ignored text before the first item: {plain[:60]!r}.")


def _body(item: ParsedItem, block: Block, verbs: re.Pattern, parsed: ParsedHeadlines) -> None:
    lines = [line.strip() for line in block.lines]
    if lines[0].startswith(("- ", "* ", "• ")):
        bullets: list[tuple[int, str]] = []
        for offset, line in enumerate(lines):
            if line.startswith(("- ", "* ", "• ")):
                bullets.append((block.line + offset, line[2:].strip()))
            else:  # a bullet's text wrapped onto the next line
                number, text = bullets[-1]
                bullets[-1] = (number, f"{text} {line}")
        for number, text in bullets:
            item.points.append(_point(item, number, inline(text), verbs, parsed.label))
        return
    text = inline(" ".join(lines))
    for stock in _STOCK.finditer(text):
        label = Label.parse(stock["label"])
        if label != item.label:
            parsed.warn(
                block.line,
                f"item {item.number} is marked {item.label.name} but its stock sentence says "
                f"{label.name}.",
            )
        item.withheld_notice = True
    text = _STOCK.sub("", text).strip()
    if not _plain(text):
        return
    lead, outcomes = _clauses(text, verbs)
    _check_outcomes(outcomes, block.line)
    if lead:
        item.summary.append(lead)
        first = verbs.search(text)
        if outcomes and first and _JOINED.search(_plain(text[: first.start()]).strip()):
            for outcome in outcomes:
                outcome.joins = len(item.summary)
    item.outcomes += outcomes


# A lead-in the outcome completes: "… held on 13 February 2019, and the SSC".
_JOINED = re.compile(r",\s*and\s+the\s+[A-Z][\w ]{0,40}$")


def _check_outcomes(outcomes: list[ParsedOutcome], line: int) -> None:
    for outcome in outcomes:
        if not outcome.text:
            raise ImportProblem(
                f"the outcome {outcome.verb} does not say what it applies to (e.g. 'the update').",
                line=line,
            )


def _point(
    item: ParsedItem, line: int, text: str, verbs: re.Pattern, document_label: Label
) -> ParsedPoint:
    # An unmarked bullet is as open as the document that shows it.
    label = document_label
    bold_mark = _BOLD_MARK.search(text)
    if bold_mark and bold_mark.group("word").upper() not in LABEL_WORDS.split("|"):
        raise ImportProblem(
            f"({bold_mark.group('word')}) is not a label: use WHITE (or CLEAR), GREEN, AMBER or "
            "RED.",
            line=line,
        )
    plain_mark = _MARK.search(_plain(text))
    if plain_mark:
        label = Label.parse(plain_mark["label"])
        text = re.sub(rf"\s*\(\s*\**\s*(?:{LABEL_WORDS})\s*\**\s*\)\s*[.;,]?\s*$", "", text)
    lead, outcomes = _clauses(text, verbs)
    _check_outcomes(outcomes, line)
    if outcomes:
        return ParsedPoint(
            line, label, summary=lead, title=outcomes[0].text[:120], outcomes=outcomes
        )
    if item.kind == "standing":
        return ParsedPoint(line, label, title=_plain(text))
    return ParsedPoint(line, label, summary=_plain(text))
