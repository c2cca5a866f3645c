"""Audit events: who changed what, when. Append-only."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from secretariat.audit.chain import ChainedModel
from secretariat.core.models import AppendOnlyModel


class ChainHead(models.Model):
    """A keyed chain's head (audit/chain.py): how many rows it has and the last one's link. The
    only mutable part of the chains, kept apart so that the chained tables are never updated;
    `verify` checks it against the rows, and the public feed publishes the ledger's."""

    name = models.CharField(max_length=100, primary_key=True)
    count = models.PositiveBigIntegerField(default=0)
    link = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.count} rows"


class AuditEvent(ChainedModel):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The actor as written at the time: a username, or `system:<name>` for a system actor.
    actor_name = models.CharField(max_length=150)
    # Set before the row is written (not auto_now_add, which sets it while saving), so that the
    # chain's digest covers it.
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    verb = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    # {name: {"before", "after" (or "value"), "label", "scopes"}}: each field's values with the
    # label and scope that decide, when read, who may see them (audit.labelling.project).
    changes = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    # The label and scopes of `summary` (the record's name at the time), stored the same way.
    summary_fragment = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.summary}"

    def raw_changes(self) -> dict:
        """The values without their labels, `{key: value}` or `{field: [before, after]}`: for
        the services and checks that need them. Never shown to a reader: pages read an event
        through `audit.labelling.project`."""
        raw = {}
        for key, stored in (self.changes or {}).items():
            if isinstance(stored, dict) and "label" in stored:
                raw[key] = (
                    stored["value"] if "value" in stored else [stored["before"], stored["after"]]
                )
            else:
                raw[key] = stored
        return raw


class Elevation(models.Model):
    """A superuser's break-glass: for a stated reason and a limited time, the door admits them to
    everything. Started and ended through `audit.elevation`; each request made under it leaves an
    `ElevatedRead`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="elevations"
    )
    reason = models.TextField()
    started_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["user", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.user} from {self.started_at:%Y-%m-%d %H:%M}: {self.reason[:60]}"


class ElevatedRead(AppendOnlyModel):
    """One request made under an elevation, with every record it loaded."""

    elevation = models.ForeignKey(Elevation, on_delete=models.PROTECT, related_name="reads")
    at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=2000)
    status = models.PositiveSmallIntegerField()
    # ["app.model:pk", ...], in the order first loaded; `record_count` counts them all even when
    # the list is cut short.
    records = models.JSONField(default=list)
    record_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.method} {self.path} ({self.record_count} records)"
