"""Helpers for publishing's tests: read every part of a rendered file back as text, and build a
meeting with a chosen label on every fragment through the services."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pypdf
from pypdf.generic import IndirectObject, StreamObject

from secretariat.core.testing import TESTS

REPO = Path(__file__).resolve().parents[3]


def seeds_dir() -> Path | None:
    """`../shared/seeds` beside the clone. A git worktree lives elsewhere, so its clone is
    found through the worktree's `.git` file."""
    candidates = [REPO / ".." / "shared" / "seeds"]
    git = REPO / ".git"
    if git.is_file():
        match = re.match(r"gitdir:\s*(.+)", git.read_text().strip())
        if match:
            # <clone>/.git/worktrees/<name> -> <clone>
            clone = Path(match.group(1)).resolve().parents[2]
            candidates.append(clone / ".." / "shared" / "seeds")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    return None


def squash(text: str) -> str:
    """Text with all whitespace removed, so a marker split across lines is still found."""
    return re.sub(r"\s+", "", text)


def pdf_texts(data: bytes) -> list[str]:
    """Everything a PDF holds as text: each page's extracted text, the info dictionary, the XMP
    metadata, and every stream decompressed, plus the raw file."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    texts = [page.extract_text() or "" for page in reader.pages]
    texts.append(repr(dict(reader.metadata or {})))
    if reader.xmp_metadata is not None:
        texts.append(reader.xmp_metadata.stream.get_data().decode("utf-8", "replace"))
    numbers = {
        (number, generation) for generation, entries in reader.xref.items() for number in entries
    }
    numbers |= {(number, 0) for number in reader.xref_objStm}
    for number, generation in sorted(numbers):
        obj = reader.get_object(IndirectObject(number, generation, reader))
        if isinstance(obj, StreamObject):
            texts.append(obj.get_data().decode("latin-1"))
        elif obj is not None:
            texts.append(repr(obj))
    texts.append(data.decode("latin-1"))
    return texts


def docx_texts(data: bytes) -> list[str]:
    """Every part of the .docx zip as text, its member names, and the text python-docx reads."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    texts = [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    texts.append(" ".join(archive.namelist()))
    document = docx.Document(io.BytesIO(data))
    texts += [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    section = document.sections[0]
    texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return texts


def texts_of(fmt: str, data: bytes) -> list[str]:
    if fmt == "pdf":
        return pdf_texts(data)
    if fmt == "docx":
        return docx_texts(data)
    return [data.decode("utf-8")]


def found(markers, texts: list[str]) -> set[str]:
    """The markers that occur in any of the texts, whitespace ignored."""
    haystack = "\n".join(squash(text) for text in texts)
    return {marker for marker in markers if marker in haystack}


def label_marks(data: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Per page: (text, x, y, font size) of every text run, from the PDF's content streams."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        runs: list[tuple[str, float, float, float]] = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                scale = (
                    abs(cm[0] * cm[3] - cm[1] * cm[2]) * abs(tm[0] * tm[3] - tm[1] * tm[2])
                ) ** 0.5
                x = tm[4] * cm[0] + cm[4]
                y = cm[5] + tm[5] * cm[3]
                runs.append((text.strip(), x, y, size * scale))

        page.extract_text(visitor_text=visit)
        pages.append((runs, float(page.mediabox.width), float(page.mediabox.height)))
    return pages


# -- meetings with a label on every fragment -----------------------------------------------------


class Fragment:
    """One restricted piece of text in a built meeting, and how to change it through a service."""

    def __init__(self, name: str, label, change):
        self.name = name
        self.label = label
        self.change = change

    def __repr__(self) -> str:
        return f"<Fragment {self.name} {self.label.name}>"


def build_meeting(spec: dict, *, number: int = 900, date=None):
    """A meeting of the SSC built through the services from `spec`:

    {"items": [{"label", "title", "title_label", "summary", "summary_label", "restricted",
                "outcomes": [(verb, text, label)], "sub_points": [same keys, no sub_points],
                "actions": [(text, label)], "party": (real name, name label) | None,
                "papers": [(title, title label, paper label)]}]}

    The demo's personas attend as at SSC_72 (the officer minutes, `absent` sends apologies).
    Returns the meeting and the fragments labelled above WHITE, each with a way to change it."""
    import datetime as dt

    from secretariat.actions.services import action_edit, action_raise
    from secretariat.directory.models import Body, Person
    from secretariat.directory.services import organisation_create, organisation_update
    from secretariat.labels.models import Label
    from secretariat.meetings.models import Paper
    from secretariat.meetings.services import (
        attendance_record,
        item_add,
        item_update,
        meeting_create,
        outcome_record,
        outcome_update,
        paper_create,
    )

    body = Body.objects.get(code="SSC")
    meeting = meeting_create(
        actor=TESTS,
        body=body,
        number=number,
        date=date or dt.date(2019, 5, 8),
        start_time=dt.time(10),
        end_time=dt.time(13),
        location="Test room",
        status="held",
        next_meeting_date=(date or dt.date(2019, 5, 8)) + dt.timedelta(days=14),
    )
    people = {p.user.username: p for p in Person.objects.filter(user__isnull=False)}
    for who, status, capacity in (
        ("officer", "present", "secretariat"),
        ("chair", "present", "chair"),
        ("present", "present", "member"),
        ("absent", "apologies", "member"),
    ):
        attendance_record(
            actor=TESTS, meeting=meeting, person=people[who], status=status, capacity=capacity
        )
    fragments: list[Fragment] = []

    def item_fragments(item, data, where):
        def setter(field):
            return lambda text: item_update(
                actor=TESTS, item=item, version=item.version, **{field: text}
            )

        if Label.parse(data.get("title_label", "WHITE")) > Label.WHITE:
            fragments.append(Fragment(f"{where} title", item.title_label, setter("title")))
        if data.get("summary") and item.summary_label > Label.WHITE:
            fragments.append(Fragment(f"{where} summary", item.summary_label, setter("summary")))
        if data.get("restricted") and item.label > Label.WHITE:
            fragments.append(
                Fragment(f"{where} restricted text", item.label, setter("restricted_text"))
            )
        for position, (verb, text, label) in enumerate(data.get("outcomes", [])):
            outcome = outcome_record(
                actor=TESTS, meeting=meeting, item=item, verb=verb, text=text, label=label
            )
            if outcome.label > Label.WHITE:
                fragments.append(
                    Fragment(
                        f"{where} outcome {position}",
                        outcome.label,
                        lambda text, outcome=outcome: outcome_update(
                            actor=TESTS, outcome=outcome, version=outcome.version, text=text
                        ),
                    )
                )

    for position, data in enumerate(spec["items"], start=1):
        party = None
        if data.get("party"):
            real, name_label = data["party"]
            party = organisation_create(
                actor=TESTS, name=real, category="small_supplier", name_label=name_label
            )
            if party.name_label > Label.WHITE:
                fragments.append(
                    Fragment(
                        f"item {position} party name",
                        party.name_label,
                        lambda text, party=party: organisation_update(
                            actor=TESTS, organisation=party, name=text
                        ),
                    )
                )
        papers = []
        for index, (title, title_label, paper_label) in enumerate(data.get("papers", [])):
            paper = paper_create(
                actor=TESTS,
                body=body,
                reference=f"T{number}_{position}_{index}",
                title=title,
                title_label=title_label,
                label=paper_label,
                distribution=[people["officer"]],
            )
            papers.append(paper)
            if paper.title_label > Label.WHITE:
                fragments.append(
                    Fragment(
                        f"item {position} paper {index} title",
                        paper.title_label,
                        # No service edits a paper's title; the test changes the row itself.
                        lambda text, pk=paper.pk: Paper.objects.filter(pk=pk).update(title=text),
                    )
                )
        item = item_add(
            actor=TESTS,
            meeting=meeting,
            number=position,
            title=data["title"],
            title_label=data.get("title_label", "WHITE"),
            label=data.get("label", "WHITE"),
            summary=data.get("summary", ""),
            summary_label=data.get("summary_label", "WHITE"),
            restricted_text=data.get("restricted", ""),
            party=party,
            papers=papers,
        )
        item_fragments(item, data, f"item {position}")
        for index, sub_data in enumerate(data.get("sub_points", []), start=1):
            sub = item_add(
                actor=TESTS,
                meeting=meeting,
                parent=item,
                title=sub_data["title"],
                title_label=sub_data.get("title_label", "WHITE"),
                label=sub_data.get("label", "WHITE"),
                summary=sub_data.get("summary", ""),
                summary_label=sub_data.get("summary_label", "WHITE"),
                restricted_text=sub_data.get("restricted", ""),
                withheld_notice=False,
            )
            item_fragments(sub, sub_data, f"item {position}.{index}")
        for index, (text, label) in enumerate(data.get("actions", [])):
            action = action_raise(
                actor=TESTS,
                item=item,
                text=text,
                owner=people["present"],
                due_date=meeting.date + dt.timedelta(days=28),
                label=label,
            )
            if action.label > Label.WHITE:
                fragments.append(
                    Fragment(
                        f"item {position} action {index}",
                        action.label,
                        lambda text, action=action: action_edit(
                            actor=TESTS, action=action, version=action.version, text=text
                        ),
                    )
                )
    return meeting, fragments
