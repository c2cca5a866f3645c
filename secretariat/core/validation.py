"""The input rules every service shares, read from the model's own fields.

A value that reaches a model field is checked against the field's kind before any service logic
uses it: text is a string without control characters and within its length, a whole number is an
int (never a bool), a date is a date (a string only in the strict form YYYY-MM-DD), a related
record is an instance of the related model. The rules live here so that every model's fields get
them without each service spelling them out: `validated_save` checks an instance before saving,
`apply_changes` checks every change, and `@checks(Model)` checks a service's keyword arguments
before its own code compares or formats them.

Why so strict: a control character in a title reached the PDF and Word renderers and broke them;
NUL bytes and over-long values crash PostgreSQL; `number=True` made a meeting `SSC_True_1003`."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from secretariat.core.services import ServiceError

# Short text (one line) allows no control character at all; long text allows tab, line feed and
# carriage return (browsers send a textarea's lines as CR LF). Lone surrogates cannot be stored
# as UTF-8, and U+FFFE/U+FFFF are not characters: XML renderers refuse both.
_SHORT_TEXT_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LONG_TEXT_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")

F = TypeVar("F", bound=Callable[..., Any])

# A long text field with no length of its own still has one: a minute is a few pages, and a
# megabyte pasted by mistake would reach every rendering of the record.
LONG_TEXT_LIMIT = 100_000


def field_title(field: models.Field) -> str:
    """How a message names a field: 'Meeting number', 'Agenda item title'."""
    model = field.model._meta.verbose_name if getattr(field, "model", None) else ""
    words = f"{model} {field.verbose_name}".strip()
    return words[:1].upper() + words[1:]


def _kind(value: object) -> str:
    return type(value).__name__


def _shown(value: object) -> str:
    """The value as a message quotes it, cut short: the value may be the bad input itself."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _refuse(field: models.Field, message: str, name: str | None = None):
    raise ServiceError({name or field.name: f"{field_title(field)} {message}"}, code="invalid")


def check_text(field: models.Field, value: object, *, long: bool, name: str | None = None) -> str:
    if not isinstance(value, str):
        _refuse(field, f"must be text, not {_shown(value)} ({_kind(value)}).", name)
    assert isinstance(value, str)
    bad = (_LONG_TEXT_REFUSED if long else _SHORT_TEXT_REFUSED).search(value)
    if bad:
        character = bad.group()
        what = (
            "a NUL byte" if character == "\x00" else f"the control character U+{ord(character):04X}"
        )
        allowed = " (line breaks and tabs are allowed here)" if long else ""
        _refuse(field, f"contains {what} at position {bad.start() + 1}{allowed}.", name)
    limit = getattr(field, "max_length", None) or (LONG_TEXT_LIMIT if long else None)
    if limit is not None and len(value) > limit:
        _refuse(field, f"is at most {limit} characters; this has {len(value)}.", name)
    return value


def text_argument(name: str, value: object, *, long: bool = True, max_length: int = 2000) -> str:
    """The same rules for text a service takes that is no model field (a reason kept in the
    audit log)."""
    field = models.TextField(name=name, verbose_name=name.replace("_", " "), max_length=max_length)
    return check_text(field, value, long=long, name=name)


def _check_json(field: models.Field, value: object, name: str | None) -> object:
    if isinstance(value, str):
        bad = _LONG_TEXT_REFUSED.search(value)
        if bad:
            _refuse(field, f"contains the control character U+{ord(bad.group()):04X}.", name)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_json(field, key, name)
            _check_json(field, item, name)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_json(field, item, name)
    elif isinstance(value, float) and not math.isfinite(value):
        _refuse(field, f"cannot hold {_shown(value)}.", name)
    return value


def _parse_date(field: models.Field, value: object, name: str | None) -> dt.date:
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        _refuse(field, f"must be a date (YYYY-MM-DD), not {_shown(value)}.", name)
    assert isinstance(value, dt.date)
    return value


def _parse_time(field: models.Field, value: object, name: str | None) -> dt.time:
    if isinstance(value, str) and _TIME.fullmatch(value.strip()):
        try:
            return dt.time.fromisoformat(value.strip())
        except ValueError:
            pass
    if not isinstance(value, dt.time):
        _refuse(field, f"must be a time of day (HH:MM), not {_shown(value)}.", name)
    assert isinstance(value, dt.time)
    return value


def clean_value(field: models.Field, value: Any, *, name: str | None = None) -> Any:
    """`value` checked (and, for a strict date or time string, parsed) for `field`, or a
    ServiceError naming the field. None is left to the model's own null rule."""
    if value is None:
        return None
    if isinstance(field, models.ManyToManyField):
        if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
            _refuse(field, f"must be a list of records, not {_shown(value)}.", name)
        related = field.related_model._meta.verbose_name_plural
        for item in value:
            if not isinstance(item, field.related_model):
                _refuse(field, f"must list {related}, not {_shown(item)} ({_kind(item)}).", name)
        return value
    if isinstance(field, models.ForeignKey):
        if not isinstance(value, field.related_model):
            related = str(field.related_model._meta.verbose_name)
            _refuse(field, f"must be {_a(related)}, not {_shown(value)} ({_kind(value)}).", name)
        return value
    if isinstance(field, models.TextField):
        return check_text(field, value, long=True, name=name)
    if isinstance(field, models.CharField):
        return check_text(field, value, long=False, name=name)
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            _refuse(field, f"must be true or false, not {_shown(value)}.", name)
        return value
    if isinstance(field, models.IntegerField):
        # Fields with a vocabulary of their own (labels) parse their values themselves.
        if field.choices:
            if isinstance(value, bool):
                _refuse(field, f"cannot be {_shown(value)}.", name)
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            _refuse(field, f"must be a whole number, not {_shown(value)} ({_kind(value)}).", name)
        return value
    if isinstance(field, models.FloatField):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            _refuse(field, f"must be a number, not {_shown(value)}.", name)
        return value
    if isinstance(field, models.DateTimeField):
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            _refuse(
                field, f"must be a date and time with its time zone, not {_shown(value)}.", name
            )
        return value
    if isinstance(field, models.DateField):
        return _parse_date(field, value, name)
    if isinstance(field, models.TimeField):
        return _parse_time(field, value, name)
    if isinstance(field, models.JSONField):
        return _check_json(field, value, name)
    return value


def model_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if isinstance(field, models.Field) and (field.concrete or field.many_to_many):
        return field
    return None


def clean_values(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Every value in `values` whose key names a field of `model`, checked for that field."""
    for key, value in values.items():
        field = model_field(model, key)
        if field is not None:
            values[key] = clean_value(field, value, name=key)
    return values


def refuse_derived(model: type[models.Model], names) -> None:
    """Fields the application derives (a meeting's reference) are never taken from input."""
    for name in names:
        field = model_field(model, name)
        if field is not None and not field.editable:
            _refuse(field, "is derived by the workspace and cannot be given.", name)


def check_instance(instance: models.Model) -> None:
    """Check every stored value of `instance` for its field (related records are checked when
    they are given, as assigning the wrong kind of record fails before this could run)."""
    for field in instance._meta.concrete_fields:
        if field.is_relation or field.primary_key:
            continue
        value = getattr(instance, field.attname)
        if value is not None:
            setattr(instance, field.attname, clean_value(field, value))


def checks(model: type[models.Model], **aliases: str | None) -> Callable[[F], F]:
    """Check a service's keyword arguments that name fields of `model` before the service runs.

    `aliases` map an argument to the field it fills when the names differ, or to None when the
    service reads that argument its own way (an outcome's verb may be given as a word)."""

    def decorate(service: F) -> F:
        @functools.wraps(service)
        def run(*args, **kwargs):
            for key, value in kwargs.items():
                # `version` names the row the writer edited, not a value to store: the
                # concurrency check in `apply_changes` reads it.
                target = None if key == "version" else aliases.get(key, key)
                field = None if target is None else model_field(model, target)
                if field is not None:
                    if not field.editable:
                        _refuse(field, "is derived by the workspace and cannot be given.", key)
                    kwargs[key] = clean_value(field, value, name=key)
            return service(*args, **kwargs)

        return run  # type: ignore[return-value]

    return decorate
