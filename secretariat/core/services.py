"""What every service shares: the error a user's bad input raises, model validation turned into
that error, and the actor rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


class ServiceError(ValidationError):
    """Bad input to a service: the message names the field and what is wrong with it."""


class StaleVersion(ServiceError):
    """A save made from a version of the record that is no longer the current one.

    Carries what the record holds now (`current`, field -> value, and `version`), so that the
    writer can show the other change beside its own instead of overwriting it."""

    def __init__(self, *, model: str, expected: int, version: int, current: dict):
        self.model = model
        self.expected = expected
        self.version = version
        self.current = current
        super().__init__(
            {
                "version": (
                    f"This {model} was changed by someone else since you opened it "
                    f"(you had version {expected}, it is now version {version}); "
                    "nothing was saved."
                )
            },
            code="stale_version",
        )


@dataclass(frozen=True)
class SystemActor:
    """A writer that is not a person: the demo loader, the archive generator, an import, a
    migration. Audit events name it as `system:<name>`."""

    name: str
    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return f"system:{self.name}"


DEMO_LOADER = SystemActor("demo")
GENERATOR = SystemActor("generator")
IMPORTER = SystemActor("import")
MIGRATION = SystemActor("migration")


def actor_name(actor) -> str:
    """The name an audit event gives its actor; refuses a write that names none.

    Every service takes a signed-in user or a named system actor: `actor=None`, an anonymous
    user or anything else is refused, so no audit event is left without a name."""
    if isinstance(actor, SystemActor):
        return str(actor)
    if actor is not None and getattr(actor, "is_authenticated", False) and actor.pk is not None:
        return actor.get_username()
    raise ServiceError(
        {"actor": "Every change needs an actor: a signed-in user or a named system actor."},
        code="no_actor",
    )


def validated_save(
    instance: models.Model, *, exclude: Iterable[str] = (), unique: bool = True
) -> None:
    """Check every field's value by the shared input rules, then run the model's own validation,
    and turn its errors into one service error.

    `unique=False` leaves uniqueness to a service that checks it with its own message and saves
    with `save_or_refuse`, so that a writer who wins the race in between meets that message too."""
    from secretariat.core.validation import check_instance

    check_instance(instance)
    try:
        instance.full_clean(
            exclude=list(exclude), validate_unique=unique, validate_constraints=unique
        )
    except ValidationError as error:
        raise ServiceError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from None


def save_or_refuse(instance: models.Model, *, field: str, message: str, **save_kwargs) -> None:
    """Save `instance`, turning a unique constraint lost to a concurrent writer into the same
    ServiceError the service's own check gives when it sees the other row first.

    On PostgreSQL two requests can both pass the service's check and then race to insert; the
    loser meets an IntegrityError. The savepoint keeps the caller's transaction usable."""
    from django.db import IntegrityError, transaction

    try:
        with transaction.atomic():
            instance.save(**save_kwargs)
    except IntegrityError:
        raise ServiceError({field: message}, code="taken") from None
