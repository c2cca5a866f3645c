"""Back office for publishing. Versions are drafted, approved and published through the services
(the form and the two actions); the ledger is read-only: no add, no change, no delete."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from secretariat.audit.back_office import DoorMixin, ServiceAdmin
from secretariat.core.services import ServiceError
from secretariat.documents.kinds import kinds
from secretariat.meetings.access import visible_meetings
from secretariat.publishing import services
from secretariat.publishing.models import PublicationRecord, PublicationVersion


def _of_known_meetings(reader, queryset):
    # A publication names its meeting: none of a meeting the reader may not know exists.
    return queryset.filter(meeting__in=visible_meetings(reader).values("pk")).select_related(
        "meeting"
    )


@admin.register(PublicationVersion)
class PublicationVersionAdmin(ServiceAdmin):
    list_display = ("meeting", "kind", "number", "status", "approved_by", "approved_at")
    list_filter = ("kind", "status", "meeting__body")
    search_fields = ("meeting__reference",)
    fields = ("meeting", "kind", "reason")
    actions = ("approve", "publish")
    door = staticmethod(_of_known_meetings)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The registry, not the schema, lists the kinds (a new kind needs no migration).
        if db_field.name == "kind":
            return forms.ChoiceField(
                choices=[(kind.slug, kind.title) for kind in kinds()], label="Document"
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @staticmethod
    def create_service(*, actor, meeting, kind, reason=""):
        return services.version_draft(actor=actor, meeting=meeting, kind=kind, reason=reason)

    def has_change_permission(self, request, obj=None) -> bool:
        # A version changes only by being approved or published (the actions).
        return obj is None and super().has_change_permission(request)

    def _each(self, request, queryset, service, done: str) -> None:
        for version in queryset:
            try:
                service(actor=request.user, version=version)
            except ServiceError as error:
                for message in error.messages:
                    self.message_user(request, f"{version}: {message}", messages.ERROR)
            else:
                self.message_user(request, f"{version}: {done}.", messages.SUCCESS)

    @admin.action(description="Approve the selected versions")
    def approve(self, request, queryset):
        self._each(request, queryset, services.version_approve, "approved")

    @admin.action(description="Publish the selected approved versions")
    def publish(self, request, queryset):
        self._each(request, queryset, services.version_publish, "published")


@admin.register(PublicationRecord)
class PublicationRecordAdmin(DoorMixin, admin.ModelAdmin):
    """The publication ledger, append-only: it can be read here, never edited."""

    def get_queryset(self, request):
        return _of_known_meetings(request.reader, super().get_queryset(request))

    list_display = (
        "published_at",
        "meeting",
        "kind",
        "number",
        "audience",
        "label",
        "content_hash",
    )
    list_filter = ("kind", "audience", "label")
    search_fields = ("meeting__reference", "content_hash")
    exclude = ("snapshot",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
