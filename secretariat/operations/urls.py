from django.urls import path

from secretariat.operations import views

app_name = "operations"
urlpatterns = [
    path("operations/", views.overview, name="overview"),
    path("operations/new/<slug:kind>/", views.new, name="new"),
    path("operations/incidents/<str:key>/edit/", views.incident_edit, name="incident-edit"),
    path("operations/incidents/<str:key>/review/", views.incident_review, name="incident-review"),
    path("operations/incidents/<str:reference>/", views.incident_detail, name="incident"),
    path("operations/measures/<slug:key>/value/", views.value_new, name="value"),
    path("operations/measures/<slug:code>/", views.measure_detail, name="measure"),
    path("operations/owed/<int:key>/", views.owed_update, name="owed-update"),
    path(
        "operations/issues/<str:key>/reprioritise/",
        views.issue_reprioritise,
        name="issue-reprioritise",
    ),
    path("operations/issues/<str:key>/close/", views.issue_close, name="issue-close"),
    path("operations/issues/<str:reference>/", views.issue_detail, name="issue"),
    path("operations/devices/<int:key>/certificate/", views.certificate_new, name="certificate"),
    path("operations/devices/<int:key>/deadline/", views.deadline_new, name="deadline"),
    path("operations/devices/<int:pk>/", views.device_detail, name="device"),
]
