"""The monthly SEC Panel Sub-Committee Report: its layout (stored as data, so officers can change
the order, the headings and the wording), one report per Panel meeting, the officer's edits to a
compiled section. The report's versions and ledger rows are publishing's (one ledger).

A report is compiled from the records each time it is read; nothing compiled is stored until a
version is approved, which freezes the projected document like a publication of a meeting.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from secretariat.core.models import AppendOnlyModel
from secretariat.labels.models import LabelField
from secretariat.meetings.models import Meeting


class ReportTemplate(models.Model):
    """The paper's furniture and the rules for its default period and date."""

    name = models.CharField(max_length=120, unique=True)
    title = models.CharField(max_length=200, default="SEC Panel Sub-Committee Report")
    team = models.CharField(max_length=120, default="SECAS Team")
    appendix_title = models.CharField(
        max_length=200,
        default="Appendix A: User Security Assessments — Identified Non-Compliances",
    )
    paper_days_before = models.PositiveSmallIntegerField(
        default=7, help_text="The paper is dated this many days before its Panel meeting."
    )
    first_report_lookback_months = models.PositiveSmallIntegerField(
        default=3,
        help_text="How many calendar months a report may reach back when no earlier report "
        "bounds its period.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReportSection(models.Model):
    """A numbered section ("2. Operations Group") or sub-section ("2.1 Operations Group Meeting
    Highlights") of the layout. Numbers follow the positions; nothing stores them."""

    class Content(models.TextChoices):
        GROUP = "group", "Sub-sections only"
        TEXT = "text", "Fixed text"
        HIGHLIGHTS = "highlights", "Highlights of the bodies' meetings"
        COUNT = "count", "Count from the assurance register"

    class CountKind(models.TextChoices):
        ASSURANCE_STATUS = "assurance_status", "Assurance Statuses set"
        FUSA = "fusa", "Full User Security Assessments with a status set"
        VUSA = "vusa", "Verification User Security Assessments with a status set"
        SSA = "ssa", "Security Self-Assessments with a status set"
        DIRECTORS_LETTERS = "directors_letters", "Director's Letters approved"
        NOTIFICATIONS = "notifications", "Notifications of further User Systems decided"

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    content = models.CharField(max_length=12, choices=Content.choices, default=Content.GROUP)
    text = models.TextField(
        blank=True,
        help_text="The section's text (fixed text), or the paragraph before a count's sentences. "
        "Blank lines separate paragraphs; **bold** is the only markup.",
    )
    body_codes = models.JSONField(
        default=list,
        blank=True,
        help_text="For highlights: the codes of the bodies whose meetings feed the section.",
    )
    count_kind = models.CharField(max_length=20, choices=CountKind.choices, blank=True)
    sentence_none = models.TextField(blank=True, help_text="Placeholders: {month}.")
    sentence_one = models.TextField(blank=True, help_text="Placeholders: {month}, {number}.")
    sentence_many = models.TextField(
        blank=True, help_text="Placeholders: {month}, {number}, {Number}."
    )

    class Meta:
        ordering = ["template", "parent_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "position"],
                condition=models.Q(parent__isnull=True),
                name="unique_report_section_position",
            ),
            models.UniqueConstraint(
                fields=["parent", "position"],
                condition=models.Q(parent__isnull=False),
                name="unique_report_subsection_position",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PanelReport(models.Model):
    """The report for one Panel meeting: its period, date, author and what it asks the Panel."""

    class Action(models.TextChoices):
        INFORMATION = "information", "For Information"
        DECISION = "decision", "For Decision"

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="panel_report")
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="reports")
    month = models.DateField(
        unique=True, help_text="First day of the Panel meeting's month: the report's address."
    )
    period_start = models.DateField()
    period_end = models.DateField()
    report_date = models.DateField()
    action = models.CharField(max_length=12, choices=Action.choices, default=Action.INFORMATION)
    author = models.CharField(max_length=120)
    team = models.CharField(max_length=120)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"SEC Panel Sub-Committee Report {self.month:%B %Y}"

    @property
    def slug(self) -> str:
        return f"{self.month:%Y-%m}"


class SectionOverride(AppendOnlyModel):
    """An officer's text for one section of one report, in place of the compiled text. Each edit
    is a new row; the latest is in force, and an empty text returns the section to its compiled
    text. `compiled_text` is what the compile gave when the officer wrote it, so a later compile
    can show both what the officer changed and what the records changed since."""

    report = models.ForeignKey(PanelReport, on_delete=models.PROTECT, related_name="overrides")
    section = models.ForeignKey(ReportSection, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    label = LabelField(help_text="The edited text's label: at most the report's own.")
    compiled_text = models.TextField()
    reason = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "section", "id"]

    def __str__(self) -> str:
        return f"{self.report} – {self.section}"


class HighlightOrder(models.Model):
    """The order an officer gave a section's highlight headings; headings not listed follow in
    the compile's own order (body, meeting date, item)."""

    report = models.ForeignKey(PanelReport, on_delete=models.CASCADE, related_name="orders")
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="+")
    headings = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="unique_highlight_order")
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.section}"


class Part(models.TextChoices):
    """The two documents of a report, each with its own audience. Their versions and ledger rows
    are publishing's, as the document kinds `panel-report` and `appendix-a` of the Panel meeting
    (`reports/documents.py`)."""

    BODY = "report", "SEC Panel Sub-Committee Report"
    APPENDIX_A = "appendix-a", "Appendix A"
