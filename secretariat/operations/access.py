"""The door to the operations register.

Who may read a record: its label decides, in the scope of the body it belongs to (the OPSG for
incidents, measures and owed reports; the DQSG for its issues; the SSC for the Certified Products
List) on the record's date: WHITE anyone, GREEN the community, AMBER that body's members and the
secretariat, RED the secretariat. A record's own rows (a measure's monthly values, an issue's
reprioritisations) travel at the record's label; a device's certificates and remediation
deadlines have labels of their own. A record the reader may not see answers 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from secretariat.labels.access import Reader, Scope, Viewer
from secretariat.labels.models import Label
from secretariat.operations.models import (
    CpaCertificate,
    Device,
    Incident,
    Measure,
    Milestone,
    OwedReport,
    RemediationDeadline,
    SubGroupIssue,
)

# The date each kind of record is dated by, for a member whose term has ended.
DATES = {
    Incident: "occurred_on",
    Measure: None,
    OwedReport: "asked_on",
    SubGroupIssue: "raised_on",
    Milestone: "due_on",
    Device: "listed_on",
}


def visible(reader: Reader, model, queryset: QuerySet | None = None) -> QuerySet:
    queryset = model.objects.all() if queryset is None else queryset
    return queryset.filter(
        reader.q(label="label", body="body_id", date=DATES[model], secretariat_reads_red=True)
    )


def visible_device_rows(reader: Reader, model) -> QuerySet:
    """Certificates or remediation deadlines, each at its own label in its device's scope."""
    assert model in (CpaCertificate, RemediationDeadline)
    return model.objects.filter(
        reader.q(
            label="label",
            body="device__body_id",
            date="device__listed_on",
            secretariat_reads_red=True,
        )
    )


def scope_of(record) -> Scope:
    field = DATES.get(type(record))
    return Scope(
        body_id=record.body_id,
        date=getattr(record, field) if field else None,
        secretariat_reads_red=True,
    )


def admits(viewer: Viewer, label, record) -> bool:
    return viewer.admits(Label(label), scope_of(record))


def get_or_404(reader: Reader, model, queryset: QuerySet | None = None, **lookup):
    found = visible(reader, model, queryset).filter(**lookup).first()
    if found is None:
        raise Http404(f"No such {model._meta.verbose_name}.")
    return found
