"""Keyed chains: the tamper evidence of the append-only records that must stand up to someone who
can write to the database (the audit log, the publication ledger and what is appended beside it).

Each chained row carries three things, written once with the row:

* `chain_index`, its place in its table's chain (1, 2, 3, ...);
* `chain_fields`, a keyed digest of each of its fields, metadata included (dates, actors,
  publishers, hashes): HMAC(key, name + canonical bytes of the value);
* `chain_link` = HMAC(key, previous row's link + the chain's name, the index and the digests).

The key (`SECRETARIAT_CHAIN_KEY`) comes from the environment and is never stored in the database,
so whoever can write the tables but does not hold the key cannot make a changed row, a moved row
or a rewritten digest verify again. `verify` walks a chain in order and names each row that no
longer matches and what: the fields changed, a gap where rows were deleted, a row out of its
place, rows written below the application (no index). Each chain's head (its row count and last
link) is kept in `ChainHead`, for appending and for noticing deleted last rows; the head is also
published in the public Atom feed, so that a copy kept outside can catch a rewound head.

A field added to a chained model later is simply not in older rows' digests: verify compares the
fields each row recorded (and the link covers that list, so none can be dropped unnoticed)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from enum import Enum

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, router, transaction

from secretariat.core.models import AppendOnlyError, AppendOnlyModel

CHAIN_FIELDS = ("chain_index", "chain_fields", "chain_link")


def chain_key() -> bytes:
    return settings.SECRETARIAT_CHAIN_KEY.encode()


def chain_name(model) -> str:
    return model._meta.label_lower


def _canonical(value) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder
    ).encode()


def _plain(field: models.Field, value):
    """The value as the database gives it back, whatever the row was made with: a datetime in
    UTC, a JSON value after its encoder, an enumeration as its value."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return json.loads(json.dumps(value, cls=field.encoder or DjangoJSONEncoder))
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _fields(model) -> list[models.Field]:
    # The primary key is the database's to give, after the row is written: a row's identity in
    # the chain is its index.
    return [
        f for f in model._meta.concrete_fields if not f.primary_key and f.name not in CHAIN_FIELDS
    ]


def _digest(name: str, value) -> str:
    return hmac.new(
        chain_key(), name.encode() + b"\0" + _canonical(value), hashlib.sha256
    ).hexdigest()


def field_digests(row) -> dict[str, str]:
    return {
        field.name: _digest(field.name, _plain(field, field.value_from_object(row)))
        for field in _fields(type(row))
    }


def link_of(chain: str, previous: str, index: int, digests: dict[str, str]) -> str:
    payload = previous.encode() + b"\0" + _canonical([chain, index, digests])
    return hmac.new(chain_key(), payload, hashlib.sha256).hexdigest()


def _heads(name: str, head_model):
    """Every chain's head, locked in one order (so two writers appending to two chains cannot
    deadlock), creating this chain's head on its first row."""
    heads = {h.name: h for h in head_model.objects.select_for_update().order_by("name")}
    if name not in heads:
        try:
            with transaction.atomic():
                head_model.objects.create(name=name, count=0, link="")
        except IntegrityError:
            pass  # another writer made it first: locked below like the rest
        heads = {h.name: h for h in head_model.objects.select_for_update().order_by("name")}
    return heads[name]


def link_rows(rows: Sequence, *, head_model=None) -> None:
    """Give unsaved rows of one chained model their place, digests and links, in order, and move
    the chain's head past them. Call inside the transaction that writes them (`save` does; a
    `bulk_create` caller calls this first)."""
    if not rows:
        return
    if head_model is None:
        from secretariat.audit.models import ChainHead as head_model
    model = type(rows[0])
    name = chain_name(model)
    head = _heads(name, head_model)
    for row in rows:
        if type(row) is not model:
            raise TypeError("link_rows links the rows of one model at a time.")
        head.count += 1
        row.chain_index = head.count
        row.chain_fields = field_digests(row)
        row.chain_link = link_of(name, head.link, head.count, row.chain_fields)
        head.link = row.chain_link
    head.save(update_fields=["count", "link"])


class ChainedModel(AppendOnlyModel):
    """An append-only model whose rows are linked into a keyed chain as they are written."""

    chain_index = models.PositiveBigIntegerField(null=True, unique=True, editable=False)
    chain_fields = models.JSONField(default=dict, editable=False)
    chain_link = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} records cannot be changed.")
        with transaction.atomic(using=router.db_for_write(type(self))):
            link_rows([self])
            super().save(*args, **kwargs)


# -- verifying ---------------------------------------------------------------------------------


def verify(model, describe=str, *, head_model=None, rows: Iterable | None = None) -> list[str]:
    """What no longer holds in a chain, row by row: empty when every row is as it was written,
    in its place, none missing."""
    if head_model is None:
        from secretariat.audit.models import ChainHead as head_model
    name = chain_name(model)
    if rows is None:
        rows = model._base_manager.order_by(
            models.F("chain_index").asc(nulls_first=True), "pk"
        ).iterator(chunk_size=500)
    problems: list[str] = []
    expected, previous, after_gap = 1, "", False
    for row in rows:
        label = f"row {row.pk} ({describe(row)})"
        if row.chain_index is None:
            problems.append(f"{label} is not in the chain: it was written below the application")
            continue
        if row.chain_index > expected:
            missing = row.chain_index - expected
            problems.append(
                f"{missing} row(s) missing before {label}: places {expected} to "
                f"{row.chain_index - 1} of the chain were deleted"
            )
            after_gap = True
        recorded = row.chain_fields if isinstance(row.chain_fields, dict) else {}
        now = field_digests(row)
        changed = sorted(
            field for field, digest in recorded.items() if now.get(field, None) != digest
        )
        if changed:
            problems.append(f"{label}: {', '.join(changed)} changed since it was written")
        elif not after_gap and row.chain_link != link_of(name, previous, row.chain_index, recorded):
            problems.append(
                f"{label} is not where it was written in the chain (place {row.chain_index}): "
                "moved, reordered, or its record of its fields rewritten"
            )
        previous, expected, after_gap = row.chain_link, row.chain_index + 1, False
    head = head_model.objects.filter(name=name).first()
    count = expected - 1
    if head is None:
        if count:
            problems.append(f"the chain's head is missing: {count} rows have no head")
    elif head.count > count:
        problems.append(
            f"the chain's last {head.count - count} row(s) are missing: its head says "
            f"{head.count} rows, {count} are there"
        )
    elif head.count < count or head.link != previous:
        problems.append(
            f"the chain's head (row {head.count}) does not match its last row ({count}): "
            "the head was rewritten"
        )
    return problems


def head_of(model, *, head_model=None) -> tuple[int, str]:
    """(rows, last link) of a chain, as its head says: what the public feed publishes."""
    if head_model is None:
        from secretariat.audit.models import ChainHead as head_model
    head = head_model.objects.filter(name=chain_name(model)).first()
    return (head.count, head.link) if head is not None else (0, "")


def link_existing(model, head_model) -> int:
    """Link every row already written, in the order written (by id), with the key set now: for
    the migration that brings in the chains. Written with a plain update, the one time the rows
    change."""
    name = chain_name(model)
    head, _ = head_model.objects.get_or_create(name=name, defaults={"count": 0, "link": ""})
    # Carry on from the table's last linked row, not from the head: a workspace migrated back
    # past the chains and forward again keeps a head whose rows lost their links.
    last = model._base_manager.filter(chain_index__isnull=False).order_by("-chain_index").first()
    head.count, head.link = (last.chain_index, last.chain_link) if last else (0, "")
    linked = 0
    for row in model._base_manager.filter(chain_index__isnull=True).order_by("pk").iterator():
        head.count += 1
        digests = field_digests(row)
        head.link = link_of(name, head.link, head.count, digests)
        models.QuerySet(model).filter(pk=row.pk).update(
            chain_index=head.count, chain_fields=digests, chain_link=head.link
        )
        linked += 1
    head.save(update_fields=["count", "link"])
    return linked


def head_problems(model, copied: str) -> list[str]:
    """A head copied earlier (`COUNT:LINK`, as the feed publishes it) against the chain now: its
    row COUNT must still carry LINK, or the chain was rewritten since the copy was taken."""
    count_text, _, link = copied.partition(":")
    if not count_text.isdigit() or len(link) != 64:
        raise ValueError("--head: give COUNT:LINK, as the public feed publishes the head.")
    count = int(count_text)
    if count == 0:
        return []
    row = model._base_manager.filter(chain_index=count).first()
    if row is None:
        return [f"the copied head's row {count} is not in the chain any more"]
    if row.chain_link != link:
        return [f"row {row.pk} (place {count}) does not carry the copied head's link"]
    return []
