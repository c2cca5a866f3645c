from __future__ import annotations

from django.db import transaction

from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError
from secretariat.core.validation import checks
from secretariat.labels.models import Label, StockSentence


@checks(StockSentence)
@transaction.atomic
def stock_sentence_set(*, actor, kind: str, label, text: str) -> StockSentence:
    """Officers' wording for a withheld item or a classification statement."""
    if kind not in StockSentence.Kind.values:
        raise ServiceError({"kind": f"{kind!r} is not a kind of stock sentence."})
    label = Label.parse(label)
    text = text.strip()
    if not text:
        raise ServiceError({"text": "A stock sentence cannot be empty."})
    sentence, created = StockSentence.objects.update_or_create(
        kind=kind, label=label, defaults={"text": text}
    )
    audit_record(
        actor=actor,
        verb="stock_sentence.set",
        obj=sentence,
        changes={"label": label.name, "created": created},
    )
    return sentence
