from django.contrib import admin

from secretariat.audit.back_office import ServiceAdmin
from secretariat.meetings import services
from secretariat.meetings.access import visible_items, visible_meetings
from secretariat.meetings.models import AgendaItem, Attendance, Meeting, Outcome, OutcomeVerb, Paper

# Nothing of a meeting the reader may not know exists is listed, picked or named here: every
# door below starts from the meetings the reader may know (docs/access.md, Meetings themselves).


def _in_known_meetings(reader, queryset, path: str = "meeting"):
    return queryset.filter(**{f"{path}__in": visible_meetings(reader).values("pk")})


def _visible_outcomes(reader, queryset):
    return _in_known_meetings(
        reader,
        queryset.filter(
            reader.q(
                body="item__meeting__body_id",
                meeting="item__meeting_id",
                date="item__meeting__date",
            )
        ),
        "item__meeting",
    ).select_related("verb", "item__meeting")


def _visible_items(reader, queryset):
    return _in_known_meetings(reader, visible_items(reader, queryset)).select_related("meeting")


def _visible_attendance(reader, queryset):
    return _in_known_meetings(reader, queryset).select_related("meeting", "person")


def _visible_papers(reader, queryset):
    return queryset.filter(reader.q(body="body_id", people="distribution")).distinct()


@admin.register(Meeting)
class MeetingAdmin(ServiceAdmin):
    list_display = ("reference", "body", "date", "status", "label")
    list_filter = ("body", "status")
    date_hierarchy = "date"
    fields = (
        "body",
        "number",
        "date",
        "start_time",
        "end_time",
        "location",
        "status",
        "label",
        "next_meeting_date",
    )
    create_service = staticmethod(services.meeting_create)
    door = staticmethod(visible_meetings)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        changes.pop("body", None)
        return services.meeting_update(actor=actor, meeting=instance, **changes)


@admin.register(Attendance)
class AttendanceAdmin(ServiceAdmin):
    list_display = ("meeting", "person", "status", "capacity")
    list_filter = ("status",)
    fields = ("meeting", "person", "status", "capacity", "note")
    create_service = staticmethod(services.attendance_record)
    door = staticmethod(_visible_attendance)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        values = {
            "status": instance.status,
            "capacity": instance.capacity,
            "note": instance.note,
            **changes,
        }
        values.pop("meeting", None)
        values.pop("person", None)
        return services.attendance_record(
            actor=actor, meeting=instance.meeting, person=instance.person, **values
        )


@admin.register(AgendaItem)
class AgendaItemAdmin(ServiceAdmin):
    list_display = ("meeting", "parent", "number", "title", "label")
    list_filter = ("label", "meeting__body")
    # Titles are labelled: searching them would answer whether a hidden title matches.
    search_fields = ("meeting__reference",)
    fields = (
        "meeting",
        "parent",
        "number",
        "kind",
        "label",
        "title",
        "title_label",
        "summary",
        "summary_label",
        "restricted_text",
        "withheld_notice",
        "presenter",
        "party",
        "report_to_panel",
        "report_heading",
        "report_text",
        "report_label",
    )
    create_service = staticmethod(services.item_add)
    door = staticmethod(_visible_items)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        for fixed in ("meeting", "parent", "number"):
            changes.pop(fixed, None)
        return services.item_update(actor=actor, item=instance, **changes)


@admin.register(Paper)
class PaperAdmin(ServiceAdmin):
    list_display = ("reference", "body", "label")
    fields = ("body", "reference", "title", "title_label", "label", "distribution")
    door = staticmethod(_visible_papers)
    create_service = staticmethod(services.paper_create)


@admin.register(OutcomeVerb)
class OutcomeVerbAdmin(ServiceAdmin):
    list_display = ("word", "description", "active")
    fields = ("word", "description")
    create_service = staticmethod(services.outcome_verb_create)


@admin.register(Outcome)
class OutcomeAdmin(ServiceAdmin):
    list_display = ("item", "verb", "text", "label")
    fields = ("item", "verb", "text", "label")
    door = staticmethod(_visible_outcomes)

    @staticmethod
    def create_service(*, actor, item, **fields):
        return services.outcome_record(actor=actor, meeting=item.meeting, item=item, **fields)

    @staticmethod
    def update_service(*, actor, instance, **changes):
        changes.pop("item", None)
        return services.outcome_update(actor=actor, outcome=instance, **changes)
