"""The published Markdown Meeting Headlines of SSC_72, from the demo data, against the seed
document `../shared/seeds/ssc-72-meeting-headlines-2019-02-27.md`, item by item: numbers, titles,
labels, outcome clauses, stock sentences, sub-point bullets with their marks, public summaries,
the header and the next meeting.

Both documents go through the same parser and normaliser: quotes, Markdown emphasis, escapes,
links, <sup> and line breaks are evened out; the seed's page-break noise is dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from secretariat.core.testing import skip_without_seeds
from secretariat.publishing.tests.support import seeds_dir

SEED_NAME = "ssc-72-meeting-headlines-2019-02-27.md"
VERBS = r"\b(NOTED|AGREED|APPROVED|RECOMMENDED)\b"
STOCK = re.compile(
    r"The Agenda Item was marked as (RED|AMBER|GREEN) and therefore recorded in the "
    r"(?:Confidential )?Minutes\.?",
    re.IGNORECASE,
)
HEADING = re.compile(r"^(\d+)\.\s+(.*?)(?:\s+\((RED|AMBER|GREEN|WHITE)\))?$")
MARK = re.compile(r"\s*\((RED|AMBER|GREEN)\)\s*$")
RUNNING_HEADER = "SSC_72_2702 – SSC Meeting Headlines"


def normalise(text: str) -> str:
    text = text.replace("‘", "'").replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"</?sup>", "", text)
    text = text.replace("*", "").replace("\\", "")
    return " ".join(text.split())


def clause_core(text: str) -> str:
    """A clause without its trailing punctuation, closing quote, 'and' or label mark."""
    text = MARK.sub("", text.strip())
    text = re.sub(r"\s+and$", "", text)
    return text.rstrip(" .;,'\"")


@dataclass
class Item:
    number: int
    title: str
    label: str | None
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return self.paragraphs + self.bullets

    def clauses(self) -> list[str]:
        found = []
        for text in self.texts:
            text = STOCK.sub("", text)
            starts = [m.start() for m in re.finditer(VERBS, text)]
            for start, end in zip(starts, [*starts[1:], len(text)], strict=False):
                found.append(clause_core(text[start:end]))
        return found

    def stock(self) -> list[str]:
        return [m.group(1).upper() for text in self.texts for m in STOCK.finditer(text)]

    def marked_bullets(self) -> list[tuple[str, str | None]]:
        result = []
        for bullet in self.bullets:
            mark = MARK.search(bullet)
            result.append((clause_core(bullet), mark.group(1) if mark else None))
        return result

    def summaries(self) -> list[str]:
        """Paragraphs that are neither outcomes nor stock sentences, stock sentences removed."""
        result = []
        for text in self.paragraphs:
            if re.search(VERBS, text):
                continue
            rest = STOCK.sub("", text).strip()
            if rest:
                result.append(rest)
        return result


@dataclass
class Headlines:
    header: list[str]
    items: list[Item]
    next_meeting: str


def parse(markdown: str) -> Headlines:
    blocks = [block for block in re.split(r"\n\s*\n", markdown) if block.strip()]
    header: list[str] = []
    items: list[Item] = []
    next_meeting = ""
    for block in blocks:
        lines = [line for line in block.splitlines() if line.strip()]
        first = normalise(lines[0].lstrip("#").strip())
        heading = HEADING.match(first) if lines[0].lstrip().startswith(("#", "**")) else None
        if heading and len(lines) == 1:
            number, title, label = heading.groups()
            items.append(Item(int(number), title, label))
            continue
        text = normalise(" ".join(line.strip() for line in lines))
        if text.startswith("Next Meeting:"):
            next_meeting = text.removeprefix("Next Meeting:").strip()
            continue
        if not items:
            header.append(normalise(" ".join(line.lstrip("#").strip() for line in lines)))
            continue
        if text == RUNNING_HEADER:
            continue
        if all(line.lstrip().startswith("- ") for line in lines):
            items[-1].bullets += [normalise(line.lstrip()[2:]) for line in lines]
        else:
            items[-1].paragraphs.append(text)
    return Headlines(header, items, next_meeting)


@pytest.fixture(scope="module")
def seed() -> Headlines:
    folder = seeds_dir()
    if folder is None or not (folder / SEED_NAME).is_file():
        skip_without_seeds(
            f"Seed {SEED_NAME} not found beside the clone (../shared/seeds): fidelity not "
            "checked here; CI always has it."
        )
    return parse((folder / SEED_NAME).read_text(encoding="utf-8"))


@pytest.fixture
def ours(client_as) -> Headlines:
    response = client_as("anonymous").get("/meetings/SSC_72_2702/headlines.md")
    assert response.status_code == 200
    return parse(response.content.decode())


def test_it_has_the_seeds_twenty_items_in_order(seed, ours):
    assert [item.number for item in seed.items] == list(range(1, 21))
    assert [item.number for item in ours.items] == [item.number for item in seed.items]


def test_it_gives_every_item_the_seeds_title_and_label(seed, ours):
    for theirs, mine in zip(seed.items, ours.items, strict=True):
        assert (mine.number, mine.title, mine.label) == (theirs.number, theirs.title, theirs.label)


def test_it_records_the_seeds_outcomes_item_by_item(seed, ours):
    for theirs, mine in zip(seed.items, ours.items, strict=True):
        assert mine.clauses() == theirs.clauses(), f"item {theirs.number}"


def test_it_puts_the_stock_sentence_where_the_seed_does(seed, ours):
    for theirs, mine in zip(seed.items, ours.items, strict=True):
        assert mine.stock() == theirs.stock(), f"item {theirs.number}"


def test_it_lists_the_sub_points_with_their_marks(seed, ours):
    for theirs, mine in zip(seed.items, ours.items, strict=True):
        assert mine.marked_bullets() == theirs.marked_bullets(), f"item {theirs.number}"


def test_it_carries_the_seeds_public_summaries(seed, ours):
    for theirs, mine in zip(seed.items, ours.items, strict=True):
        body = " ".join(mine.texts)
        for summary in theirs.summaries():
            assert summary in body, f"item {theirs.number}: {summary[:60]}…"


def test_it_opens_and_closes_like_the_seed(seed, ours):
    # Classification statement, title, date, time and place, reference line, in that order.
    assert seed.header == [
        normalise(text)
        for text in ours.header
        if not text.startswith("Version ") and not text.startswith("Draft")
    ]
    assert ours.next_meeting == seed.next_meeting == "13 March 2019"
