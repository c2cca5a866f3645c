"""A person's own notification settings, the one-click unsubscribe (a signed link: no sign-in,
GET asks, POST unsubscribes, as RFC 8058 mail clients do), and the officers' announcement of a
meeting's papers."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from secretariat.core.services import ServiceError
from secretariat.directory.models import Body, Person
from secretariat.labels.requests import ReaderRequest
from secretariat.notifications.models import Mode, Subscription
from secretariat.notifications.sending import read_token
from secretariat.notifications.services import papers_announce
from secretariat.notifications.subscriptions import default_modes, subscription_set
from secretariat.workspace.access import officer_meeting_or_404
from secretariat.workspace.views.common import errors_of, see_other


def _rows(person: Person) -> list[dict]:
    chosen = dict(Subscription.objects.filter(person=person).values_list("body_id", "mode"))
    rows = []
    for body in Body.objects.order_by("position"):
        mode = chosen.get(body.pk) or default_modes(body).get(person.pk, Mode.NONE)
        rows.append({"body": body, "mode": mode, "chosen": body.pk in chosen})
    return rows


@require_http_methods(["GET", "POST"])
def settings_page(request: ReaderRequest) -> HttpResponse:
    reader = request.reader
    if reader.person_id is None:
        raise Http404("No such page.")
    person = Person.objects.get(pk=reader.person_id)
    errors: dict = {}
    status = 200
    if request.method == "POST":
        body = Body.objects.filter(code=request.POST.get("body", "")).first()
        try:
            if body is None:
                raise ServiceError({"body": "Choose a body of the SEC."})
            subscription_set(
                actor=request.user, person=person, body=body, mode=request.POST.get("mode", "")
            )
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            return see_other(reverse("notifications:settings"))
    return render(
        request,
        "notifications/settings.html",
        {"rows": _rows(person), "modes": Mode.choices, "errors": errors, "person": person},
        status=status,
    )


@csrf_exempt  # the signed token is the credential; mail clients POST without a form's token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str) -> HttpResponse:
    read = read_token(token)
    person = None
    if read is not None:
        person = Person.objects.select_related("user").filter(pk=read[0]).first()
    if read is None or person is None or person.user is None:
        raise Http404("This link is not valid.")
    bodies = list(Body.objects.filter(pk__in=read[1]).order_by("position"))
    if request.method == "POST":
        for body in bodies:
            subscription_set(actor=person.user, person=person, body=body, mode=Mode.NONE)
    return render(
        request,
        "notifications/unsubscribe.html",
        {"bodies": bodies, "done": request.method == "POST"},
    )


@require_POST
def announce(request: ReaderRequest, reference: str) -> HttpResponse:
    meeting = officer_meeting_or_404(request.reader, reference)
    try:
        papers_announce(actor=request.user, meeting=meeting)
    except ServiceError as error:
        said = [message for messages in errors_of(error).values() for message in messages]
        return HttpResponse(" ".join(said), status=400)
    return see_other(reverse("workspace:papers", args=[meeting.reference]) + "?announced=1")
