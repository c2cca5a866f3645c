"""Every write to the change register. Each service checks its input (a bad value is a
ServiceError naming the field), runs in one transaction and ends with an audit event; the
officers' pages, the demo and the archive generator call these."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.audit.services import apply_changes, audit_record
from secretariat.changes.models import (
    REFERENCE,
    Change,
    ChangeLink,
    InputRequest,
    Path,
    Release,
    Stage,
    StageEntry,
    Vote,
)
from secretariat.core.inputs import (
    optional_date,
    require_choice,
    require_count,
    require_date,
    require_text,
)
from secretariat.core.services import ServiceError, actor_name, validated_save
from secretariat.directory.models import Body, Organisation, PartyCategory
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem

LABEL_FIELDS = ("label", "title_label", "summary_label", "proposer_label", "decision_label")
CHANGE_FIELDS = {
    "title",
    "summary",
    "proposer",
    "path",
    "release",
    "implementation_date",
    *LABEL_FIELDS,
}


def normal_reference(reference) -> str:
    text = str(reference or "").strip().upper().replace(" ", "")
    if not REFERENCE.match(text):
        raise ServiceError(
            {"reference": f"{reference!r} is not a change reference: DP075, MP123 or SECMP0037."}
        )
    return text


def _labels(values: dict) -> dict:
    return {
        field: Label.parse(values[field], field=field) for field in LABEL_FIELDS if field in values
    }


def _check_links(values: dict) -> None:
    if values.get("proposer") is not None and not isinstance(values["proposer"], Organisation):
        raise ServiceError({"proposer": "Choose an organisation of the directory."})
    if values.get("path") is not None and not isinstance(values["path"], Path):
        raise ServiceError({"path": "Choose a path of the vocabulary."})
    if values.get("release") is not None and not isinstance(values["release"], Release):
        raise ServiceError({"release": "Choose a SEC Release."})


@transaction.atomic
def change_raise(
    *,
    actor,
    reference: str,
    title: str,
    raised_on: dt.date,
    proposer: Organisation | None = None,
    summary: str = "",
    demo_title: bool = False,
    **labels,
) -> Change:
    """Record a new Draft Proposal (DPnnn) or Modification Proposal (MPnnn, SECMPnnnn)."""
    actor_name(actor)
    reference = normal_reference(reference)
    if Change.objects.filter(reference=reference).exists():
        raise ServiceError({"reference": f"{reference} is already in the register."})
    _check_links({"proposer": proposer})
    change = Change(
        reference=reference,
        kind=Change.Kind.DRAFT if reference.startswith("DP") else Change.Kind.MODIFICATION,
        title=require_text(title, "title", max_length=300),
        summary=(summary or "").strip(),
        proposer=proposer,
        raised_on=require_date(raised_on, "raised_on"),
        demo_title=demo_title,
        **_labels(labels),
    )
    validated_save(change)
    change.save()
    audit_record(actor=actor, verb="change.raise", obj=change, summary=f"Raised {change}")
    return change


@transaction.atomic
def change_update(*, actor, change: Change, **changes) -> dict:
    changes.update(_labels(changes))
    if "title" in changes:
        changes["title"] = require_text(changes["title"], "title", max_length=300)
    if "implementation_date" in changes:
        changes["implementation_date"] = optional_date(
            changes["implementation_date"], "implementation_date"
        )
    _check_links(changes)
    return apply_changes(
        actor=actor, instance=change, changes=changes, verb="change.update", allowed=CHANGE_FIELDS
    )


@transaction.atomic
def change_convert(
    *, actor, draft: Change, reference: str, converted_on: dt.date, title: str = ""
) -> Change:
    """A Draft Proposal becomes a Modification Proposal: a new record, the DP pointing at it, so
    that the DP's address leads to the MP."""
    if draft.kind != Change.Kind.DRAFT:
        raise ServiceError({"reference": f"{draft.reference} is not a Draft Proposal."})
    if draft.converted_to_id is not None:
        raise ServiceError({"reference": f"{draft.reference} is already converted."})
    converted_on = require_date(converted_on, "converted_on")
    if converted_on < draft.raised_on:
        raise ServiceError({"converted_on": "A proposal cannot be converted before it is raised."})
    reference = normal_reference(reference)
    if reference.startswith("DP"):
        raise ServiceError({"reference": "A Draft Proposal converts to a Modification Proposal."})
    modification = change_raise(
        actor=actor,
        reference=reference,
        title=title or draft.title,
        raised_on=converted_on,
        proposer=draft.proposer,
        summary=draft.summary,
        **{field: getattr(draft, field) for field in LABEL_FIELDS},
    )
    draft.converted_to = modification
    draft.save(update_fields=["converted_to"])
    audit_record(
        actor=actor,
        verb="change.convert",
        obj=draft,
        summary=f"{draft.reference} became {modification.reference}",
        changes={"converted_to": modification.pk},
    )
    return modification


@transaction.atomic
def stage_enter(
    *,
    actor,
    change: Change,
    stage: Stage,
    entered_on: dt.date,
    note: str = "",
    label=Label.WHITE,
) -> StageEntry:
    actor_name(actor)
    if not isinstance(stage, Stage):
        raise ServiceError({"stage": "Choose a stage of the vocabulary."})
    entered_on = require_date(entered_on, "entered_on")
    if not stage.valid_on(entered_on):
        raise ServiceError({"stage": f"‘{stage.name}’ was not a stage on {entered_on}."})
    if entered_on < change.raised_on:
        raise ServiceError({"entered_on": "A change cannot enter a stage before it is raised."})
    latest = change.stages.order_by("-entered_on").values_list("entered_on", flat=True).first()
    if latest is not None and entered_on < latest:
        raise ServiceError({"entered_on": f"The change's last stage began on {latest}."})
    entry = StageEntry(
        change=change,
        stage=stage,
        entered_on=entered_on,
        note=(note or "").strip(),
        label=Label.parse(label),
    )
    validated_save(entry)
    entry.save()
    audit_record(actor=actor, verb="change.stage", obj=entry)
    return entry


@transaction.atomic
def change_decide(*, actor, change: Change, decision: str, decided_on: dt.date) -> dict:
    """The decision, made by whoever the change's path names as decider."""
    require_choice(decision, "decision", Change.Decision)
    decided_on = require_date(decided_on, "decided_on")
    if change.kind != Change.Kind.MODIFICATION:
        raise ServiceError({"decision": "Only a Modification Proposal is decided."})
    if change.path is None and decision != Change.Decision.WITHDRAWN:
        raise ServiceError({"path": "Set the change's path first: it says who decides."})
    if decided_on < change.raised_on:
        raise ServiceError({"decided_on": "A change cannot be decided before it is raised."})
    return apply_changes(
        actor=actor,
        instance=change,
        changes={"decision": decision, "decided_on": decided_on},
        verb="change.decide",
        allowed={"decision", "decided_on"},
    )


def _item(item, field: str) -> AgendaItem | None:
    if item is not None and not isinstance(item, AgendaItem):
        raise ServiceError({field: "Choose an agenda item."})
    return item


@transaction.atomic
def input_request(
    *, actor, change: Change, body: Body, requested_on: dt.date, requested_at=None, label=None
) -> InputRequest:
    actor_name(actor)
    if not isinstance(body, Body):
        raise ServiceError({"body": "Choose a sub-committee."})
    request = InputRequest(
        change=change,
        body=body,
        requested_on=require_date(requested_on, "requested_on"),
        requested_at=_item(requested_at, "requested_at"),
        label=Label.parse(label if label is not None else change.label),
    )
    validated_save(request)
    request.save()
    audit_record(actor=actor, verb="change.input_request", obj=request)
    return request


@transaction.atomic
def input_give(
    *,
    actor,
    request: InputRequest,
    given_on: dt.date,
    response: str,
    given_at=None,
    response_label=Label.WHITE,
) -> dict:
    given_on = require_date(given_on, "given_on")
    if given_on < request.requested_on:
        raise ServiceError({"given_on": "Input cannot be given before it is asked for."})
    return apply_changes(
        actor=actor,
        instance=request,
        changes={
            "given_on": given_on,
            "response": require_text(response, "response"),
            "given_at": _item(given_at, "given_at"),
            "response_label": Label.parse(response_label, field="response_label"),
        },
        verb="change.input_give",
        allowed={"given_on", "response", "given_at", "response_label"},
    )


@transaction.atomic
def vote_record(
    *,
    actor,
    change: Change,
    solution: str,
    category: str,
    approve,
    reject,
    abstain,
    voted_on: dt.date,
    item=None,
    label=Label.WHITE,
) -> Vote:
    """One party category's Change Board vote on the Proposed or the Alternative Solution."""
    actor_name(actor)
    if change.kind != Change.Kind.MODIFICATION:
        raise ServiceError({"solution": "The Change Board votes on Modification Proposals."})
    vote = Vote(
        change=change,
        solution=require_choice(solution, "solution", Vote.Solution),
        category=require_choice(category, "category", PartyCategory),
        approve=require_count(approve, "approve"),
        reject=require_count(reject, "reject"),
        abstain=require_count(abstain, "abstain"),
        voted_on=require_date(voted_on, "voted_on"),
        item=_item(item, "item"),
        label=Label.parse(label),
    )
    if Vote.objects.filter(
        change=change, solution=solution, category=category, voted_on=vote.voted_on
    ).exists():
        raise ServiceError({"category": "This category's vote on that day is already recorded."})
    validated_save(vote)
    vote.save()
    audit_record(actor=actor, verb="change.vote", obj=vote)
    return vote


@transaction.atomic
def change_link(*, actor, change: Change, item: AgendaItem) -> ChangeLink:
    """Record that an agenda item considered a change."""
    actor_name(actor)
    _item(item, "item")
    if item is None:
        raise ServiceError({"item": "Choose an agenda item."})
    link, made = ChangeLink.objects.get_or_create(item=item, change=change)
    if made:
        audit_record(actor=actor, verb="change.link", obj=link)
    return link


@transaction.atomic
def release_create(
    *, actor, name: str, title: str, kind: str, release_date: dt.date, label=Label.WHITE
) -> Release:
    actor_name(actor)
    name = require_text(name, "name", max_length=40).lower()
    if Release.objects.filter(name=name).exists():
        raise ServiceError({"name": f"A release called {name} exists."})
    release = Release(
        name=name,
        title=require_text(title, "title", max_length=120),
        kind=require_choice(kind, "kind", Release.Kind),
        release_date=require_date(release_date, "release_date"),
        label=Label.parse(label),
    )
    validated_save(release)
    release.save()
    audit_record(actor=actor, verb="release.create", obj=release)
    return release


@transaction.atomic
def vocabulary_add(
    *, actor, kind: str, key: str, name: str, valid_from: dt.date, position: int = 0, **extra
):
    """A new stage or path (or a renaming of one from a date: the same key, a new name)."""
    actor_name(actor)
    model: type[Stage] | type[Path]
    if kind == "stage":
        model = Stage
    elif kind == "path":
        model = Path
    else:
        raise ServiceError({"kind": "A vocabulary is 'stage' or 'path'."})
    valid_from = require_date(valid_from, "valid_from")
    key = require_text(key, "key", max_length=40)
    current = model.objects.filter(key=key, valid_to__isnull=True).first()
    if current is not None:
        if valid_from <= current.valid_from:
            raise ServiceError({"valid_from": f"‘{current.name}’ is in use from that date."})
        current.valid_to = valid_from - dt.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    if kind == "path":
        extra["decider"] = require_text(extra.get("decider"), "decider", max_length=120)
    entry = model(
        key=key,
        name=require_text(name, "name", max_length=80),
        valid_from=valid_from,
        position=require_count(position, "position"),
        **extra,
    )
    validated_save(entry)
    entry.save()
    audit_record(actor=actor, verb=f"change.{kind}_add", obj=entry)
    return entry
