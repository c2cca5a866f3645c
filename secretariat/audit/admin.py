"""The audit log in the back office, read-only and read through the labelled diff: who, when and
what kind of change show to every reader of the log; the record's name and each field's before
and after only to readers the door admits for that field's label and scope."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from secretariat.audit.labelling import project
from secretariat.audit.models import AuditEvent, ElevatedRead, Elevation


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(_ReadOnly):
    list_filter = ("verb",)
    # The summary is a labelled fragment: searching it would tell who may not read it whether
    # a restricted record matches.
    search_fields = ("object_id", "verb", "actor_name")

    def get_list_display(self, request):
        reader = request.reader

        def summary(event):
            return project(event, reader).summary

        summary.short_description = "summary"  # type: ignore[attr-defined]
        return ("at", "actor_name", "verb", "object_type", "object_id", summary)

    def get_list_display_links(self, request, list_display):
        return ("at",)

    def _projected(self, request):
        reader = request.reader

        def summary(event):
            return project(event, reader).summary

        def changes(event):
            # The template escapes every value; the markup is its own.
            return mark_safe(
                render_to_string(
                    "audit/_changes.html", {"event": project(event, reader)}, request=request
                )
            )

        summary.short_description = "summary"  # type: ignore[attr-defined]
        changes.short_description = "changes"  # type: ignore[attr-defined]
        return summary, changes

    def get_fields(self, request, obj=None):
        cache = request.__dict__.setdefault("_audit_fields", self._projected(request))
        return ("at", "actor_name", "verb", "object_type", "object_id", *cache)

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)


@admin.register(Elevation)
class ElevationAdmin(_ReadOnly):
    list_display = ("user", "started_at", "ends_at", "ended_at", "reason")


@admin.register(ElevatedRead)
class ElevatedReadAdmin(_ReadOnly):
    list_display = ("at", "elevation", "method", "path", "status", "record_count")
    list_filter = ("elevation__user",)
