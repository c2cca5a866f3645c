"""The door to the change register.

Who may read a change record: at WHITE anyone; at GREEN the community; at AMBER and RED the
secretariat and the proposer's own users (a change belongs to no body's membership: it is the
SEC's, proposed by a party). Each restricted text of a record (title, summary, proposer,
decision, a stage note, a sub-committee's response, a vote) has its own label, asked of the same
scope with `Reader.admits`. A change the reader may not see answers 404; so does a release.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from secretariat.changes.models import (
    Change,
    ChangeLink,
    InputRequest,
    Release,
    StageEntry,
    Vote,
)
from secretariat.directory.access import party_name
from secretariat.labels.access import Reader, Scope, Viewer
from secretariat.labels.models import Label
from secretariat.meetings.access import item_q


def change_scope(change: Change) -> Scope:
    return Scope(organisation_id=change.proposer_id, secretariat_reads_red=True)


def admits(viewer: Viewer, label, change: Change) -> bool:
    """Whether one text of a change, at `label`, reaches the viewer."""
    return viewer.admits(Label(label), change_scope(change))


def visible_changes(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Change.objects.all() if queryset is None else queryset
    return queryset.filter(
        reader.q(label="label", organisation="proposer_id", secretariat_reads_red=True)
    )


def visible_releases(reader: Reader, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Release.objects.all() if queryset is None else queryset
    return queryset.filter(reader.q(label="label", secretariat_reads_red=True))


def _row_labels(reader: Reader, model) -> QuerySet:
    """A change's own rows (stages, inputs, votes) at their own labels, in the change's scope."""
    return model.objects.filter(
        reader.q(label="label", organisation="change__proposer_id", secretariat_reads_red=True)
    )


def change_detail_queryset(reader: Reader) -> QuerySet:
    return visible_changes(
        reader,
        Change.objects.select_related(
            "proposer", "path", "release", "converted_to", "converted_from"
        ).prefetch_related(
            Prefetch(
                "stages",
                queryset=_row_labels(reader, StageEntry)
                .select_related("stage")
                .order_by("entered_on", "id"),
            ),
            Prefetch(
                "input_requests",
                queryset=_row_labels(reader, InputRequest).select_related(
                    "body", "requested_at__meeting", "given_at__meeting"
                ),
            ),
            Prefetch(
                "votes",
                queryset=_row_labels(reader, Vote).select_related("item__meeting"),
            ),
            Prefetch(
                "agenda_links",
                queryset=ChangeLink.objects.filter(
                    item_q(reader, "item", label="title_label")
                ).select_related("item__meeting__body"),
            ),
        ),
    )


def get_change_or_404(reader: Reader, reference: str) -> Change:
    change = change_detail_queryset(reader).filter(reference__iexact=reference).first()
    if change is None:
        raise Http404("No such change.")
    return change


def get_release_or_404(reader: Reader, name: str) -> Release:
    release = visible_releases(reader).filter(name=name).first()
    if release is None:
        raise Http404("No such release.")
    return release


def proposer_name(reader: Reader, change: Change) -> str:
    """The proposer as the reader may name it: its real name or pseudonym, if the proposer's
    label admits the reader at all."""
    if change.proposer is None or not admits(reader, change.proposer_label, change):
        return ""
    return party_name(reader, change.proposer)


def title_for(reader: Viewer, change: Change) -> str:
    return change.title if admits(reader, change.title_label, change) else ""
