"""The writes of the officers' settings pages that no lower layer has yet: changing an outcome
verb of the vocabulary, and adding a member to a body (a new person of the directory if need
be, then the membership). Each in one transaction, audited, and versioned where it edits."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from secretariat.audit.services import apply_changes
from secretariat.core.services import ServiceError
from secretariat.directory.models import Body, Membership, Organisation, Person
from secretariat.directory.services import membership_create, person_create
from secretariat.meetings.models import OutcomeVerb


@transaction.atomic
def outcome_verb_update(*, actor, verb: OutcomeVerb, version, **changes) -> OutcomeVerb:
    """Describe a verb, or retire it (an inactive verb stays on the outcomes that used it)."""
    if "description" in changes:
        changes["description"] = (changes["description"] or "").strip()
    apply_changes(
        actor=actor,
        instance=verb,
        changes=changes,
        verb="outcome_verb.update",
        allowed={"description", "active"},
        version=version,
    )
    return verb


@transaction.atomic
def member_add(
    *,
    actor,
    body: Body,
    role: str,
    term_start: dt.date | None,
    term_end: dt.date | None = None,
    seat: str = "",
    person: Person | None = None,
    full_name: str = "",
    email: str = "",
    organisation: Organisation | None = None,
    username: str = "",
) -> Membership:
    """A seat on `body` for a person of the directory, or for a new person named here."""
    if term_start is None:
        raise ServiceError({"term_start": "Say when the term starts."})
    if person is None:
        if not (full_name or "").strip():
            raise ServiceError(
                {"person": "Choose a person of the directory, or name a new one below."}
            )
        # An account made here has no password yet: its holder sets one through sign-in.
        person = person_create(
            actor=actor,
            full_name=full_name,
            email=(email or "").strip(),
            organisation=organisation,
            username=(username or "").strip(),
        )
    return membership_create(
        actor=actor,
        person=person,
        body=body,
        role=role,
        seat=seat,
        term_start=term_start,
        term_end=term_end,
        standard_term=term_end is None and role != "secretariat",
    )
