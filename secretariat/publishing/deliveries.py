"""Recorded reads of per-reader publications: one `Delivery` row for each copy a reader
receives. Its own append-only table, written in autocommit outside any other transaction: a GET
never writes to the chained audit log nor waits on its head lock."""

from __future__ import annotations

from django.utils import timezone

from secretariat.core.services import ServiceError
from secretariat.documents.labelled import Projected
from secretariat.publishing import frozen
from secretariat.publishing.models import Delivery, PublicationRecord


def delivery_record(*, actor, publication: PublicationRecord, projected: Projected, fmt: str):
    """Record one reader's copy of a per-reader publication. Its own table, not the audit log:
    a delivery is a fact about the document, and there is one for every read."""
    if not getattr(actor, "is_authenticated", False):
        raise ServiceError({"actor": "A per-reader document is delivered to a signed-in reader."})
    return Delivery.objects.create(
        publication=publication,
        reader=actor,
        format=fmt,
        label=projected.label,
        projection_hash=frozen.projection_hash(projected),
        delivered_at=timezone.now(),
    )
