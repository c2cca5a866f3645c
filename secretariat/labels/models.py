"""The four Traffic Light labels of the Panel Information Policy and the sentences that stand in
for what a reader may not see."""

from __future__ import annotations

from django.db import models

from secretariat.core.services import ServiceError


class Label(models.IntegerChoices):
    """Ordered: a higher value reaches fewer readers."""

    WHITE = 0, "WHITE"
    GREEN = 1, "GREEN"
    AMBER = 2, "AMBER"
    RED = 3, "RED"

    @classmethod
    def parse(cls, value: object, *, field: str = "label") -> Label:
        """A label from its name (any case, `TLP:` prefix allowed, CLEAR for WHITE) or value."""
        if isinstance(value, Label):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value in cls.values:
            return cls(value)
        if isinstance(value, str):
            name = value.strip().upper().removeprefix("TLP:").strip()
            if name == "CLEAR":
                return cls.WHITE
            if name in cls.names:
                return cls[name]
            if name.isdigit() and int(name) in cls.values:
                return cls(int(name))
        raise ServiceError(
            {field: f"{value!r} is not a label: use WHITE (or CLEAR), GREEN, AMBER or RED."},
            code="invalid_label",
        )

    @property
    def word(self) -> str:
        """The label as the seed documents write it in running text: 'White', 'Red'."""
        return self.name.capitalize()


def highest(labels) -> Label:
    """The high-water mark of some labels (WHITE for none)."""
    return Label(max((int(label) for label in labels), default=Label.WHITE))


class LabelField(models.PositiveSmallIntegerField):
    """A label stored as its rank, so that `label__lte` filters in the database."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", Label.choices)
        kwargs.setdefault("default", Label.WHITE)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return name, path, args, kwargs

    def to_python(self, value):
        if value is None or value == "":
            return value
        return Label.parse(value, field=self.name or "label")

    def from_db_value(self, value, expression, connection):
        return None if value is None else Label(value)

    def get_prep_value(self, value):
        if value is None:
            return None
        return int(Label.parse(value, field=self.name or "label"))


DEFAULT_STOCK_SENTENCES = {
    Label.GREEN: "The Agenda Item was marked as **GREEN** and therefore recorded in the Minutes.",
    Label.AMBER: (
        "The Agenda Item was marked as **AMBER** and therefore recorded in the Confidential Minutes."
    ),
    Label.RED: (
        "The Agenda Item was marked as **RED** and therefore recorded in the Confidential Minutes."
    ),
}

DEFAULT_CLASSIFICATION_STATEMENTS = {
    Label.WHITE: (
        "This document is classified as **White** in accordance with the Panel Information Policy. "
        "Information can be shared with the public and any members may publish the information, "
        "subject to copyright."
    ),
    Label.GREEN: (
        "This document is classified as **Green** in accordance with the Panel Information Policy. "
        "Information can be shared with other SEC Parties and SEC Panel members, but not made "
        "public."
    ),
    Label.AMBER: (
        "This document is classified as **Amber** in accordance with the Panel Information Policy. "
        "Recipients may only share it with the members of the body that owns it and the "
        "Secretariat."
    ),
    Label.RED: (
        "This document is classified as **Red** in accordance with the Panel Information Policy. "
        "It is for its named recipients only and must not be shared further."
    ),
}


class StockSentence(models.Model):
    """The wording that replaces withheld content or states a document's classification.

    Officers may change it; the defaults are the seed documents' wording."""

    class Kind(models.TextChoices):
        WITHHELD_ITEM = "withheld_item", "Withheld agenda item content"
        CLASSIFICATION = "classification", "Document classification statement"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    label = LabelField()
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "label"], name="unique_stock_sentence")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({Label(self.label).name})"


def all_stock_sentences() -> dict[str, dict[Label, str]]:
    """Every kind's sentences by label, officers' wording first. One query for all kinds, so a
    document that needs both the withheld-item sentences and its classification statement
    asks once."""
    found: dict[str, dict[Label, str]] = {
        StockSentence.Kind.WITHHELD_ITEM: dict(DEFAULT_STOCK_SENTENCES),
        StockSentence.Kind.CLASSIFICATION: dict(DEFAULT_CLASSIFICATION_STATEMENTS),
    }
    for kind, label, text in StockSentence.objects.values_list("kind", "label", "text"):
        found.setdefault(kind, {})[Label(label)] = text
    return found


def stock_sentences(kind: str) -> dict[Label, str]:
    """Every label's sentence of one kind, officers' wording first. One query."""
    defaults = (
        DEFAULT_STOCK_SENTENCES
        if kind == StockSentence.Kind.WITHHELD_ITEM
        else DEFAULT_CLASSIFICATION_STATEMENTS
    )
    sentences = dict(defaults)
    for label, text in StockSentence.objects.filter(kind=kind).values_list("label", "text"):
        sentences[Label(label)] = text
    return sentences
