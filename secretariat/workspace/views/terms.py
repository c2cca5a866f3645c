"""The terms officers register as sensitive, which the pre-publication check refuses in anything
published below their label (publishing/screening.py): data, kept here, not in code."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from secretariat.core.services import ServiceError
from secretariat.labels.access import Scope
from secretariat.labels.requests import ReaderRequest
from secretariat.publishing.models import SensitiveTerm
from secretariat.publishing.screening import sensitive_term_add, sensitive_term_update
from secretariat.workspace.access import require_officer
from secretariat.workspace.views.common import LABEL_CHOICES, errors_of, page, see_other

# The terms are the secretariat's working list, as the register is: open to every officer.
TERMS_SCOPE = Scope(secretariat_reads_red=True)


@require_http_methods(["GET", "POST"])
def terms(request: ReaderRequest) -> HttpResponse:
    reader = request.reader
    require_officer(reader)
    errors: dict = {}
    if request.method == "POST":
        try:
            retire = request.POST.get("retire", "")
            if retire:
                row = SensitiveTerm.objects.filter(
                    pk=int(retire) if retire.isdigit() else 0
                ).first()
                if row is None or not reader.admits(row.label, TERMS_SCOPE):
                    raise ServiceError({"retire": "No such term."})
                sensitive_term_update(actor=request.user, row=row, active=False)
            else:
                sensitive_term_add(
                    actor=request.user,
                    term=request.POST.get("term", ""),
                    label=request.POST.get("label", "3"),
                    note=request.POST.get("note", ""),
                )
        except ServiceError as error:
            errors = errors_of(error)
        else:
            return see_other(reverse("workspace:terms"))
    rows = [
        row
        for row in SensitiveTerm.objects.filter(active=True).order_by("term")
        if reader.admits(row.label, TERMS_SCOPE)
    ]
    context = {
        "terms": rows,
        "errors": errors,
        "values": request.POST if errors else {},
        "label_choices": LABEL_CHOICES[1:],
    }
    return page(request, "workspace/minutes/terms.html", context, status=400 if errors else 200)
