from django.contrib import admin

from secretariat.actions import services
from secretariat.actions.access import visible_actions
from secretariat.actions.models import Action, ActionUpdate
from secretariat.core.admin_support import ServiceAdmin


def _visible_updates(reader, queryset):
    return queryset.filter(
        reader.q(
            body="action__meeting__body_id",
            meeting="action__meeting_id",
            item="action__item_id",
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
    door = staticmethod(visible_actions)

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
