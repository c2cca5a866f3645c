"""Today is London's day, whatever the server's zone."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from secretariat.core import clock


def _at(utc: dt.datetime):
    return mock.patch("django.utils.timezone.now", return_value=utc)


def test_it_is_tomorrow_in_london_late_on_a_summer_evening_utc():
    with _at(dt.datetime(2019, 6, 30, 23, 30, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2019, 7, 1)


def test_it_is_the_same_day_in_winter_when_london_keeps_utc():
    with _at(dt.datetime(2019, 12, 31, 23, 30, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2019, 12, 31)
    with _at(dt.datetime(2020, 1, 1, 0, 30, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2020, 1, 1)
