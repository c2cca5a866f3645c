"""The change register in JSON, through the same door as its pages: a text the reader may not see
is empty, a record they may not see is not there."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from secretariat.changes import access
from secretariat.changes.models import Change
from secretariat.labels.models import Label

router = Router()


class StageOut(Schema):
    stage: str
    entered_on: dt.date


class VoteOut(Schema):
    solution: str
    category: str
    approve: int
    reject: int
    abstain: int
    voted_on: dt.date


class ChangeOut(Schema):
    reference: str
    kind: str
    title: str
    raised_on: dt.date
    proposer: str
    path: str
    decider: str
    release: str
    decision: str
    implementation_date: dt.date | None
    converted_to: str
    label: str
    stages: list[StageOut]
    votes: list[VoteOut]


class ReleaseOut(Schema):
    name: str
    title: str
    kind: str
    release_date: dt.date
    changes: list[str]


def _out(reader, change: Change, *, detail: bool) -> ChangeOut:
    shown = access.admits(reader, change.decision_label, change)
    return ChangeOut(
        reference=change.reference,
        kind=change.kind,
        title=access.title_for(reader, change),
        raised_on=change.raised_on,
        proposer=access.proposer_name(reader, change),
        path=change.path.name if change.path else "",
        decider=change.decider,
        release=change.release.name if change.release else "",
        decision=change.decision if shown else "",
        implementation_date=change.implementation_date,
        converted_to=change.converted_to.reference if change.converted_to else "",
        label=Label(change.label).name,
        stages=[StageOut(stage=s.stage.name, entered_on=s.entered_on) for s in change.stages.all()],
        votes=[
            VoteOut(
                solution=v.solution,
                category=v.category,
                approve=v.approve,
                reject=v.reject,
                abstain=v.abstain,
                voted_on=v.voted_on,
            )
            for v in change.votes.all()
        ]
        if detail
        else [],
    )


@router.get("", response=list[ChangeOut], url_name="changes")
def list_changes(request, kind: str | None = None, limit: int = 100):
    """The changes the reader may know of, newest first (at most `limit`, up to 500)."""
    queryset = access.change_detail_queryset(request.reader).order_by("-raised_on", "reference")
    if kind:
        queryset = queryset.filter(kind=kind.lower())
    return [
        _out(request.reader, change, detail=False) for change in queryset[: max(1, min(limit, 500))]
    ]


@router.get("/releases/{name}", response=ReleaseOut, url_name="release")
def release(request, name: str):
    found = access.get_release_or_404(request.reader, name)
    changes = access.visible_changes(request.reader).filter(release=found).order_by("reference")
    return ReleaseOut(
        name=found.name,
        title=found.title,
        kind=found.kind,
        release_date=found.release_date,
        changes=list(changes.values_list("reference", flat=True)),
    )


@router.get("/{reference}", response=ChangeOut, url_name="change")
def change(request, reference: str):
    found = access.get_change_or_404(request.reader, reference)
    return _out(request.reader, found, detail=True)
