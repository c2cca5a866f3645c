"""Reading the monthly SEC Panel Sub-Committee Report into a plain structure.

The report comes as Word, PDF or text, often through OCR: words are corrected through a table
officers keep (`OcrCorrection`, data), each correction applied is reported. The parser finds the
action line, the numbered sections and their numbered parts, the highlights under their
headings, the count sentences ("the SSC reviewed five Verification User Security Assessments"),
the recommendations, the author, team and date, and the attachments. It invents nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from secretariat.imports.headlines import parse_date
from secretariat.imports.text import ImportProblem, blocks, inline

NUMBERS = {
    "no": 0,
    "none": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_SECTION = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<title>\S.*)$")
_PART = re.compile(r"^(?P<number>\d{1,2}\.\d{1,2})\s+(?P<title>\S.*)$")
_ACTION = re.compile(r"^Action:\s*(?P<action>For (?:Information|Decision|Discussion))", re.I)
_BULLET = re.compile(r"^(?:[-•●▪]|e)\s+(?=[A-Z])")
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?P<year>\d{4})"
# Count sentences, each with the kind of record it counts.
COUNTS = (
    (re.compile(rf"set (?P<n>\w+) Assurance status\S* in {_MONTH}", re.I), "assurance_status"),
    (
        re.compile(
            rf"(?:During|In) {_MONTH}, the SSC reviewed (?P<n>\w+) Verification User Security "
            r"Assessments",
            re.I,
        ),
        "vusa",
    ),
    (
        re.compile(rf"reviewed (?P<n>\w+) Director\S*s Letters? in {_MONTH}", re.I),
        "directors_letters",
    ),
    (
        re.compile(
            rf"(?P<n>No|\w+) Security Self-Assessments? (?:was|were) reviewed by the SSC in {_MONTH}",
            re.I,
        ),
        "ssa",
    ),
    (
        re.compile(
            rf"(?:During|In) {_MONTH}, the SSC reviewed (?P<n>\w+) Full User Security Assessments",
            re.I,
        ),
        "fusa",
    ),
)


@dataclass
class Highlight:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Part:
    number: str
    title: str
    highlights: list[Highlight] = field(default_factory=list)


@dataclass
class Section:
    number: int
    title: str
    parts: list[Part] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class CountSentence:
    kind: str
    number: int
    month: dt.date
    sentence: str


@dataclass
class ParsedReport:
    action: str = ""
    title: str = ""
    sections: list[Section] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    author: str = ""
    team: str = ""
    date: dt.date | None = None
    attachments: list[str] = field(default_factory=list)
    counts: list[CountSentence] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def correct(text: str, table: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """Apply the OCR correction table (whole words only), saying where each applied."""
    applied: list[tuple[int, str]] = []
    lines = text.split("\n")
    for wrong, right in table:
        pattern = re.compile(rf"(?<![\w]){re.escape(wrong)}(?![\w])")
        for number, line in enumerate(lines, 1):
            if pattern.search(line):
                lines[number - 1] = pattern.sub(right, line)
                applied.append((number, f"line {number}: {wrong} → {right}"))
    return "\n".join(lines), [text for _, text in sorted(applied)]


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", "?", "!"))


def _looks_like_heading(text: str) -> bool:
    return (
        len(text) <= 90
        and not _ends_sentence(text)
        and (text[:1].isupper() or text[:1].isdigit())
        and not _SECTION.match(text)
        and not _PART.match(text)
    )


_LISTED = re.compile(r"^(?:[-•●▪]\s+|e\s+)?(?:[A-Z]{2,}\d|SECMP\d)")


def _split(text: str):
    """Blocks of the report: OCR joins a page's first line to the last paragraph of the page
    before (it starts with a space) and a numbered heading to the text above it."""
    for block in blocks(text):
        current: list[str] = []
        start = block.line
        for offset, line in enumerate(block.lines):
            stripped = line.strip()
            starts = current and (
                line.startswith(" ") or _SECTION.match(stripped) or _PART.match(stripped)
            )
            if starts:
                yield start, current
                current, start = [], block.line + offset
            current.append(line)
        if current:
            yield start, current


def parse_report(text: str, *, corrections: list[tuple[str, str]]) -> ParsedReport:
    report = ParsedReport()
    text, report.corrections = correct(text, corrections)
    section: Section | None = None
    part: Part | None = None
    highlight: Highlight | None = None
    tail: list[str] = []  # what follows the recommendations: author, team, date, attachments
    in_tail = False
    pending_title = None
    for line_number, raw_lines in _split(text):
        lines = [inline(line.strip(), keep_bold=False) for line in raw_lines]
        # A numbered heading may carry its first highlight's heading on the next line.
        first = lines[0]
        if not report.title and not report.sections:
            action = _ACTION.match(first)
            if action:
                report.action = action["action"].title().replace("For ", "For ")
                lines = lines[1:]
                if not lines:
                    continue
                first = lines[0]
            if "Report" in first and not _SECTION.match(first):
                report.title = first
                continue
        if in_tail:
            tail.extend(lines)
            continue
        heading = _SECTION.match(first)
        if heading and len(first) < 120:
            title = heading["title"]
            rest = lines[1:]
            if title.endswith("-") and rest:  # "… Sub-" / "Committee (TABASC) …"
                title = title + rest.pop(0)
            section = Section(int(heading["number"]), title.strip())
            report.sections.append(section)
            part = highlight = None
            if section.title.lower().startswith("recommendation"):
                pending_title = "recommendations"
            lines = rest
            if not lines:
                continue
            first = lines[0]
        if section is None:
            report.warnings.append(f"line {line_number}: ignored text before the first section.")
            continue
        sub = _PART.match(first)
        if sub:
            part = Part(sub["number"], sub["title"].strip())
            section.parts.append(part)
            highlight = None
            lines = lines[1:]
            if not lines:
                continue
            first = lines[0]
        paragraph = " ".join(lines)
        if pending_title == "recommendations":
            if re.match(r"^The Panel is requested to", paragraph):
                report.recommendations.append(paragraph)
                continue
            in_tail = True
            tail.extend(lines)
            continue
        if highlight is not None and highlight.paragraphs:
            last = highlight.paragraphs[-1]
            # A list the paragraph announced ("the following four new Draft Proposals:"), one
            # entry a line.
            if (last.endswith(":") or last.startswith("- ")) and _LISTED.match(paragraph):
                highlight.paragraphs.append("- " + _BULLET.sub("", paragraph))
                continue
        unfinished = (
            highlight is not None
            and highlight.paragraphs
            and not _ends_sentence(highlight.paragraphs[-1])
            and not highlight.paragraphs[-1].startswith("- ")
        )
        if (
            len(lines) == 1
            and _looks_like_heading(paragraph)
            and part is not None
            and not unfinished
        ):
            if highlight is not None and not highlight.paragraphs and highlight.heading:
                highlight.heading = f"{highlight.heading} {paragraph}"  # a heading wrapped
            else:
                highlight = Highlight(paragraph)
                part.highlights.append(highlight)
            continue
        # OCR breaks paragraphs at page ends: a paragraph that did not end a sentence goes on.
        if highlight is not None:
            target = highlight.paragraphs
        elif part is not None:
            target = _part_paragraphs(part)
        else:
            target = section.paragraphs
        if target and not _ends_sentence(target[-1]) and not target[-1].startswith("- "):
            target[-1] = f"{target[-1]} {paragraph}"
        else:
            target.append(paragraph)
    _tail(report, tail)
    _counts(report)
    if not report.sections:
        raise ImportProblem("no numbered sections were found (e.g. '2. Operations Group').")
    return report


def _part_paragraphs(part: Part) -> list[str]:
    if not part.highlights:
        part.highlights.append(Highlight(""))
    return part.highlights[-1].paragraphs


def _tail(report: ParsedReport, lines: list[str]) -> None:
    attachments = False
    for line in lines:
        if line.lower().startswith("attachments"):
            attachments = True
            continue
        if attachments:
            report.attachments.append(_BULLET.sub("", line).strip())
            continue
        try:
            report.date = parse_date(line, line=0)
            continue
        except ImportProblem:
            pass
        if not report.author:
            report.author = line
        elif not report.team:
            report.team = line
    if report.date is None and lines:
        report.warnings.append("the report's date was not found after the recommendations.")


def _counts(report: ParsedReport) -> None:
    texts = [
        paragraph
        for section in report.sections
        for part in section.parts
        for highlight in part.highlights
        for paragraph in highlight.paragraphs
    ]
    for text in texts:
        for pattern, kind in COUNTS:
            for match in pattern.finditer(text):
                word = match["n"].lower()
                number = int(word) if word.isdigit() else NUMBERS.get(word)
                if number is None:
                    report.warnings.append(f"{match.group(0)!r}: {word!r} is not a number.")
                    continue
                month = dt.datetime.strptime(f"1 {match['month']} {match['year']}", "%d %B %Y")
                report.counts.append(CountSentence(kind, number, month.date(), match.group(0)))
