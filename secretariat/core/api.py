"""What every part of the JSON API shares: the shape of an error answer, and an OpenAPI
description that names every answer a route may give and how a reader signs in.

Every error answers `{"detail": "..."}` (the `Error` schema); a request whose parameters or body
do not validate answers 422 with the same `detail`, naming each field, and the fields one by one
(`Invalid`). The description is completed from what the routes are, so a router added later is
documented the same way without saying so itself:

- a route with parameters or a body may answer 422, and one with a body 400 when it is not
  JSON at all;
- a route with a path parameter may answer 404 (the record it names does not exist, or is not
  for this reader: what a reader may not know of answers 404, never 403);
- a route that requires a session answers 401 without one, and an unsafe method without the CSRF
  token answers 403;
- reading is open to the public, to a reader signed in with the Django session cookie
  (`POST /sign-in/` on the site sets it), declared as the `sessionCookie` scheme, or to a
  person's API token sent as `Authorization: Bearer …` (`bearerToken`), which reads at most
  AMBER; any route answers 401 to an unknown or revoked token;
- a write (the `WRITERS` authentication) takes the token or the session, the session with its
  CSRF token; a write from a stale `version` answers 409 (`Stale`), naming the record.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from secretariat.core.services import StaleVersion

UNSAFE_METHODS = {"post", "put", "patch", "delete"}
SESSION = "sessionCookie"
CSRF = "csrfToken"
BEARER = "bearerToken"


class TokenAuth(HttpBearer):
    """A write by API token. The token was checked by the token middleware (the workspace's
    `ApiTokenMiddleware`, which answers 401 to a bad one on every route), so here it is only
    looked up on the request."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return getattr(request, "api_token", None)


# A write is made by a person's API token or, with its CSRF token, by the session.
WRITERS = [TokenAuth(), SessionAuth()]
# ninja names a security scheme after its class; the OpenAPI keeps the names the API documents.
_SCHEME_NAMES = {"TokenAuth": BEARER, "SessionAuth": SESSION}


class Error(Schema):
    """Every error answer."""

    detail: str


class Stale(Error):
    """A 409 answer: the record (`record`) changed since the writer read it at the version it
    sent; `version` is the one it holds now. Nothing was written."""

    record: str
    version: int


class FieldError(Schema):
    field: str
    message: str


class Invalid(Error):
    """A 422 answer: `detail` names every field that is wrong; `errors` lists them one by one."""

    errors: list[FieldError]


def _field(location: Any) -> str:
    # ninja locates a field as ("query", "limit") or ("body", "payload", "title"): the first
    # part says where it came from, the rest is the field's own name.
    parts = [str(part) for part in location or ()]
    named = (
        parts[1:]
        if parts and parts[0] in {"query", "path", "body", "header", "cookie", "form"}
        else parts
    )
    if named and named[0] == "payload":
        named = named[1:]
    return ".".join(named) or "request"


def invalid(errors: list[FieldError]) -> dict[str, Any]:
    detail = "; ".join(f"{error.field}: {error.message}" for error in errors)
    return Invalid(detail=detail or "The request is not valid.", errors=errors).dict()


def _answer(model: type[Schema], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
        },
    }


class ObjectBodies(Parser):
    """Every body this API takes is a JSON object of fields. Anything else (a bare string, a
    number, a list) is refused as a body that cannot be read (400), before a schema could read
    fields off it as if it were an object (a string's `title` is a method of str)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("The body must be a JSON object of the fields.")
        return data


class SecretariatAPI(NinjaAPI):
    """NinjaAPI with one error shape and an OpenAPI description of every answer."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("parser", ObjectBodies())
        super().__init__(*args, **kwargs)
        self.add_exception_handler(ValidationError, self._validation_error)
        # A service's refusal of bad input names the field; it is the caller's error, not a 500.
        self.add_exception_handler(DjangoValidationError, self._service_error)
        self.add_exception_handler(StaleVersion, self._stale)

    def _stale(self, request: HttpRequest, exc: Any) -> HttpResponse:
        record = getattr(exc, "record", "") or exc.model
        detail = " ".join(exc.messages)
        body = Stale(detail=f"{record}: {detail}", record=record, version=exc.version)
        return self.create_response(request, body.dict(), status=409)

    def _validation_error(self, request: HttpRequest, exc: Any) -> HttpResponse:
        errors = [
            FieldError(field=_field(error.get("loc")), message=str(error.get("msg", "")))
            for error in exc.errors
        ]
        return self.create_response(request, invalid(errors), status=422)

    def _service_error(self, request: HttpRequest, exc: Any) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                FieldError(field=field, message=" ".join(str(m) for m in messages))
                for field, messages in exc.message_dict.items()
            ]
        else:
            errors = [FieldError(field="request", message=" ".join(exc.messages))]
        return self.create_response(request, invalid(errors), status=422)

    def get_openapi_schema(self, *args: Any, **kwargs: Any):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        for model in (Error, FieldError, Invalid, Stale):
            found = model.model_json_schema(ref_template="#/components/schemas/{model}")
            found.pop("$defs", None)
            schemas[model.__name__] = found
        schemes = components.setdefault("securitySchemes", {})
        for old in _SCHEME_NAMES:
            schemes.pop(old, None)
        for operations in schema["paths"].values():
            for operation in operations.values():
                if operation.get("security"):
                    operation["security"] = [
                        {_SCHEME_NAMES.get(name, name): scopes for name, scopes in req.items()}
                        for req in operation["security"]
                    ]
        schemes[BEARER] = {
            "type": "http",
            "scheme": "bearer",
            "description": "A person's API token (`sct_…`), made on the site's API tokens page "
            "(`/my/tokens/`). It reads as that person at most at AMBER, and writes what they may "
            "write; an unknown or revoked token answers 401.",
        }
        schemes[SESSION] = {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The Django session cookie, set by signing in on the site "
            "(`POST /sign-in/`). Without it the API answers as it would the public.",
        }
        schemes[CSRF] = {
            "type": "apiKey",
            "in": "header",
            "name": "X-CSRFToken",
            "description": "The value of the `csrftoken` cookie, required with the session "
            "cookie on every unsafe method (POST, PUT, PATCH, DELETE).",
        }
        # Reading is open to the public, or to the reader the session cookie signs in.
        schema["security"] = [{}, {SESSION: []}, {BEARER: []}]
        cookie_schemes = {name for name, scheme in schemes.items() if scheme.get("in") == "cookie"}
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                self._complete(path, method, operation, cookie_schemes)
        return schema

    def _complete(self, path: str, method: str, operation: dict, cookie_schemes: set) -> None:
        responses = operation.setdefault("responses", {})
        if operation.get("parameters") or operation.get("requestBody"):
            responses.setdefault(
                422, _answer(Invalid, "A parameter or the body is not valid: each field named.")
            )
        if operation.get("requestBody"):
            responses.setdefault(400, _answer(Error, "The body cannot be parsed as JSON."))
        if "{" in path:
            responses.setdefault(
                404, _answer(Error, "Not found, or not for this reader (answered alike).")
            )
        security = operation.get("security")
        if not security:
            # Even an open route refuses a token it does not know.
            responses.setdefault(401, _answer(Error, "The API token is unknown or revoked."))
            return
        responses.setdefault(401, _answer(Error, "Not signed in, or the token is not valid."))
        by_cookie = any(cookie_schemes & set(requirement) for requirement in security)
        if method.lower() in UNSAFE_METHODS and by_cookie:
            # A session cookie alone does not authorise a change: ninja checks the CSRF token.
            operation["security"] = [
                {**requirement, CSRF: []} if cookie_schemes & set(requirement) else requirement
                for requirement in security
            ]
            responses.setdefault(403, _answer(Error, "The CSRF token is missing or wrong."))


__all__ = ["WRITERS", "Error", "FieldError", "Invalid", "SecretariatAPI", "Stale", "TokenAuth"]
