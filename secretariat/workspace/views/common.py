"""What the workspace's views share: parsing form input into the services' terms, and answering
htmx requests with the fragment they asked for."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render

from secretariat.core.services import ServiceError
from secretariat.labels.models import Label

LABEL_CHOICES = [(int(label), label.name) for label in Label]


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def errors_of(error: ServiceError) -> dict[str, list[str]]:
    return getattr(error, "message_dict", None) or {"__all__": list(error.messages)}


def parse_date(value: str, field: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ServiceError({field: f"{value!r} is not a date: write it as 2026-03-04."}) from None


def parse_time(value: str, field: str) -> dt.time | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise ServiceError({field: f"{value!r} is not a time: write it as 10:00."}) from None


def parse_int(value: str, field: str) -> int:
    value = (value or "").strip()
    if not value.isdigit():
        raise ServiceError({field: f"{value!r} is not a whole number."})
    return int(value)


def page(request, template: str, context: dict, *, partial: str | None = None, status=200):
    """The whole page, or only `partial` of it when htmx asked."""
    name = f"{template}#{partial}" if partial and is_htmx(request) else template
    return render(request, name, context, status=status)


def see_other(url: str) -> HttpResponse:
    response = HttpResponse(status=303)
    response["Location"] = url
    return response
