"""The labelled diff: every audited change of a field keeps that field's label and scope, so that
who may read its before and after is decided when it is read, by the one door.

Each app says what its records' fields are (`register(Model, describe)`, from its `access.py`,
called by its AppConfig): `describe(instance, name) -> Fragment` for a field name, for a key an
audit event carries, or for `STR` (the record's own name, written as the event's summary). A
model nobody registered is described conservatively: the highest of its labels, in no scope, so
that only a reader cleared everywhere (an elevated superuser, or the secretariat for AMBER) reads
it. `project(event, viewer)` is the one reading of an event: the admin and the workspace's
history pages show only what it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from secretariat.labels.access import PUBLIC_SCOPE, Scope, Viewer, scope_from_json, scope_to_json
from secretariat.labels.models import Label, LabelField, highest

STR = "__str__"


@dataclass(frozen=True)
class Fragment:
    """A label and the scopes it belongs to: any one of them admitting a reader is enough."""

    label: Label
    scopes: tuple[Scope, ...] = (PUBLIC_SCOPE,)

    def admits(self, viewer: Viewer) -> bool:
        return any(viewer.admits(self.label, scope) for scope in self.scopes)

    def stored(self) -> dict:
        return {"label": int(self.label), "scopes": [scope_to_json(s) for s in self.scopes]}

    @classmethod
    def from_stored(cls, stored: dict) -> Fragment:
        scopes = tuple(scope_from_json(s) for s in stored.get("scopes") or [{}])
        return cls(Label(stored.get("label", Label.RED)), scopes)

    def higher(self, other: Fragment) -> Fragment:
        """The stricter of two readings of one field (before and after a change of label)."""
        return other if other.label > self.label else self


WHITE = Fragment(Label.WHITE)

_DESCRIBERS: dict[str, Callable[[Any, str], Fragment]] = {}


def register(model: type[models.Model], describe: Callable[[Any, str], Fragment]) -> None:
    _DESCRIBERS[model._meta.label_lower] = describe


def registered(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _DESCRIBERS


def highest_label(instance: models.Model) -> Label:
    return highest(
        getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if isinstance(field, LabelField) and getattr(instance, field.attname) is not None
    )


def fragment_of(instance: models.Model, name: str) -> Fragment:
    describe = _DESCRIBERS.get(instance._meta.label_lower)
    if describe is not None:
        return describe(instance, name)
    return Fragment(highest_label(instance))


# -- reading an event ------------------------------------------------------------------------------

PLACEHOLDER = "[{label} — restricted]"


def placeholder(label: Label | int) -> str:
    return PLACEHOLDER.format(label=Label(label).name)


@dataclass(frozen=True)
class FieldChange:
    name: str
    before: Any
    after: Any
    label: Label
    shown: bool
    # True for a key that is a value rather than a before and after (`{"owner": 4}`).
    single: bool = False


@dataclass(frozen=True)
class ProjectedEvent:
    """An audit event as one reader may read it. Who, when and what kind of change always
    show; the record's name and each field's values only where the door admits the reader."""

    at: Any
    actor_name: str
    verb: str
    object_type: str
    object_id: str
    summary: str
    summary_shown: bool
    changes: tuple[FieldChange, ...]

    @property
    def restricted(self) -> bool:
        return not self.summary_shown or any(not change.shown for change in self.changes)


def _entry(name: str, stored: Any, viewer: Viewer) -> FieldChange:
    if isinstance(stored, dict) and "label" in stored:
        fragment = Fragment.from_stored(stored)
        shown = fragment.admits(viewer)
        single = "value" in stored
        before = stored.get("value") if single else stored.get("before")
        after = None if single else stored.get("after")
    else:
        # Written before fields carried their labels: nobody but a reader cleared everywhere.
        fragment = Fragment(Label.RED)
        shown = fragment.admits(viewer)
        single = not isinstance(stored, list)
        before, after = (stored, None) if single else (stored[0], stored[-1])
    if not shown:
        before = placeholder(fragment.label)
        after = None if single else before
    return FieldChange(name, before, after, fragment.label, shown, single)


def project(event, viewer: Viewer) -> ProjectedEvent:
    summary_fragment = (
        Fragment.from_stored(event.summary_fragment)
        if event.summary_fragment
        else Fragment(Label.RED)
    )
    summary_shown = summary_fragment.admits(viewer)
    return ProjectedEvent(
        at=event.at,
        actor_name=event.actor_name,
        verb=event.verb,
        object_type=event.object_type,
        object_id=event.object_id,
        summary=event.summary if summary_shown else placeholder(summary_fragment.label),
        summary_shown=summary_shown,
        changes=tuple(
            _entry(name, stored, viewer) for name, stored in (event.changes or {}).items()
        ),
    )
