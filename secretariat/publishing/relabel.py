"""Raising the label of an item's fragment that published versions carried, with their
withdrawal in the same step (issue 10, item 8).

A version published while a text was WHITE keeps its audience for ever: raising the text's label
changes the live record and later versions, never what was published. So the officer who raises
it is shown the versions still standing that carry the text, and withdraws those they choose in
the same transaction as the change of label.
"""

from __future__ import annotations

import json

from django.db import transaction

from secretariat.core.services import ServiceError
from secretariat.documents.text import paragraphs
from secretariat.labels.models import Label
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.services import item_update
from secretariat.publishing.models import FrozenRecord, PublicationRecord
from secretariat.publishing.withdrawals import publication_withdraw

# The fragments of an item an officer may relabel: (text field, its label field, a name).
FRAGMENTS = {
    "title": ("title", "title_label", "Title"),
    "summary": ("summary", "summary_label", "Summary"),
    "record": ("restricted_text", "label", "Restricted record"),
    "report": ("report_text", "report_label", "Highlight for the Panel"),
}


def _fragment(name: str) -> tuple[str, str, str]:
    try:
        return FRAGMENTS[name]
    except KeyError:
        raise ServiceError(
            {"fragment": f"{name!r} is not a fragment of an item: use {', '.join(FRAGMENTS)}."}
        ) from None


def _needles(text: str) -> list[str]:
    # The documents hold a text paragraph by paragraph, as JSON strings.
    return [json.dumps(part, ensure_ascii=False)[1:-1] for part in paragraphs(text) if part]


def versions_carrying(item: AgendaItem, fragment: str) -> list[PublicationRecord]:
    """The versions of the item's meeting still standing whose frozen document (or, for a
    per-reader one, whole record) carries the fragment's text, oldest first."""
    field, _label_field, _name = _fragment(fragment)
    needles = _needles(getattr(item, field) or "")
    if not needles:
        return []
    records = list(
        PublicationRecord.objects.filter(meeting_id=item.meeting_id, withdrawal__isnull=True)
        .select_related("meeting__body")
        .order_by("kind", "number")
    )
    kept = {
        frozen.publication_id: json.dumps(frozen.record, ensure_ascii=False)
        for frozen in FrozenRecord.objects.filter(publication__in=records)
    }
    carrying = []
    for record in records:
        held = json.dumps(record.snapshot, ensure_ascii=False) + kept.get(record.pk, "")
        if any(needle in held for needle in needles):
            carrying.append(record)
    return carrying


def fragment_label_raise(
    *,
    actor,
    item: AgendaItem,
    fragment: str,
    label,
    version,
    withdraw=(),
    reason: str = "",
    reason_label=None,
) -> list:
    """Raise one fragment's label and withdraw the chosen versions that carried it, all or
    nothing. `withdraw`: ledger rows (or their ids) among `versions_carrying(item, fragment)`."""
    if not isinstance(item, AgendaItem):
        raise ServiceError({"item": "Choose the agenda item whose fragment is relabelled."})
    _field, label_field, name = _fragment(fragment)
    new = Label.parse(label)
    current = Label(getattr(item, label_field))
    if new <= current:
        raise ServiceError(
            {"label": f"The {name.lower()} is {current.name}: raise it above that, or edit it."}
        )
    carrying = {record.pk: record for record in versions_carrying(item, fragment)}
    chosen = []
    for wanted in withdraw or ():
        pk = getattr(wanted, "pk", wanted)
        try:
            chosen.append(carrying[int(pk)])
        except (KeyError, TypeError, ValueError):
            raise ServiceError(
                {"withdraw": f"{wanted!r} is not a version still standing that carries it."}
            ) from None
    with transaction.atomic():
        item_update(actor=actor, item=item, version=version, **{label_field: new})
        return [
            publication_withdraw(
                actor=actor, record=record, reason=reason, reason_label=reason_label
            )
            for record in chosen
        ]
