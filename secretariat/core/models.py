"""Append-only models: rows written once and never changed or deleted through the ORM."""

from __future__ import annotations

from django.db import models


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a record that may only be added to."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} records cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} records cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A model whose rows are written once and never changed or deleted through the ORM."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} records cannot be deleted.")


class Generation(models.Model):
    """The database's generation: one row that names the state of every table a cached page
    may depend on (core/generation.py keeps it, with triggers on those tables)."""

    # SQLite: a count and a random token, both set by every row written. PostgreSQL: the count
    # and the sum (modulo 2**62) of the random tokens of the statements logged in GenerationLog
    # before they were folded in here.
    n = models.BigIntegerField(default=0)
    token = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"generation {self.n}"


class GenerationLog(models.Model):
    """On PostgreSQL, one row a statement that wrote: inserting never waits for another
    transaction, so no writer queues behind another for the generation."""

    txid = models.BigIntegerField()
    token = models.BigIntegerField()

    def __str__(self) -> str:
        return f"transaction {self.txid}"
