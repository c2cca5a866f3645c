"""Settings for officers, on workspace pages: the vocabulary of outcome verbs, each body's agenda
template and quorum, and each body's members with their terms. Every write goes through a
service, audited; every edit carries the record's `version` and a stale one answers 409."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from secretariat.core.services import ServiceError, StaleVersion
from secretariat.directory.models import Body, Membership, Organisation, Person, Role, SeatCategory
from secretariat.directory.services import membership_update
from secretariat.labels.requests import ReaderRequest
from secretariat.meetings.models import AgendaItem, OutcomeVerb
from secretariat.meetings.services import outcome_verb_create
from secretariat.workspace.access import officer_body_or_404, require_officer
from secretariat.workspace.models import BodyPractice, StandingItem
from secretariat.workspace.selectors import officer_body_ids
from secretariat.workspace.services import (
    body_practice_set,
    standing_item_create,
    standing_item_update,
)
from secretariat.workspace.settings_services import member_add, outcome_verb_update
from secretariat.workspace.views.common import (
    LABEL_CHOICES,
    errors_of,
    page,
    parse_date,
    parse_int,
    see_other,
)


def _answer(request, template: str, context: dict, run, done: str) -> HttpResponse:
    """Run a POST's service; 303 to `done` when it worked, else the page with what went wrong
    (409 for a stale version, 400 for anything else), the failed form named by `form`."""
    errors: dict = {}
    status = 200
    if request.method == "POST":
        try:
            run()
        except StaleVersion as error:
            errors, status = errors_of(error), 409
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            return see_other(done)
    context.update(errors=errors, failed=request.POST.get("form", ""), values=request.POST)
    return page(request, template, context, status=status)


@require_GET
def settings_index(request: ReaderRequest) -> HttpResponse:
    reader = request.reader
    require_officer(reader)
    bodies = Body.objects.filter(pk__in=officer_body_ids(reader)).order_by("position")
    return page(request, "workspace/office/settings.html", {"bodies": list(bodies)})


def _checked(request, name: str) -> bool:
    return request.POST.get(name) == "on"


@require_http_methods(["GET", "POST"])
def verbs(request: ReaderRequest) -> HttpResponse:
    require_officer(request.reader)

    def run():
        post = request.POST
        if post.get("form") == "add":
            outcome_verb_create(
                actor=request.user,
                word=post.get("word", ""),
                description=post.get("description", ""),
            )
            return
        verb = OutcomeVerb.objects.filter(pk=parse_int(post.get("form", ""), "form")).first()
        if verb is None:
            raise Http404("No such verb.")
        outcome_verb_update(
            actor=request.user,
            verb=verb,
            version=post.get("version"),
            description=post.get("description", ""),
            active=_checked(request, "active"),
        )

    context = {"verbs": list(OutcomeVerb.objects.order_by("word"))}
    return _answer(request, "workspace/office/verbs.html", context, run, reverse("workspace:verbs"))


@require_http_methods(["GET", "POST"])
def template(request: ReaderRequest, code: str) -> HttpResponse:
    body = officer_body_or_404(request.reader, code)

    def run():
        post = request.POST
        form = post.get("form", "")
        if form == "add":
            standing_item_create(
                actor=request.user,
                body=body,
                title=post.get("title", ""),
                kind=post.get("kind", AgendaItem.Kind.REGULAR),
                label=post.get("label", "0"),
            )
        elif form == "quorum":
            value = (post.get("quorum") or "").strip()
            body_practice_set(
                actor=request.user, body=body, quorum=parse_int(value, "quorum") if value else None
            )
        else:
            row = StandingItem.objects.filter(body=body, pk=parse_int(form, "form")).first()
            if row is None:
                raise Http404("No such standing item.")
            standing_item_update(
                actor=request.user,
                row=row,
                version=post.get("version"),
                title=(post.get("title") or "").strip(),
                position=parse_int(post.get("position", ""), "position"),
                kind=post.get("kind", row.kind),
                label=post.get("label", row.label),
                active=_checked(request, "active"),
            )

    rows = list(StandingItem.objects.filter(body=body).order_by("position"))
    defaults = (
        []
        if rows
        else list(StandingItem.objects.filter(body__isnull=True, active=True).order_by("position"))
    )
    practice = BodyPractice.objects.filter(body=body).first()
    context = {
        "body": body,
        "rows": rows,
        "defaults": defaults,
        "quorum": practice.quorum if practice else None,
        "kinds": AgendaItem.Kind.choices,
        "label_choices": LABEL_CHOICES,
    }
    done = reverse("workspace:template", args=[body.code])
    return _answer(request, "workspace/office/template.html", context, run, done)


@require_http_methods(["GET", "POST"])
def members(request: ReaderRequest, code: str) -> HttpResponse:
    body = officer_body_or_404(request.reader, code)

    def run():
        post = request.POST
        form = post.get("form", "")
        if form == "add":
            chosen = (post.get("person") or "").strip()
            person = (
                Person.objects.filter(pk=parse_int(chosen, "person")).first() if chosen else None
            )
            organisation_pk = (post.get("organisation") or "").strip()
            member_add(
                actor=request.user,
                body=body,
                role=post.get("role", ""),
                seat=post.get("seat", ""),
                term_start=parse_date(post.get("term_start", ""), "term_start"),
                term_end=parse_date(post.get("term_end", ""), "term_end"),
                person=person,
                full_name=post.get("full_name", ""),
                email=post.get("email", ""),
                username=post.get("username", ""),
                organisation=Organisation.objects.filter(
                    pk=parse_int(organisation_pk, "organisation")
                ).first()
                if organisation_pk
                else None,
            )
            return
        membership = Membership.objects.filter(body=body, pk=parse_int(form, "form")).first()
        if membership is None:
            raise Http404("No such membership.")
        start = parse_date(post.get("term_start", ""), "term_start")
        if start is None:
            raise ServiceError({"term_start": "Say when the term starts."})
        membership_update(
            actor=request.user,
            membership=membership,
            version=post.get("version"),
            role=post.get("role", membership.role),
            seat=post.get("seat", ""),
            term_start=start,
            term_end=parse_date(post.get("term_end", ""), "term_end"),
        )

    rows = list(
        Membership.objects.filter(body=body)
        .select_related("person__organisation")
        .order_by("role", "person__full_name", "term_start")
    )
    context = {
        "body": body,
        "rows": rows,
        "roles": Role.choices,
        "seats": SeatCategory.choices,
        "people": list(Person.objects.order_by("full_name").only("pk", "full_name")),
        "organisations": list(Organisation.objects.order_by("category", "pseudonym")),
    }
    done = reverse("workspace:members", args=[body.code])
    return _answer(request, "workspace/office/members.html", context, run, done)
