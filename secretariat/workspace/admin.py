"""The agenda templates and meeting practice in the back office, through the services, until the
workspace has settings pages of its own."""

from django.contrib import admin

from secretariat.audit.back_office import ServiceAdmin
from secretariat.workspace import services
from secretariat.workspace.models import BodyPractice, StandingItem


@admin.register(StandingItem)
class StandingItemAdmin(ServiceAdmin):
    list_display = ("__str__", "kind", "label", "active")
    list_filter = ("body", "active")
    fields = ("body", "position", "title", "kind", "label", "active")
    create_service = staticmethod(services.standing_item_create)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        changes.pop("body", None)
        return services.standing_item_update(actor=actor, row=instance, **changes)


@admin.register(BodyPractice)
class BodyPracticeAdmin(ServiceAdmin):
    list_display = ("body", "quorum")
    fields = ("body", "quorum")
    create_service = staticmethod(services.body_practice_set)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        return services.body_practice_set(
            actor=actor, body=instance.body, quorum=changes.get("quorum", instance.quorum)
        )
