"""The API's answers: every error shaped like `Error`, bounds on paging, and an OpenAPI
description that names every answer and the way a reader signs in."""

from __future__ import annotations

import pytest

OPENAPI = "/api/openapi.json"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=-1", "limit", "greater than or equal to 1"),
        ("limit=0", "limit", "greater than or equal to 1"),
        ("limit=501", "limit", "less than or equal to 500"),
        ("offset=-3", "offset", "greater than or equal to 0"),
        # Beyond any archive, and beyond what the database takes as a number (was a 500).
        ("offset=47372905021352779776", "offset", "less than or equal to 1000000"),
        ("limit=many", "limit", "valid integer"),
    ],
)
def test_it_answers_422_naming_the_field_for_paging_out_of_bounds(client_as, query, field, message):
    response = client_as("anonymous").get(f"/api/meetings?{query}")
    assert response.status_code == 422
    answer = response.json()
    assert answer["detail"].startswith(f"{field}: ") and message in answer["detail"]
    assert answer["errors"] == [{"field": field, "message": answer["detail"][len(field) + 2 :]}]


def test_it_pages_with_limit_and_offset(client_as):
    client = client_as("anonymous")
    every = [m["reference"] for m in client.get("/api/meetings?body=SSC&limit=500").json()]
    assert len(every) > 3
    page = client.get("/api/meetings?body=SSC&limit=2&offset=1").json()
    assert [m["reference"] for m in page] == every[1:3]


def test_it_answers_404_in_the_error_shape(client_as):
    response = client_as("anonymous").get("/api/meetings/SSC_1_0101")
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def _spec(client_as) -> dict:
    return client_as("anonymous").get(OPENAPI).json()


def _ref(answer: dict) -> str:
    return answer["content"]["application/json"]["schema"]["$ref"]


def test_it_documents_every_error_answer_with_the_error_schema(client_as):
    spec = _spec(client_as)
    listing = spec["paths"]["/api/meetings"]["get"]["responses"]
    assert _ref(listing["422"]) == "#/components/schemas/Invalid"
    detail = spec["paths"]["/api/meetings/{reference}"]["get"]["responses"]
    assert _ref(detail["404"]) == "#/components/schemas/Error"
    assert "422" in detail  # its path parameter is validated too
    bodies = spec["paths"]["/api/bodies"]["get"]["responses"]
    # No parameter, no record named: nothing else to answer but a refused API token.
    assert set(bodies) == {"200", "401"}
    assert _ref(bodies["401"]) == "#/components/schemas/Error"
    schemas = spec["components"]["schemas"]
    assert schemas["Error"]["required"] == ["detail"]
    assert set(schemas["Invalid"]["properties"]) == {"detail", "errors"}
    parameters = {p["name"]: p for p in spec["paths"]["/api/meetings"]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["minimum"] == 1
    assert parameters["limit"]["schema"]["maximum"] == 500
    assert parameters["offset"]["schema"]["minimum"] == 0


def test_it_declares_the_session_sign_in_and_csrf(client_as):
    spec = _spec(client_as)
    schemes = spec["components"]["securitySchemes"]
    assert schemes["sessionCookie"] == {
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
        "description": schemes["sessionCookie"]["description"],
    }
    assert schemes["csrfToken"]["in"] == "header"
    assert schemes["csrfToken"]["name"] == "X-CSRFToken"
    # Reading is open to the public ({}), to the reader of the session cookie, or to a token.
    assert spec["security"] == [{}, {"sessionCookie": []}, {"bearerToken": []}]
    assert schemes["bearerToken"]["type"] == "http" and schemes["bearerToken"]["scheme"] == "bearer"
    # A write takes the token alone, or the session with its CSRF token.
    write = spec["paths"]["/api/meetings"]["post"]
    assert write["security"] == [{"bearerToken": []}, {"sessionCookie": [], "csrfToken": []}]


def _api_with_a_write_route():
    from ninja import Router
    from ninja.security import django_auth

    from secretariat.core.api import SecretariatAPI
    from secretariat.core.services import ServiceError

    router = Router()

    @router.post("/notes/{reference}", auth=django_auth)
    def add_note(request, reference: str, text: str):
        raise ServiceError({"text": "Text is too long: 2,001 characters, at most 2,000."})

    api = SecretariatAPI(urls_namespace="answers-test", docs_url=None)
    api.add_router("/x", router)
    return api


def test_it_documents_a_signed_in_change_with_401_403_and_the_csrf_token():
    spec = _api_with_a_write_route().get_openapi_schema(path_prefix="/x/")
    operation = spec["paths"]["/x/x/notes/{reference}"]["post"]
    assert {"401", "403", "404", "422"} <= {str(code) for code in operation["responses"]}
    assert all("csrfToken" in requirement for requirement in operation["security"])


def test_it_answers_a_services_refusal_as_422_naming_the_field(user_of):
    from ninja.testing import TestClient

    client = TestClient(_api_with_a_write_route())
    response = client.post("/x/notes/SSC_72_2702?text=x", user=user_of("officer"))
    assert response.status_code == 422
    assert response.json() == {
        "detail": "text: Text is too long: 2,001 characters, at most 2,000.",
        "errors": [
            {"field": "text", "message": "Text is too long: 2,001 characters, at most 2,000."}
        ],
    }
