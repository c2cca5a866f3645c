"""The security assurance register: parties as Users, their assessments, the statuses the SSC
sets on them, non-compliances and remediation, Director's Letters, notifications of further User
Systems, and the dated rules of the three-year assessment cycle.

Every register record carries a label (RED by default): the secretariat, the SSC members present
at a meeting that considered the record, and the party's own users may read it. Statuses are only
ever set by an outcome of an SSC meeting item linked to the record (see `services.status_set`).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from simple_history.models import HistoricalRecords

from secretariat.core import clock
from secretariat.core.models import AppendOnlyModel
from secretariat.directory.models import Organisation, PartyCategory
from secretariat.labels.models import Label, LabelField
from secretariat.meetings.models import AgendaItem, Outcome

# The body whose meetings consider the register and set its statuses.
ASSURANCE_BODY_CODE = "SSC"


def _valid_on(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or day <= valid_to)


# -- parties as Users ---------------------------------------------------------------------------


class UserRole(models.TextChoices):
    """The User Roles of the SEC; a party may hold several."""

    IMPORT_SUPPLIER = "import_supplier", "Import Supplier"
    EXPORT_SUPPLIER = "export_supplier", "Export Supplier"
    GAS_IMPORT_SUPPLIER = "gas_import_supplier", "Gas Import Supplier"
    GAS_EXPORT_SUPPLIER = "gas_export_supplier", "Gas Export Supplier"
    ELECTRICITY_DISTRIBUTOR = "electricity_distributor", "Electricity Distributor"
    GAS_TRANSPORTER = "gas_transporter", "Gas Transporter"
    REGISTERED_SUPPLIER_AGENT = "registered_supplier_agent", "Registered Supplier Agent"
    OTHER_USER = "other_user", "Other User"


class PartyRole(models.Model):
    """A User Role an organisation holds from a date (until a date, if it gave it up)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="user_roles"
    )
    role = models.CharField(max_length=32, choices=UserRole.choices)
    since = models.DateField(help_text="The day the party became a User in this role.")
    until = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "since", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role", "since"], name="unique_party_role_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.public_name}: {self.get_role_display()}"

    def held_on(self, day: dt.date) -> bool:
        return _valid_on(self.since, self.until, day)


class PortfolioSnapshot(models.Model):
    """What a party served on a date: premises and meters, and whether its User System is a
    Shared Resource Provider's. The planner reads the latest snapshot on or before its date."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="portfolio_snapshots"
    )
    as_of = models.DateField()
    domestic_premises = models.PositiveIntegerField(default=0)
    non_domestic_premises = models.PositiveIntegerField(default=0)
    smets1_meters = models.PositiveIntegerField("SMETS1 meters", default=0)
    smets2_meters = models.PositiveIntegerField("SMETS2 meters", default=0)
    uses_shared_resource_provider = models.BooleanField(default=False)
    shared_resource_provider = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="served_portfolios",
        help_text="The provider, if known, when the party uses one.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "as_of"], name="unique_portfolio_snapshot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.public_name} portfolio on {self.as_of}"


# -- status vocabularies ------------------------------------------------------------------------


class StatusKind(models.TextChoices):
    ASSURANCE = "assurance", "Assurance Status"
    COMPLIANCE = "compliance", "Compliance Status"


class Status(models.Model):
    """One status the SSC can set, whatever it is called at the time. Its names are dated, so a
    renaming keeps the history: the same status reads 'Provisionally Approved' in 2019 and
    'Deferred' in 2021."""

    kind = models.CharField(max_length=12, choices=StatusKind.choices)
    key = models.SlugField(max_length=40, help_text="Stable identifier, never shown.")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "position"]
        verbose_name_plural = "statuses"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="unique_status_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.key}"

    def name_on(self, day: dt.date) -> str:
        """The status's name on `day` (uses prefetched `names` when there)."""
        for name in self.names.all():
            if name.valid_on(day):
                return name.name
        return ""


class StatusName(models.Model):
    status = models.ForeignKey(Status, on_delete=models.PROTECT, related_name="names")
    name = models.CharField(max_length=80)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Last day the name was used.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "valid_from"]

    def __str__(self) -> str:
        return self.name

    def valid_on(self, day: dt.date) -> bool:
        return _valid_on(self.valid_from, self.valid_to, day)


# -- cycle rules ----------------------------------------------------------------------------------


class AssessmentKind(models.TextChoices):
    FUSA = "fusa", "Full User Security Assessment"
    VUSA = "vusa", "Verification User Security Assessment"
    SSA = "ssa", "Security Self-Assessment"
    FOLLOW_UP = "follow_up", "Follow-up Security Assessment"
    AD_HOC = "ad_hoc", "Ad-hoc Security Review"


ABBREVIATIONS = {
    AssessmentKind.FUSA: "FUSA",
    AssessmentKind.VUSA: "VUSA",
    AssessmentKind.SSA: "SSA",
    AssessmentKind.FOLLOW_UP: "Follow-up",
    AssessmentKind.AD_HOC: "Ad-hoc review",
}

# The assessments that make up a cycle; follow-ups and ad-hoc reviews sit outside it.
CYCLE_KINDS = (AssessmentKind.FUSA, AssessmentKind.VUSA, AssessmentKind.SSA)


class Band(models.TextChoices):
    ABOVE = "above", "Above the thresholds"
    WITHIN = "within", "At or below the thresholds"
    ANY = "any", "Any portfolio"


class AssessmentRegime(models.Model):
    """The thresholds and timing in force for a period; its rules say which assessment each
    category and portfolio band takes in each year of the cycle."""

    name = models.CharField(max_length=120)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    domestic_threshold = models.PositiveIntegerField(
        default=250_000, help_text="Domestic premises served above which a party is 'above'."
    )
    non_domestic_threshold = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Non-domestic premises served above which a party is 'above'; empty: none.",
    )
    combine_portfolio = models.BooleanField(
        default=False,
        help_text="Weigh a mixed portfolio: 'above' when domestic/threshold + "
        "non-domestic/threshold exceeds 1.",
    )
    cycle_years = models.PositiveSmallIntegerField(default=3)
    interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="Months from one assessment's fieldwork to the next one's due date."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return self.name

    def valid_on(self, day: dt.date) -> bool:
        return _valid_on(self.valid_from, self.valid_to, day)

    def band(self, snapshot: PortfolioSnapshot | None, category: str) -> str:
        """Where a portfolio falls. Without a snapshot the category decides: a Large Supplier is
        presumed above the thresholds, everyone else within them."""
        if snapshot is None:
            return Band.ABOVE if category == PartyCategory.LARGE_SUPPLIER else Band.WITHIN
        domestic = snapshot.domestic_premises / self.domestic_threshold
        non_domestic = (
            snapshot.non_domestic_premises / self.non_domestic_threshold
            if self.non_domestic_threshold
            else 0.0
        )
        if self.combine_portfolio:
            return Band.ABOVE if domestic + non_domestic > 1 else Band.WITHIN
        return Band.ABOVE if domestic > 1 or non_domestic > 1 else Band.WITHIN


class CycleRule(models.Model):
    regime = models.ForeignKey(AssessmentRegime, on_delete=models.PROTECT, related_name="rules")
    category = models.CharField(max_length=32, choices=PartyCategory.choices)
    band = models.CharField(max_length=8, choices=Band.choices, default=Band.ANY)
    cycle_year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=AssessmentKind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["regime", "category", "band", "cycle_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "category", "band", "cycle_year"], name="unique_cycle_rule"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_category_display()} ({self.get_band_display()}), year "
            f"{self.cycle_year}: {ABBREVIATIONS[AssessmentKind(self.kind)]}"
        )


# -- the register -------------------------------------------------------------------------------


class Assessment(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField(max_length=12, choices=AssessmentKind.choices)
    cycle_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of the three-year cycle; empty outside the cycle."
    )
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text="For a follow-up: the assessment it follows up.",
    )
    cio = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments_carried_out",
        verbose_name="User CIO",
        help_text="The independent firm that carried it out.",
    )
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    report_received = models.DateField(null=True, blank=True)
    response_deadline = models.DateField(
        null=True, blank=True, help_text="The date the SSC set for the User's response."
    )
    response_received = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="The findings in brief.")
    label = LabelField(default=Label.RED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fieldwork_start", "-planned_start", "-id"]
        indexes = [models.Index(fields=["organisation", "kind"])]

    def __str__(self) -> str:
        return f"{self.abbreviation} – {self.organisation.public_name}"

    @property
    def reference(self) -> str:
        return f"USA-{self.pk:04d}"

    @property
    def abbreviation(self) -> str:
        return ABBREVIATIONS[AssessmentKind(self.kind)]

    @property
    def status_kind(self) -> str:
        """An Assurance Status follows a FUSA (or a follow-up of one); a Compliance Status
        follows anything else."""
        kind = self.kind
        if kind == AssessmentKind.FOLLOW_UP and self.follows is not None:
            kind = self.follows.kind
        return StatusKind.ASSURANCE if kind == AssessmentKind.FUSA else StatusKind.COMPLIANCE

    @property
    def carried_out_on(self) -> dt.date | None:
        """The day the fieldwork was completed, the anchor of the next assessment's due date."""
        return self.fieldwork_end or self.fieldwork_start

    def response_is_late(self, today: dt.date | None = None) -> bool:
        """Late: arrived after the SSC's deadline, or not arrived and the deadline has passed."""
        if self.response_deadline is None:
            return False
        if self.response_received is not None:
            return self.response_received > self.response_deadline
        return (today or clock.today()) > self.response_deadline


class StatusDecision(AppendOnlyModel):
    """An Assurance or Compliance Status, set by one outcome of an SSC meeting item linked to the
    assessment, in effect from that meeting. Decisions are never changed: a later meeting sets a
    new one."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="status_decisions"
    )
    status = models.ForeignKey(Status, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.OneToOneField(
        Outcome, on_delete=models.PROTECT, related_name="status_decision"
    )
    effective_from = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "effective_from", "id"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.name}"

    @property
    def name(self) -> str:
        # Read with the decision where the query asked for it (`with_status_names`).
        if "status_name" in self.__dict__:
            return self.__dict__["status_name"] or ""
        return self.status.name_on(self.effective_from)


def with_status_names(decisions: models.QuerySet) -> models.QuerySet:
    """Decisions with their status's name on the day each took effect, read in the same query
    (a subquery), as `StatusDecision.name` would find it among the dated names: the first by
    `valid_from` in force that day."""
    names = StatusName.objects.filter(
        status=models.OuterRef("status_id"), valid_from__lte=models.OuterRef("effective_from")
    ).filter(
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.OuterRef("effective_from"))
    )
    return decisions.annotate(
        status_name=models.Subquery(names.order_by("valid_from", "id").values("name")[:1])
    )


class NonCompliance(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="non_compliances"
    )
    obligation = models.CharField(
        max_length=40, help_text="The SEC obligation, Section G3 to G6, e.g. G5.14."
    )
    description = models.TextField()

    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    severity = models.CharField(max_length=8, choices=Severity.choices)
    label = LabelField(default=Label.RED)
    referred_by = models.ForeignKey(
        Outcome,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referred_non_compliances",
        help_text="The SSC outcome that referred it to the Panel.",
    )
    referred_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "obligation", "id"]

    def __str__(self) -> str:
        return f"{self.obligation}: {self.description}"[:120]


class RemediationPlan(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    non_compliance = models.ForeignKey(
        NonCompliance, on_delete=models.PROTECT, related_name="plans"
    )
    description = models.TextField()
    start_on = models.DateField()
    due_on = models.DateField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.PROPOSED)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["non_compliance", "due_on", "id"]

    def __str__(self) -> str:
        return f"Plan for {self.non_compliance.obligation}, due {self.due_on}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.state != self.State.COMPLETE and self.due_on < (today or clock.today())


class DirectorsLetter(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="directors_letters"
    )
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directors_letters",
        help_text="The assessment whose findings the letter answers, if any.",
    )
    submitted_on = models.DateField()
    subject = models.TextField(help_text="What the party's director commits to.")
    label = LabelField(default=Label.RED)
    approved_by = models.OneToOneField(
        Outcome,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_letter",
        help_text="The SSC outcome that approved the letter.",
    )
    approved_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return f"Director's Letter – {self.organisation.public_name}"

    @property
    def reference(self) -> str:
        return f"DL-{self.pk:04d}"


class UserSystemNotification(models.Model):
    """A User's notification that it will use a second or subsequent User System."""

    class Decision(models.TextChoices):
        NEXT_ANNUAL = "next_annual", "Review at the next annual assessment"
        AD_HOC = "ad_hoc", "Ad-hoc review"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="user_system_notifications"
    )
    received_on = models.DateField()
    description = models.TextField(help_text="The further User System and its intended use.")
    label = LabelField(default=Label.RED)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decided_by = models.OneToOneField(
        Outcome,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_notification",
    )
    decided_on = models.DateField(null=True, blank=True)
    review = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_notifications",
        help_text="The assessment that reviews the further system.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return (
            f"Notification of a Second or Subsequent User System – {self.organisation.public_name}"
        )

    @property
    def reference(self) -> str:
        return f"NSU-{self.pk:04d}"


class AgendaLink(models.Model):
    """An SSC agenda item that considers one register record. Outcomes of the item may set the
    record's status; its meeting's attendees may read the record."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="register_link")
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="agenda_links"
    )
    letter = models.ForeignKey(
        DirectorsLetter,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_links",
    )
    notification = models.ForeignKey(
        UserSystemNotification,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_links",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__meeting__date", "item__number"]
        constraints = [
            models.CheckConstraint(
                name="agenda_link_to_one_record",
                condition=(
                    models.Q(
                        assessment__isnull=False, letter__isnull=True, notification__isnull=True
                    )
                    | models.Q(
                        assessment__isnull=True, letter__isnull=False, notification__isnull=True
                    )
                    | models.Q(
                        assessment__isnull=True, letter__isnull=True, notification__isnull=False
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.record}"

    @property
    def record(self):
        return self.assessment or self.letter or self.notification
