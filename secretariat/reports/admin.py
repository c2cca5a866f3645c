"""The report's back office: its layout and each report's furniture, changed only through the
services. The ledger and the appendix's frozen documents are not shown here: they hold RED text
and the back office is no side door."""

from django.contrib import admin

from secretariat.audit.back_office import ServiceAdmin
from secretariat.reports import services
from secretariat.reports.models import PanelReport, ReportSection


@admin.register(ReportSection)
class ReportSectionAdmin(ServiceAdmin):
    list_display = ("title", "parent", "position", "content", "count_kind")
    list_filter = ("content",)
    fields = (
        "template",
        "parent",
        "content",
        "title",
        "position",
        "text",
        "body_codes",
        "count_kind",
        "sentence_none",
        "sentence_one",
        "sentence_many",
    )
    readonly_fields = ("template", "parent", "content")

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.section_update(actor=actor, section=instance, **changes)


@admin.register(PanelReport)
class PanelReportAdmin(ServiceAdmin):
    list_display = ("month", "meeting", "period_start", "period_end", "report_date", "author")
    fields = (
        "meeting",
        "month",
        "period_start",
        "period_end",
        "report_date",
        "action",
        "author",
        "team",
    )
    readonly_fields = ("meeting", "month")

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.report_update(actor=actor, report=instance, **changes)
