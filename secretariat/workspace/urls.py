from django.urls import path

from secretariat.workspace.views import (
    agenda,
    attendance,
    history,
    life,
    minutes,
    my_actions,
    papers,
    planner,
    settings_views,
    terms,
)

app_name = "workspace"
_meeting = "workspace/meetings/<str:reference>/"
urlpatterns = [
    path("my/actions/", my_actions.my_actions, name="my-actions"),
    path("my/actions/<int:action>/report/", my_actions.my_action_report, name="my-action"),
    path("my/bodies/", my_actions.following, name="following"),
    path("workspace/action-reports/", my_actions.action_reports, name="action-reports"),
    path("workspace/action-reports/<int:pk>/", my_actions.action_report, name="action-report"),
    path("history/<str:kind>/<int:pk>/", history.history, name="history"),
    path("papers/files/<int:pk>/", papers.paper_file, name="paper-file"),
    path("papers/<str:reference>/", papers.meeting_papers_page, name="meeting-papers"),
    path("papers/<str:reference>/pack.pdf", papers.pack, name="pack"),
    path(f"{_meeting}papers/", papers.officer_papers, name="papers"),
    path("workspace/settings/", settings_views.settings_index, name="settings"),
    path("workspace/settings/verbs/", settings_views.verbs, name="verbs"),
    path("workspace/settings/<str:code>/template/", settings_views.template, name="template"),
    path("workspace/settings/<str:code>/members/", settings_views.members, name="members"),
    path("auditor/", history.auditor, name="auditor"),
    path("auditor/ledger/", history.ledger, name="ledger"),
    path("auditor/trail/", history.trail, name="trail"),
    path("auditor/deliveries/", history.delivered, name="deliveries"),
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
    path(f"{_meeting}minutes/<int:pk>/draft/", minutes.minute_draft, name="minute-draft"),
    path(f"{_meeting}minutes/<int:pk>/outcomes/", minutes.outcome_add, name="outcome-add"),
    path(
        f"{_meeting}minutes/<int:pk>/outcomes/<int:outcome>/",
        minutes.outcome_change,
        name="outcome",
    ),
    path(f"{_meeting}minutes/<int:pk>/actions/", minutes.action_add, name="action-add"),
    path(f"{_meeting}minutes/<int:pk>/actions/<int:action>/", minutes.action_change, name="action"),
    # The minutes' life and publishing (workspace/views/life.py), the members' draft, and the
    # pre-publication check's sensitive terms.
    path(f"{_meeting}publish/", life.publish, name="publish"),
    path(f"{_meeting}draft/", life.draft, name="draft"),
    path("workspace/sensitive-terms/", terms.terms, name="terms"),
]
