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
