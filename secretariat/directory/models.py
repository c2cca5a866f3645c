"""Bodies, organisations (SEC Parties) with their pseudonyms, people and memberships."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from secretariat.labels.access import covers
from secretariat.labels.models import Label, LabelField


class Cadence(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    TWICE_MONTHLY = "twice_monthly", "Twice a month"
    QUARTERLY = "quarterly", "Quarterly"
    AS_NEEDED = "as_needed", "As needed"


class Body(models.Model):
    """The Panel, a sub-committee or a sub-group. Bodies form a tree under the Panel."""

    code = models.CharField(
        max_length=16,
        unique=True,
        help_text="Used in meeting references and addresses, e.g. SSC for SSC_72_2702.",
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    cadence = models.CharField(max_length=16, choices=Cadence.choices, default=Cadence.MONTHLY)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return f"{self.name} ({self.display_code})"

    @property
    def display_code(self) -> str:
        return self.short_name or self.code


class PartyCategory(models.TextChoices):
    LARGE_SUPPLIER = "large_supplier", "Large Supplier"
    SMALL_SUPPLIER = "small_supplier", "Small Supplier"
    ELECTRICITY_NETWORK = "electricity_network", "Electricity Network Party"
    GAS_NETWORK = "gas_network", "Gas Network Party"
    OTHER_USER = "other_user", "Other User"
    SHARED_RESOURCE_PROVIDER = "shared_resource_provider", "Shared Resource Provider"
    DCC = "dcc", "DCC"
    CODE_ADMINISTRATOR = "code_administrator", "Code Administrator and Secretariat"
    OTHER = "other", "Other organisation"


SEC_PARTY_CATEGORIES = {
    PartyCategory.LARGE_SUPPLIER,
    PartyCategory.SMALL_SUPPLIER,
    PartyCategory.ELECTRICITY_NETWORK,
    PartyCategory.GAS_NETWORK,
    PartyCategory.OTHER_USER,
    PartyCategory.SHARED_RESOURCE_PROVIDER,
    PartyCategory.DCC,
}


def pseudonym_after(code: str) -> str:
    """The next pseudonym in the sequence A..Z, AA..AZ, BA.. ."""
    if not code:
        return "A"
    letters = list(code)
    index = len(letters) - 1
    while index >= 0:
        if letters[index] != "Z":
            letters[index] = chr(ord(letters[index]) + 1)
            return "".join(letters)
        letters[index] = "A"
        index -= 1
    return "A" + "".join(letters)


def pseudonym_key(code: str) -> tuple[int, str]:
    return (len(code), code)


class Organisation(models.Model):
    """An SEC Party or another organisation. Its real name is labelled; public outputs use the
    pseudonym, which is stable within its category (Small Supplier 'AA')."""

    # Blank where only the pseudonym is known (an imported party): an officer fills it in.
    name = models.CharField("real name", max_length=200, blank=True)
    name_label = LabelField(
        default=Label.RED, help_text="Who may read the real name beyond the organisation itself."
    )
    category = models.CharField(max_length=32, choices=PartyCategory.choices)
    pseudonym = models.CharField(max_length=8, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "pseudonym", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "pseudonym"],
                condition=~models.Q(pseudonym=""),
                name="unique_pseudonym_per_category",
            )
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name every output may carry: the pseudonym where there is one."""
        if self.pseudonym:
            return f"{self.get_category_display()} '{self.pseudonym}'"
        return self.get_category_display()

    @property
    def is_sec_party(self) -> bool:
        return self.category in SEC_PARTY_CATEGORIES


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    is_demo = models.BooleanField(
        default=False,
        help_text="A demo account: may sign in only while the server listens on loopback.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name


class Role(models.TextChoices):
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"
    ALTERNATE = "alternate", "Alternate"
    OBSERVER = "observer", "Observer"
    SECRETARIAT = "secretariat", "Secretariat"


# Roles whose holders count as members of the body for AMBER material.
MEMBER_ROLES = (Role.CHAIR, Role.MEMBER, Role.ALTERNATE)


class SeatCategory(models.TextChoices):
    LARGE_SUPPLIER = "large_supplier", "Large Supplier"
    SMALL_SUPPLIER = "small_supplier", "Small Supplier"
    ELECTRICITY_NETWORK = "electricity_network", "Electricity Network Party"
    GAS_NETWORK = "gas_network", "Gas Network Party"
    OTHER_USER = "other_user", "Other User"
    SHARED_RESOURCE_PROVIDER = "shared_resource_provider", "Shared Resource Provider"
    TABASC = "tabasc", "TABASC representative"
    DCC = "dcc", "DCC"
    INDEPENDENT = "independent", "Independent"
    NONE = "", "No seat"


TERM_MONTHS = 24


def default_term_end(start: dt.date) -> dt.date:
    """The last day of a standard 24-month term starting on `start`."""
    month = start.month - 1 + TERM_MONTHS
    year, month = start.year + month // 12, month % 12 + 1
    day = min(start.day, 28)
    return dt.date(year, month, day) - dt.timedelta(days=1)


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)
    seat = models.CharField(max_length=32, choices=SeatCategory.choices, blank=True)
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True, help_text="Empty for an open-ended term.")
    # Bumped by the services on every change: a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body__position", "role", "person__full_name"]
        indexes = [models.Index(fields=["person", "body"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}, {self.body.display_code}"

    def covers(self, day: dt.date) -> bool:
        return covers(self.term_start, self.term_end, day)
