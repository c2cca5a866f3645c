"""Published files from memory: a published version's PDF, Word or Markdown bytes, rendered once
per process and served again to every reader its audience admits.

A version published for a whole audience (not projected per reader) is frozen: its snapshot,
its renderer versions and the sha256 of each format's bytes are in its ledger row, which nothing
rewrites. The bytes are kept under that hash, and only when the bytes rendered hash to it; so an
entry is the bytes the ledger vouches for, whichever row, test or process asks, and a version
whose bytes do not verify is rendered afresh each time, as before. Whether the reader may have
the version at all (its audience, a withdrawal) is decided before, on every request.

Bounded by size: at most `LIMIT` bytes in each process, the least recently served let go first.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from secretariat.core import memory

LIMIT = 64 * 1024 * 1024


class _Files:
    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple, data: bytes) -> None:
        if len(data) > self.limit // 8:
            return  # one large file would push out many small ones
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = data
            self.size += len(data)
            while self.size > self.limit:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0


_files = _Files(LIMIT)


def clear() -> None:
    _files.clear()


def published_file(
    fmt: str, version: int | None, expected: str | None, render: Callable[[], bytes]
) -> bytes:
    """The bytes of a published format whose ledger row gives sha256 `expected`, from memory
    when they were rendered before; `render()` otherwise (and always when `expected` is None)."""
    if expected is None or version is None or not memory.enabled():
        return render()
    key = (fmt, version, expected)
    found = _files.get(key)
    if found is not None:
        return found
    data = render()
    if hashlib.sha256(data).hexdigest() == expected:
        _files.put(key, data)
    return data
