"""Text helpers every document shares: dates as the seeds write them, paragraphs of a field."""

from __future__ import annotations


def long_date(day) -> str:
    """A date as the seeds write it: '27 February 2019'."""
    return f"{day.day} {day:%B %Y}"


def paragraphs(text: str) -> list[str]:
    """A text field's paragraphs: blank lines separate them."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]
