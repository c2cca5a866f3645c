from django.contrib import admin

from secretariat.actions import services
from secretariat.actions.models import Action, ActionUpdate
from secretariat.audit.admin_support import ServiceAdmin


@admin.register(Action)
class ActionAdmin(ServiceAdmin):
    list_display = ("reference", "owner", "due_date", "status", "label")
    list_filter = ("status",)
    fields = ("item", "text", "owner", "due_date", "label")
    create_service = staticmethod(services.action_raise)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        changes.pop("item", None)
        return services.action_edit(actor=actor, action=instance, **changes)


@admin.register(ActionUpdate)
class ActionUpdateAdmin(ServiceAdmin):
    list_display = ("action", "meeting", "status")
    fields = ("action", "meeting", "text", "status", "label")
    create_service = staticmethod(services.action_update_record)
