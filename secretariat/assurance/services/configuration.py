"""Writes to the data officers keep: status vocabularies with their dated names, and the dated
regimes of cycle rules."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.assurance.models import (
    AssessmentKind,
    AssessmentRegime,
    Band,
    CycleRule,
    Status,
    StatusKind,
    StatusName,
)
from secretariat.assurance.services.parties import optional_date, require_date
from secretariat.audit.services import apply_changes, audit_record
from secretariat.core.services import ServiceError, validated_save
from secretariat.core.validation import checks
from secretariat.directory.models import PartyCategory


def _overlaps(queryset, valid_from: dt.date, valid_to: dt.date | None):
    return queryset.filter(valid_from__lte=valid_to or dt.date.max).exclude(valid_to__lt=valid_from)


def _check_period(valid_from, valid_to) -> tuple[dt.date, dt.date | None]:
    valid_from = require_date(valid_from, "valid_from")
    valid_to = optional_date(valid_to, "valid_to")
    if valid_to is not None and valid_to < valid_from:
        raise ServiceError({"valid_to": "The period cannot end before it starts."})
    return valid_from, valid_to


@checks(Status)
@transaction.atomic
def status_create(
    *, actor, kind: str, key: str, description: str = "", position: int | None = None
) -> Status:
    if kind not in StatusKind.values:
        raise ServiceError(
            {"kind": f"{kind!r} is not a kind of status: use assurance or compliance."}
        )
    key = key.strip().lower()
    if Status.objects.filter(kind=kind, key=key).exists():
        raise ServiceError({"key": f"There is already a {StatusKind(kind).label} keyed {key!r}."})
    if position is None:
        position = (
            max(Status.objects.filter(kind=kind).values_list("position", flat=True), default=0) + 1
        )
    status = Status(kind=kind, key=key, description=description, position=position)
    validated_save(status)
    status.save()
    audit_record(actor=actor, verb="assurance.status.create", obj=status)
    return status


@checks(Status)
@transaction.atomic
def status_update(*, actor, status: Status, **changes) -> Status:
    apply_changes(
        actor=actor,
        instance=status,
        changes=changes,
        verb="assurance.status.update",
        allowed={"description", "position"},
    )
    return status


def _check_name(status: Status, name: str, valid_from, valid_to, *, exclude=None) -> None:
    own = _overlaps(StatusName.objects.filter(status=status), valid_from, valid_to)
    if exclude is not None:
        own = own.exclude(pk=exclude.pk)
    if own.exists():
        raise ServiceError(
            {
                "valid_from": f"The status already has a name for part of that period "
                f"('{own.first().name}'): end that name first."
            }
        )
    clash = _overlaps(
        StatusName.objects.filter(status__kind=status.kind, name__iexact=name).exclude(
            status=status
        ),
        valid_from,
        valid_to,
    )
    if clash.exists():
        raise ServiceError(
            {"name": f"Another {status.get_kind_display()} is called '{name}' in that period."}
        )


@checks(StatusName)
@transaction.atomic
def status_name_add(
    *, actor, status: Status, name: str, valid_from: dt.date, valid_to: dt.date | None = None
) -> StatusName:
    """Name (or rename) a status from a date; the earlier name stays for the records before."""
    name = name.strip()
    if not name:
        raise ServiceError({"name": "A status needs a name."})
    valid_from, valid_to = _check_period(valid_from, valid_to)
    _check_name(status, name, valid_from, valid_to)
    status_name = StatusName(status=status, name=name, valid_from=valid_from, valid_to=valid_to)
    validated_save(status_name)
    status_name.save()
    audit_record(actor=actor, verb="assurance.status_name.add", obj=status_name)
    return status_name


@checks(StatusName)
@transaction.atomic
def status_name_update(*, actor, status_name: StatusName, **changes) -> StatusName:
    name = changes.get("name", status_name.name).strip()
    valid_from, valid_to = _check_period(
        changes.get("valid_from", status_name.valid_from),
        changes.get("valid_to", status_name.valid_to),
    )
    _check_name(status_name.status, name, valid_from, valid_to, exclude=status_name)
    apply_changes(
        actor=actor,
        instance=status_name,
        changes=changes,
        verb="assurance.status_name.update",
        allowed={"name", "valid_from", "valid_to"},
    )
    return status_name


REGIME_FIELDS = {
    "name",
    "valid_from",
    "valid_to",
    "domestic_threshold",
    "non_domestic_threshold",
    "combine_portfolio",
    "cycle_years",
    "interval_months",
}


def _check_regime(values: dict, *, exclude=None) -> None:
    valid_from, valid_to = _check_period(values.get("valid_from"), values.get("valid_to"))
    others = _overlaps(AssessmentRegime.objects.all(), valid_from, valid_to)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ServiceError(
            {
                "valid_from": f"'{others.first().name}' is already in force for part of that "
                "period: end it first."
            }
        )
    if not values.get("domestic_threshold"):
        raise ServiceError({"domestic_threshold": "The domestic threshold must be above 0."})
    if values.get("combine_portfolio") and not values.get("non_domestic_threshold"):
        raise ServiceError(
            {"non_domestic_threshold": "Weighing a mixed portfolio needs a non-domestic threshold."}
        )
    if not values.get("cycle_years"):
        raise ServiceError({"cycle_years": "A cycle lasts at least one year."})
    if not values.get("interval_months"):
        raise ServiceError({"interval_months": "Assessments fall due at least a month apart."})


@checks(AssessmentRegime)
@transaction.atomic
def regime_create(
    *,
    actor,
    name: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    domestic_threshold: int = 250_000,
    non_domestic_threshold: int | None = None,
    combine_portfolio: bool = False,
    cycle_years: int = 3,
    interval_months: int = 12,
) -> AssessmentRegime:
    values = {
        "name": name.strip(),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "domestic_threshold": domestic_threshold,
        "non_domestic_threshold": non_domestic_threshold,
        "combine_portfolio": combine_portfolio,
        "cycle_years": cycle_years,
        "interval_months": interval_months,
    }
    _check_regime(values)
    regime = AssessmentRegime(**values)
    validated_save(regime)
    regime.save()
    audit_record(actor=actor, verb="assurance.regime.create", obj=regime)
    return regime


@checks(AssessmentRegime)
@transaction.atomic
def regime_update(*, actor, regime: AssessmentRegime, **changes) -> AssessmentRegime:
    values = {field: changes.get(field, getattr(regime, field)) for field in REGIME_FIELDS}
    _check_regime(values, exclude=regime)
    apply_changes(
        actor=actor,
        instance=regime,
        changes=changes,
        verb="assurance.regime.update",
        allowed=REGIME_FIELDS,
    )
    return regime


def _check_rule(regime, category, band, cycle_year, kind) -> None:
    if not isinstance(regime, AssessmentRegime):
        raise ServiceError({"regime": "A rule belongs to an assessment regime."})
    if category not in PartyCategory.values:
        raise ServiceError({"category": f"{category!r} is not a party category."})
    if band not in Band.values:
        raise ServiceError({"band": f"{band!r} is not a band: use above, within or any."})
    if not isinstance(cycle_year, int) or not 1 <= cycle_year <= regime.cycle_years:
        raise ServiceError(
            {"cycle_year": f"Year {cycle_year!r} is outside the {regime.cycle_years}-year cycle."}
        )
    if kind not in AssessmentKind.values:
        raise ServiceError({"kind": f"{kind!r} is not an assessment type."})
    if cycle_year == 1 and kind != AssessmentKind.FUSA:
        raise ServiceError({"kind": "A cycle starts with a Full User Security Assessment."})
    if kind in (AssessmentKind.FOLLOW_UP, AssessmentKind.AD_HOC):
        raise ServiceError(
            {"kind": "Follow-ups and ad-hoc reviews are decided case by case, not by the cycle."}
        )


@checks(CycleRule)
@transaction.atomic
def rule_set(
    *, actor, regime: AssessmentRegime, category: str, band: str, cycle_year: int, kind: str
) -> CycleRule:
    """Say which assessment a category and band takes in a year of the regime's cycle."""
    _check_rule(regime, category, band, cycle_year, kind)
    rule = CycleRule.objects.filter(
        regime=regime, category=category, band=band, cycle_year=cycle_year
    ).first()
    if rule is not None:
        return rule_update(actor=actor, rule=rule, kind=kind)
    rule = CycleRule(regime=regime, category=category, band=band, cycle_year=cycle_year, kind=kind)
    validated_save(rule)
    rule.save()
    audit_record(actor=actor, verb="assurance.rule.set", obj=rule)
    return rule


@checks(CycleRule)
@transaction.atomic
def rule_update(*, actor, rule: CycleRule, **changes) -> CycleRule:
    values = {
        field: changes.get(field, getattr(rule, field))
        for field in ("regime", "category", "band", "cycle_year", "kind")
    }
    _check_rule(**values)
    clash = CycleRule.objects.filter(
        regime=values["regime"],
        category=values["category"],
        band=values["band"],
        cycle_year=values["cycle_year"],
    ).exclude(pk=rule.pk)
    if clash.exists():
        raise ServiceError({"cycle_year": "The regime already has a rule for that year."})
    apply_changes(
        actor=actor,
        instance=rule,
        changes=changes,
        verb="assurance.rule.update",
        allowed={"regime", "category", "band", "cycle_year", "kind"},
    )
    return rule
