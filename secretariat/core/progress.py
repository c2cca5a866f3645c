"""How long work says how far it has got.

A service that takes a while takes a `Progress`: `progress("a line")` reports a finished step,
`progress.counting(label, total)` a piece of work that is counted (documents rendered, steps
loaded), which a terminal shows as a bar. Services default to `SILENT`, so code and tests that
call them directly see nothing; commands pass a `TerminalProgress` over their standard output.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import OutputWrapper

BAR_WIDTH = 30
# A terminal bar is redrawn at most this often: drawing on every document of thousands would
# cost more than the rendering it reports.
REDRAW_SECONDS = 0.1
# Where no one watches a bar (a log, a pipe, a test), the count is written as a line at each
# quarter instead.
QUARTERS = (0.25, 0.5, 0.75)


class Counter:
    """One counted piece of work; `advance` after each unit, `close` (or leave the `with`) at
    the end."""

    def __init__(self, progress: Progress, label: str, total: int, *, logged: bool = True):
        self.progress, self.label, self.total, self.done = progress, label, max(total, 0), 0
        self.logged = logged
        self.note = ""

    def advance(self, units: int = 1, *, note: str = "") -> None:
        self.done = min(self.done + units, self.total)
        self.note = note or self.note
        self.progress._advanced(self)

    def close(self) -> None:
        self.progress._closed(self)

    def __enter__(self) -> Counter:
        self.progress._opened(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


class Progress:
    """Reports nothing: the default of every service that takes one."""

    def __call__(self, line: str) -> None:
        pass

    def counting(self, label: str, total: int, *, logged: bool = True) -> Counter:
        """A counted piece of work. `logged=False` draws the bar on a terminal only, for work
        whose steps already report themselves as lines."""
        return Counter(self, label, total, logged=logged)

    def _opened(self, counter: Counter) -> None:
        pass

    def _advanced(self, counter: Counter) -> None:
        pass

    def _closed(self, counter: Counter) -> None:
        pass


SILENT = Progress()


class TerminalProgress(Progress):
    """Writes to a command's output: a redrawn bar on a terminal, a line a quarter elsewhere."""

    def __init__(self, stream: Any, *, indent: str = "  ", tty: bool | None = None):
        self.stream = stream
        self.indent = indent
        self.tty = _isatty(stream) if tty is None else tty
        self.counter: Counter | None = None
        self.drawn_at = 0.0
        self.quarters_written = 0

    def __call__(self, line: str) -> None:
        if self.tty and self.counter is not None:
            # A line written under a bar takes the bar's place; the bar is drawn again below it.
            self._write("\r\x1b[K")
            self._write(f"{self.indent}{line}\n")
            self._draw(self.counter)
        else:
            self._write(f"{self.indent}{line}\n")

    def _opened(self, counter: Counter) -> None:
        self.counter, self.quarters_written = counter, 0
        if self.tty:
            self._draw(counter)
        elif counter.logged:
            self._write(f"{self.indent}{counter.label}: {counter.total:,} to do\n")

    def _advanced(self, counter: Counter) -> None:
        if self.tty:
            now = time.monotonic()
            if now - self.drawn_at >= REDRAW_SECONDS or counter.done == counter.total:
                self._draw(counter)
            return
        passed = sum(1 for quarter in QUARTERS if counter.fraction >= quarter)
        if counter.logged and passed > self.quarters_written and counter.done < counter.total:
            self.quarters_written = passed
            self._write(f"{self.indent}{_count(counter)}\n")

    def _closed(self, counter: Counter) -> None:
        if self.tty:
            self._draw(counter)
            self._write("\n")
        elif counter.logged:
            self._write(f"{self.indent}{_count(counter)}\n")
        self.counter = None

    def _draw(self, counter: Counter) -> None:
        filled = round(BAR_WIDTH * counter.fraction)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self._write(f"\r\x1b[K{self.indent}{counter.label} [{bar}] {_numbers(counter)}")
        self.drawn_at = time.monotonic()

    def _write(self, text: str) -> None:
        # Django's OutputWrapper adds a newline unless told the ending; a plain stream adds none.
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()


def _numbers(counter: Counter) -> str:
    note = f" {counter.note}" if counter.note else ""
    return f"{counter.done:,}/{counter.total:,} ({counter.fraction:.0%}){note}"


def _count(counter: Counter) -> str:
    return f"{counter.label}: {_numbers(counter)}"


def _isatty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


__all__ = ["SILENT", "Counter", "Progress", "TerminalProgress"]
