"""The register's back office. Every add and change runs through the register's services; a
status can be added here only as the service allows: by an outcome of a linked SSC item."""

from django.contrib import admin
from django.db.models import Q

from secretariat.assurance import services
from secretariat.assurance.models import (
    AgendaLink,
    Assessment,
    AssessmentRegime,
    CycleRule,
    DirectorsLetter,
    NonCompliance,
    PartyRole,
    PortfolioSnapshot,
    RemediationPlan,
    Status,
    StatusDecision,
    StatusName,
    UserSystemNotification,
)
from secretariat.assurance.selectors import (
    visible_assessments,
    visible_letters,
    visible_notifications,
)
from secretariat.audit.back_office import ServiceAdmin
from secretariat.meetings.access import visible_meetings


def _through_assessment(reader, queryset):
    return queryset.filter(assessment__in=visible_assessments(reader).values("pk"))


def _visible_plans(reader, queryset):
    return queryset.filter(non_compliance__assessment__in=visible_assessments(reader).values("pk"))


def _visible_links(reader, queryset):
    # A link names its meeting's item: none of a meeting the reader may not know exists.
    queryset = queryset.filter(item__meeting__in=visible_meetings(reader).values("pk"))
    return queryset.filter(
        Q(assessment__in=visible_assessments(reader).values("pk"))
        | Q(letter__in=visible_letters(reader).values("pk"))
        | Q(notification__in=visible_notifications(reader).values("pk"))
    )


class _FixedOnChange(ServiceAdmin):
    """Fields that identify a record are set when it is added and shown read-only after."""

    fixed: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        return self.fixed if obj is not None else ()


@admin.register(PartyRole)
class PartyRoleAdmin(ServiceAdmin):
    list_display = ("organisation", "role", "since", "until")
    list_filter = ("role",)
    fields = ("organisation", "role", "since", "until")
    create_service = staticmethod(services.party_role_add)


@admin.register(PortfolioSnapshot)
class PortfolioSnapshotAdmin(ServiceAdmin):
    list_display = (
        "organisation",
        "as_of",
        "domestic_premises",
        "non_domestic_premises",
        "smets1_meters",
        "smets2_meters",
        "uses_shared_resource_provider",
    )
    fields = (
        "organisation",
        "as_of",
        "domestic_premises",
        "non_domestic_premises",
        "smets1_meters",
        "smets2_meters",
        "uses_shared_resource_provider",
        "shared_resource_provider",
    )
    create_service = staticmethod(services.portfolio_record)


@admin.register(Assessment)
class AssessmentAdmin(_FixedOnChange):
    list_display = ("reference", "kind", "organisation", "cycle_year", "fieldwork_start", "label")
    list_filter = ("kind",)
    fields = (
        "organisation",
        "kind",
        "cycle_year",
        "follows",
        "cio",
        "planned_start",
        "planned_end",
        "fieldwork_start",
        "fieldwork_end",
        "report_received",
        "response_deadline",
        "response_received",
        "outcome",
        "label",
    )
    fixed = ("organisation", "kind", "follows", "label")
    door = staticmethod(visible_assessments)
    create_service = staticmethod(services.assessment_create)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.assessment_update(actor=actor, assessment=instance, **changes)


@admin.register(AgendaLink)
class AgendaLinkAdmin(ServiceAdmin):
    list_display = ("item", "assessment", "letter", "notification")
    fields = ("item", "assessment", "letter", "notification")
    door = staticmethod(_visible_links)

    @staticmethod
    def create_service(*, actor, item, assessment=None, letter=None, notification=None):
        records = [record for record in (assessment, letter, notification) if record is not None]
        if len(records) != 1:
            from secretariat.core.services import ServiceError

            raise ServiceError(
                {
                    "assessment": "Link the item to exactly one record: an assessment, a letter or "
                    "a notification."
                }
            )
        return services.record_link(actor=actor, item=item, record=records[0])


@admin.register(StatusDecision)
class StatusDecisionAdmin(ServiceAdmin):
    list_display = ("assessment", "status", "effective_from", "outcome")
    fields = ("assessment", "outcome", "status")
    door = staticmethod(_through_assessment)
    create_service = staticmethod(services.status_set)


@admin.register(NonCompliance)
class NonComplianceAdmin(_FixedOnChange):
    list_display = ("obligation", "assessment", "severity", "referred_on", "label")
    list_filter = ("severity",)
    fields = ("assessment", "obligation", "description", "severity", "label")
    fixed = ("assessment", "label")
    door = staticmethod(_through_assessment)
    create_service = staticmethod(services.noncompliance_add)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.noncompliance_update(actor=actor, non_compliance=instance, **changes)


@admin.register(RemediationPlan)
class RemediationPlanAdmin(_FixedOnChange):
    list_display = ("non_compliance", "start_on", "due_on", "state", "completed_on")
    list_filter = ("state",)
    fields = ("non_compliance", "description", "start_on", "due_on", "state", "completed_on")
    fixed = ("non_compliance",)
    door = staticmethod(_visible_plans)
    create_service = staticmethod(services.plan_add)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.plan_update(actor=actor, plan=instance, **changes)


@admin.register(DirectorsLetter)
class DirectorsLetterAdmin(ServiceAdmin):
    list_display = ("reference", "organisation", "submitted_on", "approved_on", "label")
    fields = ("organisation", "assessment", "submitted_on", "subject", "label")
    door = staticmethod(visible_letters)
    create_service = staticmethod(services.letter_submit)


@admin.register(UserSystemNotification)
class UserSystemNotificationAdmin(ServiceAdmin):
    list_display = ("reference", "organisation", "received_on", "decision", "label")
    fields = ("organisation", "received_on", "description", "label")
    door = staticmethod(visible_notifications)
    create_service = staticmethod(services.notification_receive)


class StatusNameInline(admin.TabularInline):
    model = StatusName
    extra = 0
    can_delete = False
    fields = ("name", "valid_from", "valid_to")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Status)
class StatusAdmin(_FixedOnChange):
    list_display = ("kind", "key", "position", "description")
    list_filter = ("kind",)
    fields = ("kind", "key", "position", "description")
    fixed = ("kind", "key")
    inlines = (StatusNameInline,)
    create_service = staticmethod(services.status_create)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.status_update(actor=actor, status=instance, **changes)


@admin.register(StatusName)
class StatusNameAdmin(_FixedOnChange):
    list_display = ("name", "status", "valid_from", "valid_to")
    fields = ("status", "name", "valid_from", "valid_to")
    fixed = ("status",)
    create_service = staticmethod(services.status_name_add)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.status_name_update(actor=actor, status_name=instance, **changes)


@admin.register(AssessmentRegime)
class AssessmentRegimeAdmin(ServiceAdmin):
    list_display = (
        "name",
        "valid_from",
        "valid_to",
        "domestic_threshold",
        "non_domestic_threshold",
    )
    fields = (
        "name",
        "valid_from",
        "valid_to",
        "domestic_threshold",
        "non_domestic_threshold",
        "combine_portfolio",
        "cycle_years",
        "interval_months",
    )
    create_service = staticmethod(services.regime_create)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.regime_update(actor=actor, regime=instance, **changes)


@admin.register(CycleRule)
class CycleRuleAdmin(ServiceAdmin):
    list_display = ("regime", "category", "band", "cycle_year", "kind")
    list_filter = ("regime", "category", "band")
    fields = ("regime", "category", "band", "cycle_year", "kind")
    create_service = staticmethod(services.rule_set)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.rule_update(actor=actor, rule=instance, **changes)
