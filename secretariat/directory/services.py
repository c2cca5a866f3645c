"""Every write to the directory: bodies, organisations, people, accounts, memberships."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from secretariat.audit.services import UNVERSIONED, apply_changes, audit_record
from secretariat.core.services import ServiceError, validated_save
from secretariat.core.validation import checks
from secretariat.directory.models import (
    Body,
    Membership,
    Organisation,
    PartyCategory,
    Person,
    Role,
    default_term_end,
    pseudonym_after,
    pseudonym_key,
)
from secretariat.labels.models import Label


@checks(Body)
@transaction.atomic
def body_create(
    *,
    actor,
    code: str,
    name: str,
    parent: Body | None = None,
    cadence: str = "monthly",
    short_name: str = "",
    position: int = 0,
) -> Body:
    code = code.strip().upper()
    if not code or not code.replace("_", "").isalnum():
        raise ServiceError({"code": f"Body code {code!r} must be letters and digits, e.g. SSC."})
    if Body.objects.filter(code=code).exists():
        raise ServiceError({"code": f"A body with code {code} already exists."})
    body = Body(
        code=code,
        name=name,
        parent=parent,
        cadence=cadence,
        short_name=short_name,
        position=position,
    )
    validated_save(body)
    body.save()
    audit_record(actor=actor, verb="body.create", obj=body)
    return body


@checks(Body)
@transaction.atomic
def body_update(*, actor, body: Body, **changes) -> Body:
    parent = changes.get("parent")
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == body.pk:
            raise ServiceError(
                {"parent": "A body cannot sit under itself or one of its own sub-groups."}
            )
        ancestor = ancestor.parent
    apply_changes(
        actor=actor,
        instance=body,
        changes=changes,
        verb="body.update",
        allowed={"name", "short_name", "parent", "cadence", "position"},
    )
    return body


def next_pseudonym(category: str) -> str:
    taken = (
        Organisation.objects.filter(category=category)
        .exclude(pseudonym="")
        .values_list("pseudonym", flat=True)
    )
    last = max(taken, key=pseudonym_key, default="")
    return pseudonym_after(last)


@checks(Organisation)
@transaction.atomic
def organisation_create(
    *, actor, name: str, category: str, pseudonym: str = "", name_label=Label.RED
) -> Organisation:
    """An organisation with a pseudonym stable within its category; the next free one if none is
    given."""
    if category not in PartyCategory.values:
        raise ServiceError({"category": f"{category!r} is not a party category."})
    pseudonym = pseudonym.strip().upper() or next_pseudonym(category)
    if not pseudonym.isalpha():
        raise ServiceError(
            {"pseudonym": f"Pseudonym {pseudonym!r} must be capital letters, e.g. 'AA'."}
        )
    if Organisation.objects.filter(category=category, pseudonym=pseudonym).exists():
        label = PartyCategory(category).label
        raise ServiceError({"pseudonym": f"{label} '{pseudonym}' is already taken."})
    organisation = Organisation(
        name=name.strip(),
        category=category,
        pseudonym=pseudonym,
        name_label=Label.parse(name_label, field="name_label"),
    )
    validated_save(organisation)
    organisation.save()
    audit_record(actor=actor, verb="organisation.create", obj=organisation)
    return organisation


@checks(Organisation)
@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, **changes) -> Organisation:
    if "pseudonym" in changes and changes["pseudonym"] != organisation.pseudonym:
        raise ServiceError({"pseudonym": "A pseudonym is stable: it cannot be changed once given."})
    if "name_label" in changes:
        changes["name_label"] = Label.parse(changes["name_label"], field="name_label")
    apply_changes(
        actor=actor,
        instance=organisation,
        changes=changes,
        verb="organisation.update",
        allowed={"name", "name_label", "category", "pseudonym"},
    )
    return organisation


@checks(Person)
@transaction.atomic
def person_create(
    *,
    actor,
    full_name: str,
    email: str = "",
    organisation: Organisation | None = None,
    username: str = "",
    password: str | None = None,
    is_demo: bool = False,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> Person:
    """A person, with a user account when a username is given."""
    full_name = full_name.strip()
    if not full_name:
        raise ServiceError({"full_name": "A person needs a name."})
    user = None
    if username:
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise ServiceError({"username": f"The username {username!r} is taken."})
        user = User(
            username=username,
            email=email,
            is_staff=is_staff or is_superuser,
            is_superuser=is_superuser,
        )
        if password:
            if not is_demo:
                # The site's password rules (settings.AUTH_PASSWORD_VALIDATORS); demo accounts
                # keep their well-known password, as they sign in on loopback only.
                try:
                    validate_password(password, user)
                except DjangoValidationError as error:
                    raise ServiceError({"password": error.messages}) from None
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    person = Person(
        full_name=full_name, email=email, organisation=organisation, user=user, is_demo=is_demo
    )
    validated_save(person, exclude=["user"])
    person.save()
    audit_record(actor=actor, verb="person.create", obj=person)
    return person


@checks(Person)
@transaction.atomic
def person_update(*, actor, person: Person, **changes) -> Person:
    apply_changes(
        actor=actor,
        instance=person,
        changes=changes,
        verb="person.update",
        allowed={"full_name", "email", "organisation"},
    )
    return person


@checks(Membership)
@transaction.atomic
def membership_create(
    *,
    actor,
    person: Person,
    body: Body,
    role: str,
    term_start: dt.date,
    term_end: dt.date | None = None,
    seat: str = "",
    standard_term: bool = True,
) -> Membership:
    if not isinstance(person, Person):
        raise ServiceError({"person": "A membership belongs to a person of the directory."})
    if role not in Role.values:
        raise ServiceError(
            {"role": f"{role!r} is not a role: use one of {', '.join(Role.values)}."}
        )
    if term_end is None and standard_term and role != Role.SECRETARIAT:
        term_end = default_term_end(term_start)
    if term_end is not None and term_end < term_start:
        raise ServiceError({"term_end": "The term cannot end before it starts."})
    overlapping = (
        Membership.objects.filter(person=person, body=body, role=role)
        .filter(term_start__lte=term_end or dt.date.max)
        .exclude(term_end__lt=term_start)
    )
    if overlapping.exists():
        raise ServiceError(
            {"term_start": f"{person} already holds that role on {body.code} in this term."}
        )
    membership = Membership(
        person=person, body=body, role=role, seat=seat, term_start=term_start, term_end=term_end
    )
    validated_save(membership)
    membership.save()
    audit_record(actor=actor, verb="membership.create", obj=membership)
    return membership


@checks(Membership)
@transaction.atomic
def membership_update(
    *, actor, membership: Membership, version=UNVERSIONED, **changes
) -> Membership:
    """Change a membership; `version` is the one the writer edited (a stale one is refused)."""
    start = changes.get("term_start", membership.term_start)
    end = changes.get("term_end", membership.term_end)
    if end is not None and end < start:
        raise ServiceError({"term_end": "The term cannot end before it starts."})
    apply_changes(
        actor=actor,
        instance=membership,
        changes=changes,
        verb="membership.update",
        allowed={"role", "seat", "term_start", "term_end"},
        version=version,
    )
    return membership


# The apps whose records officers keep in the back office. Accounts (auth) stay with the
# superusers; the audit log and the ledgers are read there, never written.
BACK_OFFICE_APPS = (
    "directory",
    "meetings",
    "actions",
    "publishing",
    "assurance",
    "reports",
    "workspace",
    "documents",
    "audit",
)
BACK_OFFICE_GROUP = "Secretariat officers"


@transaction.atomic
def back_office_grant(*, actor, person: Person) -> Person:
    """Give a person's account the back office as the secretariat keeps it: staff, in the
    officers' group (view, add and change the project's records; delete nothing), and no
    superuser. What they then see there is still what the door lets them read."""
    from django.contrib.auth.models import Group, Permission

    user = person.user
    if user is None:
        raise ServiceError({"person": f"{person} has no account to give the back office to."})
    group, _ = Group.objects.get_or_create(name=BACK_OFFICE_GROUP)
    wanted = Permission.objects.filter(content_type__app_label__in=BACK_OFFICE_APPS).exclude(
        codename__startswith="delete_"
    )
    group.permissions.add(*wanted)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(group)
    audit_record(actor=actor, verb="person.back_office_grant", obj=person)
    return person
