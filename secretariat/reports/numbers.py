"""Numbers in words, as the seed writes its counts: "two", "five", "twenty-one"."""

from __future__ import annotations

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"))


def _below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    words = []
    if hundreds:
        words.append(f"{_UNITS[hundreds]} hundred")
    if rest:
        if rest < 20:
            tail = _UNITS[rest]
        else:
            tens, units = divmod(rest, 10)
            tail = _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
        # British usage: "one hundred and five".
        words.append(f"and {tail}" if hundreds else tail)
    return " ".join(words)


def in_words(number: int) -> str:
    """`in_words(5)` is 'five'; `in_words(121)` is 'one hundred and twenty-one'."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"{number!r} is not a whole number.")
    if number < 0:
        return f"minus {in_words(-number)}"
    if number < 1000:
        return _UNITS[number] if number < 20 else _below_thousand(number)
    words = []
    rest = number
    for size, name in _SCALES:
        if rest >= size:
            count, rest = divmod(rest, size)
            words.append(f"{in_words(count)} {name}")
    if rest:
        words.append(("and " if rest < 100 else "") + _below_thousand(rest))
    return " ".join(words)
