"""The signed-in person's API tokens: make one (its secret shown once, on the answer to the
making), see which are live and when each was last used, revoke one."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from secretariat.core.services import ServiceError
from secretariat.labels.requests import ReaderRequest
from secretariat.workspace.token_models import ApiToken
from secretariat.workspace.tokens import token_create, token_revoke
from secretariat.workspace.views.common import errors_of, page, see_other


def _require_person(request) -> int:
    """The signed-in account's id. Tokens are a person's own: a visitor, or an account that is
    nobody of the directory, has no such page."""
    user_id = request.user.pk
    if request.reader.person_id is None or user_id is None:
        raise Http404("No such page.")
    return int(user_id)


@require_http_methods(["GET", "POST"])
def tokens(request: ReaderRequest) -> HttpResponse:
    user_id = _require_person(request)
    errors: dict = {}
    status = 200
    made = None
    if request.method == "POST":
        try:
            made = token_create(actor=request.user, name=request.POST.get("name", ""))
        except ServiceError as error:
            errors, status = errors_of(error), 400
        else:
            status = 201
    rows = list(ApiToken.objects.filter(user_id=user_id))
    response = page(
        request,
        "workspace/office/tokens.html",
        {
            "rows": rows,
            "errors": errors,
            "made": made[0] if made else None,
            "secret": made[1] if made else "",
            "api_url": request.build_absolute_uri(reverse("api:openapi-json")),
        },
        status=status,
    )
    # The page may hold a token's secret: never kept by any cache.
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
def token_revoke_view(request: ReaderRequest, pk: int) -> HttpResponse:
    user_id = _require_person(request)
    row = ApiToken.objects.filter(pk=pk, user_id=user_id).first()
    if row is None:
        raise Http404("No such token.")
    try:
        token_revoke(actor=request.user, token=row)
    except ServiceError as error:
        rows = list(ApiToken.objects.filter(user_id=user_id))
        return page(
            request,
            "workspace/office/tokens.html",
            {"rows": rows, "errors": errors_of(error), "made": None, "secret": ""},
            status=400,
        )
    return see_other(reverse("workspace:tokens"))
