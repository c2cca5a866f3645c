from django.contrib import admin

from secretariat.actions import services
from secretariat.actions.access import visible_actions
from secretariat.actions.models import Action, ActionUpdate
from secretariat.audit.back_office import ServiceAdmin
from secretariat.meetings.access import visible_meetings


def _known(reader, queryset, path: str):
    # An action of a meeting the reader may not know exists is not listed either.
    return queryset.filter(**{f"{path}__in": visible_meetings(reader).values("pk")})


def _visible_action_rows(reader, queryset):
    return _known(reader, visible_actions(reader, queryset), "meeting").select_related(
        "meeting", "owner"
    )


def _visible_updates(reader, queryset):
    return _known(reader, queryset, "action__meeting").filter(
        reader.q(
            body="action__meeting__body_id",
            meeting="action__meeting_id",
            date="action__meeting__date",
            people="action__owner_id",
        )
    )


@admin.register(Action)
class ActionAdmin(ServiceAdmin):
    list_display = ("reference", "owner", "due_date", "status", "label")
    list_filter = ("status",)
    fields = ("item", "text", "owner", "due_date", "label")
    create_service = staticmethod(services.action_raise)
    door = staticmethod(_visible_action_rows)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        changes.pop("item", None)
        return services.action_edit(actor=actor, action=instance, **changes)


@admin.register(ActionUpdate)
class ActionUpdateAdmin(ServiceAdmin):
    list_display = ("action", "meeting", "status")
    fields = ("action", "meeting", "text", "status", "label")
    create_service = staticmethod(services.action_update_record)
    door = staticmethod(_visible_updates)
