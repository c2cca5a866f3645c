"""Recording audit events, and the common shape of a validated, audited change of fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError, actor_name, validated_save
from secretariat.core.validation import clean_values, refuse_derived


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
    name = actor_name(actor)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=name[:150],
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=(summary or str(obj))[:300],
        changes={key: _plain(value) for key, value in (changes or {}).items()},
    )


def apply_changes(
    *,
    actor,
    instance: models.Model,
    changes: dict[str, Any],
    verb: str,
    allowed: Iterable[str],
    derived: dict[str, Any] | None = None,
) -> dict:
    """Set `changes` on `instance` (only `allowed` fields), validate, save those fields and audit.

    `changes` come from the caller and are checked by the shared input rules; `derived` are the
    values the service itself worked out from them (a meeting's reference), which no caller may
    give. Returns the fields that really changed, as {field: [before, after]}."""
    actor_name(actor)
    allowed = set(allowed)
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ServiceError({unknown[0]: f"'{unknown[0]}' cannot be changed here."})
    refuse_derived(type(instance), changes)
    changes = clean_values(type(instance), dict(changes))
    changes.update(derived or {})
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
