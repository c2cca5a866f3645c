"""Counts are written in words, as the seed writes them."""

from __future__ import annotations

import pytest

from secretariat.reports.numbers import in_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (5, "five"),
        (11, "eleven"),
        (19, "nineteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (45, "forty-five"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (105, "one hundred and five"),
        (342, "three hundred and forty-two"),
        (1000, "one thousand"),
        (1005, "one thousand and five"),
        (2019, "two thousand and nineteen"),
        (12_345, "twelve thousand three hundred and forty-five"),
        (1_000_001, "one million and one"),
    ],
)
def test_it_writes_numbers_as_the_seed_does(number, words):
    assert in_words(number) == words


def test_it_refuses_what_is_not_a_whole_number():
    for value in (1.5, "2", True):
        with pytest.raises(TypeError):
            in_words(value)
