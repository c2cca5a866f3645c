"""Pages of the operations register: the overview at /operations/, an incident, a measure (its
months and their ratings), a sub-group issue, a device; and the officers' forms. Reads come
through `operations.access`; writes through `operations.services`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Subquery
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from secretariat.core import clock
from secretariat.labels.models import Label, highest
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.access import item_q, meeting_scope
from secretariat.operations import access, forms, heatmap, measures, services
from secretariat.operations.models import (
    CpaCertificate,
    Device,
    Incident,
    IncidentReview,
    Measure,
    MeasureValue,
    Milestone,
    OwedReport,
    RemediationDeadline,
    StreakRule,
    SubGroupIssue,
)
from secretariat.publishing.officer_forms import officer_form, require_officer

FORM_METHODS = require_http_methods(["GET", "POST"])


def _reviews(reader) -> Prefetch:
    return Prefetch(
        "reviews",
        queryset=IncidentReview.objects.filter(
            item_q(reader, "item", label="title_label")
        ).select_related("item__meeting"),
    )


def _measures(reader, today) -> list[dict]:
    """The measures the reader may see, each with its rated months and its streak today; the
    streak rule in force today (`threshold`) comes in the measures' query. The values are read
    as columns (twenty years hold hundreds of months for each measure)."""
    rule = StreakRule.objects.filter(valid_from__lte=today).order_by("-valid_from")
    found = list(
        access.visible(reader, Measure)
        .annotate(threshold=Subquery(rule.values("months")[:1]))
        .select_related("body")
    )
    values: dict[int, list] = defaultdict(list)
    if found:
        rows = (
            MeasureValue.objects.filter(measure_id__in=[m.pk for m in found])
            .order_by("measure_id", "month")
            .values_list("measure_id", "month", "value")
        )
        for measure_id, month, value in rows:
            values[measure_id].append((month, value))
    result = []
    for measure in found:
        months = measures.rated_values(measure, values[measure.pk])
        result.append(
            {
                "measure": measure,
                "months": months,
                "streak": measures.streak(measure, today, months),
            }
        )
    return result


# The overview lists a page of incidents at a time, and pictures the measures' latest three
# years (each measure's page has its whole history): twenty years would be a page of 280 KB.
INCIDENTS_PER_PAGE = 50
HEATMAP_MONTHS = 36


def _incident_months(reader) -> tuple[list[tuple[dt.date, int]], Label]:
    """Incidents per month of those the reader may see, and the highest label among them (the
    picture tells of every one), in one query."""
    months = (
        access.visible(reader, Incident)
        .annotate(month=TruncMonth("occurred_on"))
        .order_by()
        .values("month")
        .annotate(count=Count("id"), top=Max("label"))
        .order_by("month")
    )
    found = list(months)
    return [(row["month"], row["count"]) for row in found], highest(row["top"] for row in found)


def _incident_page(reader, number: str | None, total: int):
    """One page of incidents, newest first, each with its causes and the meetings that
    reviewed it at items the reader may know of (read as columns, for that page alone); the
    count comes from the picture's query."""
    paginator: Paginator = Paginator(range(total), INCIDENTS_PER_PAGE)
    page = paginator.get_page(number)
    start = (page.number - 1) * INCIDENTS_PER_PAGE
    incidents = list(access.visible(reader, Incident)[start : start + INCIDENTS_PER_PAGE])
    ids = [incident.pk for incident in incidents]
    causes: dict[int, list[str]] = defaultdict(list)
    reviews: dict[int, list[str]] = defaultdict(list)
    if ids:
        for incident_id, name in (
            Incident.causes.through.objects.filter(incident_id__in=ids)
            .order_by("incidentcause__name")
            .values_list("incident_id", "incidentcause__name")
        ):
            causes[incident_id].append(name)
        for incident_id, reference in (
            IncidentReview.objects.filter(
                item_q(reader, "item", label="title_label"), incident_id__in=ids
            )
            .order_by("item__meeting__date", "item__number")
            .values_list("incident_id", "item__meeting__reference")
        ):
            reviews[incident_id].append(reference)
    rows: list = [
        {"incident": i, "causes": causes[i.pk], "reviewed_at": reviews[i.pk]} for i in incidents
    ]
    page.object_list = rows
    return page


def _recent(rows) -> list[dict]:
    """The measures' rows with the months of the last HEATMAP_MONTHS only (the picture's)."""
    latest = max((row["months"][-1].month for row in rows if row["months"]), default=None)
    if latest is None:
        return rows
    first = _months_before(latest, HEATMAP_MONTHS - 1)
    return [{**row, "months": [m for m in row["months"] if m.month >= first]} for row in rows]


def _months_before(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def _day(day: dt.date | None) -> str:
    """As the templates' `date:"j M Y"` writes it."""
    return f"{day.day} {day:%b %Y}" if day is not None else ""


# The overview's lists of records are written here, every value escaped as it goes in, rather
# than in the template: its lookups, filters and `{% url %}` tags cost more for twenty years'
# few hundred rows than reading them (as the assurance register's rows).


def _incident_line(row) -> str:
    incident = row["incident"]
    url = reverse("operations:incident", args=[incident.reference])
    reviewed = ", ".join(
        f'<a href="{escape(reverse("meetings:meeting", args=[reference]))}">{escape(reference)}</a>'
        for reference in row["reviewed_at"]
    )
    return (
        f'<tr><td><a href="{escape(url)}">{escape(incident.reference)}</a></td>'
        f"<td>{_day(incident.occurred_on)}</td><td>{escape(incident.service)}</td>"
        f"<td>{incident.duration_minutes} min</td>"
        f"<td>{escape(incident.get_severity_display())}</td>"
        f"<td>{'; '.join(escape(cause) for cause in row['causes'])}</td><td>{reviewed}</td></tr>"
    )


def _owed_line(report, overdue: bool, officer: bool) -> str:
    line = f"<li>{escape(report.title)} — asked {_day(report.asked_on)}"
    if report.asked_at:
        line += f" at {escape(report.asked_at.meeting.reference)}"
    line += f", due {_day(report.due_on)}"
    if report.delivered_on:
        line += f", delivered {_day(report.delivered_on)}"
    elif overdue:
        line += ", <strong>overdue</strong>"
    if report.escalated_on:
        line += f", escalated {_day(report.escalated_on)}"
    if officer:
        url = reverse("operations:owed-update", args=[report.pk])
        line += f' · <a href="{escape(url)}">update</a>'
    return line + "</li>"


def _issue_line(issue) -> str:
    url = reverse("operations:issue", args=[issue.reference])
    return (
        f'<li><a href="{escape(url)}">{escape(issue.reference)}</a> {escape(issue.title)} — '
        f"{escape(issue.body.display_code)}, priority {issue.priority}, "
        f"{escape(issue.get_status_display())}</li>"
    )


def _device_line(device) -> str:
    url = reverse("operations:device", args=[device.pk])
    due = "".join(
        f" — remediation due {_day(deadline.deadline)}"
        for deadline in device.shown_deadlines
        if not deadline.remediated_on
    )
    return f'<li><a href="{escape(url)}">{escape(device.manufacturer)} {escape(device.model)}</a>{due}</li>'


@require_GET
def overview(request: ReaderRequest) -> HttpResponse:
    reader = request.reader
    today = clock.today()
    by_month, incidents_label = _incident_months(reader)
    page = _incident_page(reader, request.GET.get("page"), sum(n for _, n in by_month))
    incidents = [row["incident"] for row in page.object_list]
    rows = _measures(reader, today)
    found = [row["measure"] for row in rows]
    if found:
        threshold = found[0].threshold or measures.DEFAULT_STREAK_MONTHS
    else:
        threshold = measures.streak_months(today)
    owed = list(access.visible(reader, OwedReport).select_related("asked_at__meeting", "body"))
    issues = list(access.visible(reader, SubGroupIssue).select_related("body"))
    milestones = list(access.visible(reader, Milestone))
    # Into a plain list (`to_attr`): Django then builds no filtered manager for each device,
    # which costs more than the deadlines themselves.
    devices = list(
        access.visible(reader, Device).prefetch_related(
            Prefetch(
                "deadlines",
                queryset=access.visible_device_rows(reader, RemediationDeadline),
                to_attr="shown_deadlines",
            )
        )
    )
    records = [*incidents, *found, *owed, *issues, *milestones, *devices]
    return render(
        request,
        "operations/overview.html",
        {
            "incidents": [mark_safe(_incident_line(row)) for row in page.object_list],
            "page": page,
            "measures": rows,
            "threshold": threshold,
            "heatmap_months": HEATMAP_MONTHS,
            "owed": [
                mark_safe(_owed_line(r, r.is_overdue(today), reader.is_secretariat)) for r in owed
            ],
            "issues": [mark_safe(_issue_line(issue)) for issue in issues],
            "milestones": milestones,
            "devices": [mark_safe(_device_line(device)) for device in devices],
            "heatmap": heatmap.measures_svg(_recent(rows)) if rows else "",
            "incident_map": heatmap.incidents_svg(by_month) if by_month else "",
            "officer": reader.is_secretariat,
            "label": highest([incidents_label, *(r.label for r in records)]),
        },
    )


def _reviewed_at(reader, incident) -> list[dict]:
    return [
        {
            "meeting": review.item.meeting,
            "number": review.item.number,
            "title": review.item.title,
            "summary": review.item.summary
            if reader.admits(review.item.summary_label, meeting_scope(review.item.meeting))
            else "",
        }
        for review in incident.reviews.all()
    ]


@require_GET
def incident_detail(request: ReaderRequest, reference: str) -> HttpResponse:
    reader = request.reader
    queryset = Incident.objects.prefetch_related("causes", _reviews(reader))
    incident = access.get_or_404(reader, Incident, queryset, reference__iexact=reference)
    return render(
        request,
        "operations/incident.html",
        {
            "incident": incident,
            "reviews": _reviewed_at(reader, incident),
            "officer": reader.is_secretariat,
            "label": incident.label,
        },
    )


@require_GET
def measure_detail(request: ReaderRequest, code: str) -> HttpResponse:
    reader = request.reader
    measure = access.get_or_404(
        reader, Measure, Measure.objects.prefetch_related("values"), code=code
    )
    row = {
        "measure": measure,
        "months": measures.rated(measure),
        "streak": measures.streak(measure, clock.today()),
    }
    return render(
        request,
        "operations/measure.html",
        {
            "row": row,
            "heatmap": heatmap.measures_svg([row]),
            "officer": reader.is_secretariat,
            "label": measure.label,
        },
    )


@require_GET
def issue_detail(request: ReaderRequest, reference: str) -> HttpResponse:
    reader = request.reader
    issue = access.get_or_404(
        reader,
        SubGroupIssue,
        SubGroupIssue.objects.select_related("body").prefetch_related("reprioritisations"),
        reference__iexact=reference,
    )
    return render(
        request,
        "operations/issue.html",
        {"issue": issue, "officer": reader.is_secretariat, "label": issue.label},
    )


@require_GET
def device_detail(request: ReaderRequest, pk: int) -> HttpResponse:
    reader = request.reader
    device = access.get_or_404(
        reader,
        Device,
        Device.objects.prefetch_related(
            Prefetch("certificates", queryset=access.visible_device_rows(reader, CpaCertificate)),
            Prefetch("deadlines", queryset=access.visible_device_rows(reader, RemediationDeadline)),
        ),
        pk=pk,
    )
    return render(
        request,
        "operations/device.html",
        {
            "device": device,
            "officer": reader.is_secretariat,
            "label": highest(
                [device.label]
                + [c.label for c in device.certificates.all()]
                + [d.label for d in device.deadlines.all()]
            ),
        },
    )


# -- officers' forms -----------------------------------------------------------------------------

OVERVIEW = "/operations/"


def _labelled(data: dict) -> dict:
    return {**data, **({"label": Label[data["label"]]} if "label" in data else {})}


NEW = {
    # kind: (form, service, title, where the new record is shown)
    "incident": (forms.IncidentForm, services.incident_record, "Record a major incident"),
    "cause": (forms.CauseForm, services.cause_add, "Add an incident cause"),
    "measure": (forms.MeasureForm, services.measure_create, "Add a performance measure"),
    "owed-report": (forms.OwedReportForm, services.owed_report_create, "Record a report owed"),
    "issue": (forms.IssueForm, services.issue_raise, "Raise a sub-group issue"),
    "milestone": (forms.MilestoneForm, services.milestone_create, "Add a milestone"),
    "device": (forms.DeviceForm, services.device_list, "List a device on the CPL"),
    "streak-rule": (forms.StreakRuleForm, services.streak_rule_set, "Set the streak rule"),
}


@FORM_METHODS
def new(request: ReaderRequest, kind: str) -> HttpResponse:
    require_officer(request)
    if kind not in NEW:
        raise Http404("No such kind of record.")
    form_class, service, title = NEW[kind]

    def save(data):
        service(actor=request.user, **_labelled(data))
        return OVERVIEW

    return officer_form(request, form_class(request.POST or None), save, title=title, back=OVERVIEW)


def _record_form(model, lookup: str, form_class, title: str, action, initial=None):
    """An officer's form about one record: `action(request, record, data)` does the write."""

    @FORM_METHODS
    def view(request: ReaderRequest, key) -> HttpResponse:
        require_officer(request)
        record = access.get_or_404(request.reader, model, **{lookup: key})
        back = action.back(record) if hasattr(action, "back") else OVERVIEW

        def save(data):
            action(request, record, _labelled(data))
            return back

        return officer_form(
            request,
            form_class(request.POST or None, initial=initial(record) if initial else None),
            save,
            title=f"{record}: {title}",
            back=back,
        )

    return view


def _incident_url(incident) -> str:
    return reverse("operations:incident", args=[incident.reference])


def _edit_incident(request, incident, data):
    services.incident_update(actor=request.user, incident=incident, **data)


def _review(request, incident, data):
    services.incident_review(actor=request.user, incident=incident, item=data["item"])


def _value(request, measure, data):
    services.value_record(actor=request.user, measure=measure, **data)


def _owed(request, report, data):
    services.owed_report_update(actor=request.user, report=report, **data)


def _reprioritise(request, issue, data):
    services.issue_reprioritise(actor=request.user, issue=issue, **data)


def _close(request, issue, data):
    services.issue_close(actor=request.user, issue=issue, **data)


def _certificate(request, device, data):
    services.certificate_add(actor=request.user, device=device, **data)


def _deadline(request, device, data):
    services.deadline_set(actor=request.user, device=device, **data)


_edit_incident.back = _review.back = _incident_url  # type: ignore[attr-defined]
_value.back = lambda m: reverse("operations:measure", args=[m.code])  # type: ignore[attr-defined]
_reprioritise.back = _close.back = lambda i: reverse(  # type: ignore[attr-defined]
    "operations:issue", args=[i.reference]
)
_certificate.back = _deadline.back = lambda d: reverse(  # type: ignore[attr-defined]
    "operations:device", args=[d.pk]
)


def _incident_initial(incident) -> dict:
    return {
        "occurred_on": incident.occurred_on,
        "service": incident.service,
        "duration_minutes": incident.duration_minutes,
        "severity": incident.severity,
        "summary": incident.summary,
        "causes": list(incident.causes.all()),
        "label": Label(incident.label).name,
    }


def _owed_initial(report) -> dict:
    return {
        "due_on": report.due_on,
        "delivered_on": report.delivered_on,
        "escalated_on": report.escalated_on,
        "escalated_to": report.escalated_to,
        "label": Label(report.label).name,
    }


incident_edit = _record_form(
    Incident, "reference", forms.IncidentEditForm, "edit", _edit_incident, _incident_initial
)
incident_review = _record_form(Incident, "reference", forms.ReviewForm, "link a review", _review)
value_new = _record_form(Measure, "code", forms.ValueForm, "record a month's value", _value)
owed_update = _record_form(
    OwedReport, "pk", forms.OwedReportUpdateForm, "update", _owed, _owed_initial
)
issue_reprioritise = _record_form(
    SubGroupIssue, "reference", forms.ReprioritiseForm, "reprioritise", _reprioritise
)
issue_close = _record_form(SubGroupIssue, "reference", forms.CloseForm, "close", _close)
certificate_new = _record_form(
    Device, "pk", forms.CertificateForm, "add a CPA certificate", _certificate
)
deadline_new = _record_form(
    Device, "pk", forms.DeadlineForm, "set a remediation deadline", _deadline
)
