"""Checks of a service's input that every register shares: each names the field it refuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from secretariat.core.services import ServiceError


def require_date(value, field: str) -> dt.date:
    if value in (None, ""):
        raise ServiceError({field: "A date is needed here."})
    if isinstance(value, dt.datetime):
        raise ServiceError({field: f"{value!r} is a time, not a date."})
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ServiceError(
                {field: f"{value!r} is not a date: write it as YYYY-MM-DD."}
            ) from None
    if not isinstance(value, dt.date):
        raise ServiceError({field: f"{value!r} is not a date."})
    return value


def optional_date(value, field: str) -> dt.date | None:
    return None if value in (None, "") else require_date(value, field)


def require_text(value, field: str, *, max_length: int | None = None) -> str:
    text = (value or "").strip() if isinstance(value, str | type(None)) else None
    if not text:
        raise ServiceError({field: "This cannot be empty."})
    if max_length is not None and len(text) > max_length:
        raise ServiceError({field: f"At most {max_length} characters."})
    return text


def require_number(value, field: str, *, minimum: float | None = None) -> Decimal:
    if isinstance(value, bool) or value in (None, ""):
        raise ServiceError({field: "A number is needed here."})
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ServiceError({field: f"{value!r} is not a number."}) from None
    if not number.is_finite():
        raise ServiceError({field: f"{value!r} is not a number."})
    if minimum is not None and number < Decimal(str(minimum)):
        raise ServiceError({field: f"At least {minimum}."})
    return number


def require_count(value, field: str) -> int:
    if isinstance(value, bool):
        raise ServiceError({field: "A whole number is needed here."})
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ServiceError({field: f"{value!r} is not a whole number."}) from None
    if number < 0:
        raise ServiceError({field: "It cannot be negative."})
    return number


def require_choice(value, field: str, choices) -> str:
    if value not in choices.values:
        raise ServiceError(
            {field: f"{value!r} is not one of: {', '.join(str(v) for v in choices.values if v)}."}
        )
    return value
