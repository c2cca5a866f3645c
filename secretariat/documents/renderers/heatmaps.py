"""What every renderer draws of a heatmap: each cell's fill and ink, and the picture's text
alternative, built from the rows the viewer kept.

Ratings are never told by colour alone: a cell carries its letter (G, A, R) and the text
alternative says what the colours say. The ink on each fill keeps a contrast of at least 4.5:1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from secretariat.documents.labelled import Heatmap

RATINGS = {
    # rating: (fill, ink, letter)
    "GREEN": ("#2e7d32", "#ffffff", "G"),
    "AMBER": ("#f0a500", "#000000", "A"),
    "RED": ("#c62828", "#ffffff", "R"),
}
LEGEND = "G: GREEN, A: AMBER, R: RED."
# A count's fill runs from the lightest (none) to the darkest (the most in the picture).
LIGHT, DARK = (0xEE, 0xF1, 0xF4), (0x37, 0x47, 0x4F)


@dataclass(frozen=True)
class Cell:
    text: str  # as the picture shows it: a rating's letter, a count
    fill: str  # "#rrggbb", or "" for an empty cell
    ink: str
    said: str  # as the text says it: "AMBER", "3"


def _count(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _shade(share: float) -> tuple[str, str]:
    rgb = [round(light + (dark - light) * share) for light, dark in zip(LIGHT, DARK, strict=True)]
    fill = "#" + "".join(f"{part:02x}" for part in rgb)
    return fill, "#ffffff" if share > 0.5 else "#000000"


def cells(block: Heatmap) -> list[tuple[str, list[Cell]]]:
    """(the row's name, its cells), for every row the viewer kept."""
    most = max((_count(cell.text) or 0 for row in block.rows for cell in row.cells[1:]), default=0)
    out = []
    for row in block.rows:
        name, *values = (cell.text for cell in row.cells)
        drawn = []
        for value in values:
            word = value.strip().upper()
            number = _count(value)
            if block.kind == "ratings" and word in RATINGS:
                fill, ink, letter = RATINGS[word]
                drawn.append(Cell(letter, fill, ink, word))
            elif block.kind == "counts" and number is not None:
                fill, ink = _shade(number / most if most else 0.0)
                drawn.append(Cell(str(number), fill, ink, str(number)))
            else:
                drawn.append(Cell("", "", "", ""))
        out.append((name, drawn))
    return out


def description(block: Heatmap) -> str:
    """The picture in words: for ratings, how many months each row spent at each rating; for
    counts, each column's count."""
    columns = block.header[1:]
    sentences = []
    for name, row in cells(block):
        shown = [(column, cell) for column, cell in zip(columns, row, strict=False) if cell.said]
        if not shown:
            sentences.append(f"{name}: no values.")
        elif block.kind == "ratings":
            tally = Counter(cell.said for _, cell in shown)
            counted = ", ".join(f"{tally[word]} {word}" for word in RATINGS if tally[word])
            sentences.append(f"{name}, {shown[0][0]} to {shown[-1][0]}: {counted}.")
        else:
            sentences.append(f"{name}: " + "; ".join(f"{c} {cell.said}" for c, cell in shown) + ".")
    if block.kind == "ratings":
        sentences.append(LEGEND)
    return " ".join(sentences)
