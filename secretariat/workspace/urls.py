from django.urls import path

from secretariat.workspace.views import agenda, attendance, minutes, planner

app_name = "workspace"
_meeting = "workspace/meetings/<str:reference>/"
urlpatterns = [
    path("workspace/", planner.index, name="index"),
    path("workspace/reports/", planner.reports, name="reports"),
    path("workspace/bodies/<str:code>/plan/", planner.plan, name="plan"),
    path(_meeting, agenda.meeting_edit, name="meeting"),
    path(f"{_meeting}agenda/", agenda.agenda, name="agenda"),
    path(f"{_meeting}agenda/order/", agenda.reorder, name="reorder"),
    path(f"{_meeting}agenda/audience/", agenda.audience_hint, name="audience"),
    path(f"{_meeting}items/", agenda.item_create, name="item-add"),
    path(f"{_meeting}items/<int:pk>/", agenda.item_edit, name="item"),
    path(f"{_meeting}items/<int:pk>/move/", agenda.item_move, name="item-move"),
    path(f"{_meeting}attendance/", attendance.attendance, name="attendance"),
    path(f"{_meeting}minutes/", minutes.minutes, name="minutes"),
    path(f"{_meeting}minutes/<int:pk>/", minutes.minute_item, name="minute"),
    path(f"{_meeting}minutes/<int:pk>/outcomes/", minutes.outcome_add, name="outcome-add"),
    path(
        f"{_meeting}minutes/<int:pk>/outcomes/<int:outcome>/",
        minutes.outcome_change,
        name="outcome",
    ),
    path(f"{_meeting}minutes/<int:pk>/actions/", minutes.action_add, name="action-add"),
    path(f"{_meeting}minutes/<int:pk>/actions/<int:action>/", minutes.action_change, name="action"),
]
