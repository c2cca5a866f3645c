"""A bounded map in a process's memory, for caches keyed by the database's generation
(core/generation.py): the meeting records (publishing/cache.py) and the accounts each request
signs in (directory/backends.py)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings


def enabled() -> bool:
    """`SECRETARIAT_RECORD_CACHE = False` turns every cache keyed by the generation off."""
    return getattr(settings, "SECRETARIAT_RECORD_CACHE", True)


class Bounded:
    """At most `size` entries, the least recently used let go first; safe across threads."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
