"""The search index: a row per labelled fragment of a record, with the scope the one door asks
about, so that the door's filter is a condition of the very query that matches words.

The words themselves are indexed by the engine: on SQLite an external-content FTS5 table over
`terms` (kept in step by triggers), on PostgreSQL a generated `tsvector` column with a GIN index;
both are made by the migration, for their engine only."""

from __future__ import annotations

from django.db import models

from secretariat.labels.models import LabelField


class Entry(models.Model):
    # The record a fragment belongs to: one result per record, whichever fragments match.
    record = models.CharField(max_length=64, db_index=True, help_text="'item:42', 'change:7'.")
    kind = models.CharField(max_length=24)
    field = models.CharField(max_length=40)
    heading = models.CharField(max_length=300, help_text="The record's name, as a result shows it.")
    url = models.CharField(max_length=300)
    # Facets.
    body_id = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    # The fragment's label and scope, as `labels.access.Scope` has them.
    label = LabelField()
    date = models.DateField(null=True)
    meeting_id = models.IntegerField(null=True)
    item_id = models.IntegerField(null=True)
    organisation_id = models.IntegerField(null=True)
    person_id = models.IntegerField(null=True)
    secretariat_reads_red = models.BooleanField(default=False)
    seated_only = models.BooleanField(default=False)
    # The fragment's own text (snippets are cut from it) and its words (what is matched).
    text = models.TextField()
    terms = models.TextField()

    class Meta:
        db_table = "search_entry"
        verbose_name_plural = "entries"
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.record} {self.field}"
