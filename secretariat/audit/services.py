"""Recording audit events, and the common shape of a validated, audited change of fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from secretariat.audit.labelling import STR, fragment_of
from secretariat.audit.models import AuditEvent
from secretariat.core.services import ServiceError, StaleVersion, actor_name, validated_save
from secretariat.core.validation import clean_values, refuse_derived

# Passed by a service whose model carries no version: no check is made.
UNVERSIONED = object()


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def audit_record(
    *, actor, verb: str, obj: models.Model, summary: str = "", changes=None, _diff=None
) -> AuditEvent:
    """One audit event. Each key of `changes` is a value the event keeps (`{"owner": 4}`), each
    stored with the label and scope the record gives that key; `apply_changes` passes its
    before-and-after diff already labelled."""
    name = actor_name(actor)
    user = actor if getattr(actor, "is_authenticated", False) else None
    stored = {
        key: {"value": _plain(value), **fragment_of(obj, key).stored()}
        for key, value in (changes or {}).items()
    }
    stored.update(_diff or {})
    return AuditEvent.objects.create(
        actor=user,
        actor_name=name[:150],
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=(summary or str(obj))[:300],
        changes=stored,
        summary_fragment=fragment_of(obj, STR).stored(),
    )


def expected_version(version: Any) -> int:
    """The version a writer says it edited: a whole number, or a clear refusal naming it."""
    if isinstance(version, bool):
        version = None
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version)
    if not isinstance(version, int) or version < 1:
        raise ServiceError(
            {"version": f"Say which version of the record you edited (got {version!r})."}
        )
    return version


def _lock_current(instance: models.Model, version: int, fields: Iterable[str]) -> None:
    """Refuse a save from a stale version; otherwise make `instance` hold the current row.

    The row is read again under a lock (`select_for_update` on PostgreSQL; SQLite's IMMEDIATE
    transactions already queue writers), so two officers saving the same version cannot both
    succeed, and the audit's "before" is what the database held, not what a form remembered."""
    model = type(instance)
    current = model._default_manager.select_for_update().get(pk=instance.pk)
    if current.version != version:  # type: ignore[attr-defined]
        raise StaleVersion(
            model=str(model._meta.verbose_name),
            expected=version,
            version=current.version,  # type: ignore[attr-defined]
            current={field: getattr(current, field) for field in fields},
        )
    for field in model._meta.concrete_fields:
        setattr(instance, field.attname, getattr(current, field.attname))


def apply_changes(
    *,
    actor,
    instance: models.Model,
    changes: dict[str, Any],
    verb: str,
    allowed: Iterable[str],
    version: Any = UNVERSIONED,
    derived: dict[str, Any] | None = None,
) -> dict:
    """Set `changes` on `instance` (only `allowed` fields), validate, save those fields and audit.

    `changes` come from the caller and are checked by the shared input rules; `derived` are the
    values the service itself worked out from them (a meeting's reference), which no caller may
    give. For a model with a `version`, `version` is the one the writer edited: a stale one is
    refused with `StaleVersion` and nothing is written; a save that changes anything bumps it by
    one. Returns the fields that really changed, as {field: [before, after]}."""
    actor_name(actor)
    allowed = set(allowed)
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ServiceError({unknown[0]: f"'{unknown[0]}' cannot be changed here."})
    refuse_derived(type(instance), changes)
    changes = clean_values(type(instance), dict(changes))
    changes.update(derived or {})
    versioned = version is not UNVERSIONED
    if versioned:
        _lock_current(instance, expected_version(version), allowed)
    diff = {}
    fragments = {}
    for field, value in changes.items():
        before = getattr(instance, field)
        if before != value:
            diff[field] = [_plain(before), _plain(value)]
            # Read before any field is set: a label changed in the same edit must not relabel
            # the text written under the old one.
            fragments[field] = fragment_of(instance, field)
    if not diff:
        return {}
    for field in diff:
        setattr(instance, field, changes[field])
    validated_save(instance)
    saved = [*diff]
    if versioned:
        instance.version += 1  # type: ignore[attr-defined]
        saved.append("version")
    instance.save(update_fields=saved)
    # A field written under one label and rewritten under another keeps the stricter of the two:
    # its before was read at the old label, its after at the new.
    labelled = {
        field: {
            "before": before,
            "after": after,
            **fragments[field].higher(fragment_of(instance, field)).stored(),
        }
        for field, (before, after) in diff.items()
    }
    audit_record(actor=actor, verb=verb, obj=instance, _diff=labelled)
    return diff
