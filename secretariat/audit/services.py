"""Recording audit events and the common shape of a validated, audited write."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from secretariat.audit.models import AuditEvent


class ServiceError(ValidationError):
    """Bad input to a service: the message names the field and what is wrong with it."""


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def audit_record(
    *, actor, verb: str, obj: models.Model, summary: str = "", changes=None
) -> AuditEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=(summary or str(obj))[:300],
        changes={key: _plain(value) for key, value in (changes or {}).items()},
    )


def validated_save(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """Run the model's own validation and turn its errors into one service error."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise ServiceError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from None


def apply_changes(
    *, actor, instance: models.Model, changes: dict[str, Any], verb: str, allowed: Iterable[str]
) -> dict:
    """Set `changes` on `instance` (only `allowed` fields), validate, save those fields and audit.

    Returns the fields that really changed, as {field: [before, after]}."""
    allowed = set(allowed)
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ServiceError({unknown[0]: f"'{unknown[0]}' cannot be changed here."})
    diff = {}
    for field, value in changes.items():
        before = getattr(instance, field)
        if before != value:
            diff[field] = [_plain(before), _plain(value)]
            setattr(instance, field, value)
    if not diff:
        return {}
    validated_save(instance)
    instance.save(update_fields=[*diff])
    audit_record(actor=actor, verb=verb, obj=instance, changes=diff)
    return diff
