"""The index in step with the records: a save or delete of an indexed record (or of one its
fragments depend on) refreshes the rows of the records concerned. Services save through the ORM,
so this hears every service's write; bulk loads (the demo, the archive generator) suspend it and
rebuild at their end. Writes that bypass the ORM's save (`QuerySet.update`) need `secretariat
reindex`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from secretariat.actions.models import Action
from secretariat.assurance.models import AgendaLink, Assessment, NonCompliance
from secretariat.directory.models import Organisation
from secretariat.meetings.models import AgendaItem, Meeting, Outcome, Paper
from secretariat.publishing.models import PublicationRecord
from secretariat.search import index, sources
from secretariat.workspace.paper_models import PaperFile

# For a saved record, the records whose fragments it changes: (kind, pks). A meeting's label is
# part of every fragment of it; an item's of its outcomes and actions; a link to an SSC item
# opens a register record to those who heard it.
Dependants = Callable[[Any], Iterable[tuple[str, Iterable[int]]]]


def _of_meeting(meeting) -> Iterable[tuple[str, Iterable[int]]]:
    yield "meeting", [meeting.pk]
    yield "item", AgendaItem.objects.filter(meeting=meeting).values_list("pk", flat=True)
    yield "outcome", Outcome.objects.filter(item__meeting=meeting).values_list("pk", flat=True)
    yield "action", Action.objects.filter(meeting=meeting).values_list("pk", flat=True)
    yield (
        "publication",
        PublicationRecord.objects.filter(meeting=meeting).values_list("pk", flat=True),
    )


def _of_item(item) -> Iterable[tuple[str, Iterable[int]]]:
    yield "item", [item.pk]
    yield "item", AgendaItem.objects.filter(parent_id=item.pk).values_list("pk", flat=True)
    yield "outcome", Outcome.objects.filter(item_id=item.pk).values_list("pk", flat=True)
    yield "action", Action.objects.filter(item_id=item.pk).values_list("pk", flat=True)


def _of_link(link) -> Iterable[tuple[str, Iterable[int]]]:
    if link.assessment_id:
        yield "assessment", [link.assessment_id]
        yield (
            "non-compliance",
            NonCompliance.objects.filter(assessment_id=link.assessment_id).values_list(
                "pk", flat=True
            ),
        )
    if link.letter_id:
        yield "letter", [link.letter_id]
    if link.notification_id:
        yield "notification", [link.notification_id]


def _of_assessment(assessment) -> Iterable[tuple[str, Iterable[int]]]:
    yield "assessment", [assessment.pk]
    yield (
        "non-compliance",
        NonCompliance.objects.filter(assessment_id=assessment.pk).values_list("pk", flat=True),
    )


DEPENDANTS: dict[Any, Dependants] = {
    Meeting: _of_meeting,
    AgendaItem: _of_item,
    Paper: lambda paper: [("paper", [paper.pk])],
    PaperFile: lambda file: [("paper", [file.paper_id])],
    AgendaLink: _of_link,
    Assessment: _of_assessment,
    Organisation: lambda organisation: [
        ("item", AgendaItem.objects.filter(party=organisation).values_list("pk", flat=True))
    ],
}


def refresh_for(instance) -> None:
    if index.suspended():
        return
    model = type(instance)
    dependants = DEPENDANTS.get(model)
    if dependants is None:
        source = sources.BY_MODEL.get(model)
        if source is None:
            return
        dependants = lambda record: [(source.kind, [record.pk])]  # noqa: E731
    wanted: dict[str, set[int]] = {}
    for kind, pks in dependants(instance):
        wanted.setdefault(kind, set()).update(pks)
    for kind, pks in wanted.items():
        index.refresh(sources.BY_KIND[kind], pks)


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        refresh_for(instance)


def _deleted(sender, instance, **kwargs) -> None:
    if index.suspended():
        return
    source = sources.BY_MODEL.get(type(instance))
    if source is not None:
        from secretariat.search.models import Entry

        Entry.objects.filter(record=source.key(instance.pk)).delete()
    if type(instance) is AgendaLink:
        refresh_for(instance)


def _distribution(sender, instance, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Paper):
        refresh_for(instance)


def connect() -> None:
    watched: set[Any] = set(DEPENDANTS) | set(sources.BY_MODEL)
    for model in watched:
        uid = f"search:{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        _distribution, sender=Paper.distribution.through, dispatch_uid="search:distribution"
    )
