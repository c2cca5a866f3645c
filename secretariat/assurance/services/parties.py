"""Writes about parties as Users: their User Roles and portfolio snapshots."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.assurance.models import PartyRole, PortfolioSnapshot, UserRole
from secretariat.audit.services import audit_record
from secretariat.core.services import ServiceError, validated_save
from secretariat.core.validation import checks
from secretariat.directory.models import Organisation, PartyCategory


def require_party(organisation, field: str = "organisation") -> Organisation:
    if not isinstance(organisation, Organisation):
        raise ServiceError({field: "Choose an organisation of the directory."})
    if not organisation.is_sec_party:
        raise ServiceError(
            {field: f"{organisation.public_name} is not an SEC Party, so it cannot be a User."}
        )
    return organisation


def require_date(value, field: str) -> dt.date:
    if value is None:
        raise ServiceError({field: "A date is needed here."})
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ServiceError({field: f"{value!r} is not a date."})
    return value


def optional_date(value, field: str) -> dt.date | None:
    return None if value is None else require_date(value, field)


@checks(PartyRole)
@transaction.atomic
def party_role_add(
    *, actor, organisation, role: str, since: dt.date, until: dt.date | None = None
) -> PartyRole:
    require_party(organisation)
    if role not in UserRole.values:
        raise ServiceError(
            {"role": f"{role!r} is not a User Role: use one of {', '.join(UserRole.labels)}."}
        )
    since = require_date(since, "since")
    until = optional_date(until, "until")
    if until is not None and until < since:
        raise ServiceError({"until": "A role cannot end before it starts."})
    overlapping = (
        PartyRole.objects.filter(organisation=organisation, role=role)
        .filter(since__lte=until or dt.date.max)
        .exclude(until__lt=since)
    )
    if overlapping.exists():
        raise ServiceError(
            {
                "since": f"{organisation.public_name} already holds the role "
                f"{UserRole(role).label} in that period."
            }
        )
    party_role = PartyRole(organisation=organisation, role=role, since=since, until=until)
    validated_save(party_role)
    party_role.save()
    audit_record(actor=actor, verb="assurance.party_role.add", obj=party_role)
    return party_role


@checks(PortfolioSnapshot)
@transaction.atomic
def portfolio_record(
    *,
    actor,
    organisation,
    as_of: dt.date,
    domestic_premises: int = 0,
    non_domestic_premises: int = 0,
    smets1_meters: int = 0,
    smets2_meters: int = 0,
    uses_shared_resource_provider: bool = False,
    shared_resource_provider: Organisation | None = None,
) -> PortfolioSnapshot:
    """A dated snapshot of what the party serves; earlier snapshots stay as they were."""
    require_party(organisation)
    as_of = require_date(as_of, "as_of")
    for field, value in (
        ("domestic_premises", domestic_premises),
        ("non_domestic_premises", non_domestic_premises),
        ("smets1_meters", smets1_meters),
        ("smets2_meters", smets2_meters),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ServiceError({field: f"{value!r} is not a count: use a whole number from 0."})
    if shared_resource_provider is not None:
        if not isinstance(shared_resource_provider, Organisation) or (
            shared_resource_provider.category != PartyCategory.SHARED_RESOURCE_PROVIDER
        ):
            raise ServiceError(
                {
                    "shared_resource_provider": "Choose an organisation of category Shared "
                    "Resource Provider."
                }
            )
        if not uses_shared_resource_provider:
            raise ServiceError(
                {
                    "uses_shared_resource_provider": "A provider is named, so tick that the party "
                    "uses a Shared Resource Provider."
                }
            )
    if PortfolioSnapshot.objects.filter(organisation=organisation, as_of=as_of).exists():
        raise ServiceError(
            {"as_of": f"{organisation.public_name} already has a portfolio snapshot on {as_of}."}
        )
    snapshot = PortfolioSnapshot(
        organisation=organisation,
        as_of=as_of,
        domestic_premises=domestic_premises,
        non_domestic_premises=non_domestic_premises,
        smets1_meters=smets1_meters,
        smets2_meters=smets2_meters,
        uses_shared_resource_provider=uses_shared_resource_provider,
        shared_resource_provider=shared_resource_provider,
    )
    validated_save(snapshot)
    snapshot.save()
    audit_record(actor=actor, verb="assurance.portfolio.record", obj=snapshot)
    return snapshot
