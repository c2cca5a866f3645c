"""RED opens only to a session that proved a second factor: without it, both halves of the door
(one fragment, a kind of record) meet RED as if it were not there, and nothing else changes."""

from __future__ import annotations

from secretariat.labels.access import Reader, Scope
from secretariat.labels.models import Label

NAMED = Scope(people=frozenset({5}), body_id=1)


def _reader(second_factor: bool) -> Reader:
    return Reader(user_id=1, person_id=5, is_community=True, second_factor=second_factor)


def test_it_admits_red_only_with_a_second_factor():
    assert _reader(True).admits(Label.RED, NAMED)
    assert not _reader(False).admits(Label.RED, NAMED)
    for label in (Label.WHITE, Label.GREEN, Label.AMBER):
        assert _reader(False).admits(label, NAMED) == _reader(True).admits(label, NAMED)


def test_it_leaves_red_out_of_the_database_filter_without_a_second_factor():
    assert "Label.RED" in str(_reader(True).q(people="people"))
    assert "Label.RED" not in str(_reader(False).q(people="people"))
