"""The break-glass page: a superuser states why and for how long, and may end it early. Anyone
else gets 404: the page is no business of theirs."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from secretariat.audit.elevation import (
    MAX_MINUTES,
    active_elevation,
    elevation_end,
    elevation_start,
)
from secretariat.audit.models import Elevation
from secretariat.core.services import ServiceError


@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.is_authenticated and user.is_superuser):
        raise Http404("No such page.")
    errors: dict = {}
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("end"):
                elevation_end(actor=user)
            else:
                elevation_start(
                    actor=user,
                    reason=request.POST.get("reason", ""),
                    minutes=request.POST.get("minutes", ""),
                )
        except ServiceError as error:
            errors = getattr(error, "message_dict", {"__all__": error.messages})
            status = 400
        else:
            return redirect("audit:break-glass")
    context = {
        "elevation": active_elevation(user),
        "past": Elevation.objects.filter(user_id=user.pk)[:10],
        "errors": errors,
        "max_minutes": MAX_MINUTES,
        "reason": request.POST.get("reason", ""),
    }
    return render(request, "audit/break_glass.html", context, status=status)
