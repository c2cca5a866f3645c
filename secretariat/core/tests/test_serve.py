"""`secretariat serve`: gunicorn with production settings, through real processes and HTTP."""

from __future__ import annotations

import http.client
import re
import secrets
import subprocess
import sys
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from secretariat.serving import base_env, demo_workspace, production_env, run_cli, served

MEETING = "/meetings/SSC_72_2702/"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": secrets.token_urlsafe(50), "DEBUG": "1"}, "DEBUG is on"),
        (
            {"SECRET_KEY": secrets.token_urlsafe(50), "SECRETARIAT_CHAIN_KEY": ""},
            "SECRETARIAT_CHAIN_KEY is not set",
        ),
    ],
)
def test_it_refuses_to_serve_without_production_settings(tmp_path, extra, message):
    env = base_env(tmp_path, **extra)
    if "SECRET_KEY" not in extra:
        env.pop("SECRET_KEY", None)
    result = run_cli(env, "serve", "--check-only")
    assert result.returncode != 0
    assert message in result.stderr


def test_it_refuses_any_wsgi_server_the_public_key(tmp_path):
    env = base_env(tmp_path)
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", "import secretariat.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_refuses_a_workspace_not_yet_migrated(tmp_path):
    result = run_cli(production_env(tmp_path), "serve", "--check-only")
    assert result.returncode != 0
    assert "run `secretariat migrate` first" in result.stderr


class Browser:
    """Just enough of a browser over http.client: cookies, and no redirect followed."""

    def __init__(self, port: int, **headers: str) -> None:
        self.port = port
        self.headers = headers
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, **headers: str):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            sent = {**self.headers, **headers}
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            data = None
            if body is not None:
                data = urlencode(body)
                sent["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            content = response.read()
            set_cookies = response.headers.get_all("Set-Cookie") or []
            for raw in set_cookies:
                for name, morsel in SimpleCookie(raw).items():
                    self.cookies[name] = morsel.value
            return response, content.decode("utf-8", "replace"), set_cookies
        finally:
            connection.close()

    def sign_in(self, username: str, password: str, **headers: str):
        _, page, _ = self.request("GET", "/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page
        body = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        return self.request("POST", "/sign-in/", body, **headers)


@pytest.fixture(scope="module")
def production():
    data = demo_workspace()
    env = production_env(
        data,
        ALLOWED_HOSTS="127.0.0.1,secretariat.example",
        SECURE_SSL_REDIRECT="1",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        SECURE_HSTS_SECONDS="3600",
        SESSION_COOKIE_SECURE="1",
        CSRF_COOKIE_SECURE="1",
        CSRF_TRUSTED_ORIGINS="https://secretariat.example",
        # The knob that once let a WSGI server admit demo accounts: `serve` ignores it.
        SECRETARIAT_LISTEN_ADDRESS="127.0.0.1",
        DJANGO_SUPERUSER_PASSWORD="a long and real passphrase 7",
    )
    created = run_cli(
        env, "createsuperuser", "--noinput", "--username", "keeper", "--email", "k@example.org"
    )
    assert created.returncode == 0, created.stderr
    with served("serve", env, "--workers", "2", "--threads", "2") as server:
        yield server


def test_it_redirects_plain_http_to_https(production):
    response, _, _ = Browser(production.port).request("GET", MEETING)
    assert response.status == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{production.port}{MEETING}"


def test_it_serves_pages_and_static_files_with_hsts_over_https(production):
    browser = Browser(production.port, **{"X-Forwarded-Proto": "https"})
    response, page, _ = browser.request("GET", MEETING)
    assert response.status == 200
    assert response.headers["Server"] == "gunicorn"
    assert response.headers["Strict-Transport-Security"] == "max-age=3600"
    assert "SSC_72" in page
    response, css, _ = browser.request("GET", "/static/secretariat/site.css")
    assert response.status == 200 and "header.site" in css


def test_it_shows_no_debug_page(production):
    browser = Browser(production.port, **{"X-Forwarded-Proto": "https"})
    response, page, _ = browser.request("GET", "/no-such-page/")
    assert response.status == 404
    assert "URLconf" not in page and "DEBUG" not in page


def test_it_sets_secure_cookies_and_trusts_only_the_named_origins(production):
    for origin, expected in (("https://secretariat.example", 302), ("https://evil.example", 403)):
        browser = Browser(production.port, **{"X-Forwarded-Proto": "https"})
        response, _, cookies = browser.sign_in(
            "keeper", "a long and real passphrase 7", Origin=origin
        )
        assert response.status == expected, origin
        if expected == 302:
            assert any(c.startswith("sessionid=") and "Secure" in c for c in cookies), cookies
    _, _, cookies = Browser(production.port, **{"X-Forwarded-Proto": "https"}).request(
        "GET", "/sign-in/"
    )
    assert any(c.startswith("csrftoken=") and "Secure" in c for c in cookies), cookies


def test_it_never_admits_the_demo_accounts(production):
    browser = Browser(production.port, **{"X-Forwarded-Proto": "https"})
    response, _, cookies = browser.sign_in("officer", "demo", Origin="https://secretariat.example")
    assert response.status == 200  # the form again, not a redirect
    assert not any(c.startswith("sessionid=") for c in cookies)


def test_it_freezes_what_a_worker_loaded_before_its_first_request():
    """A worker's application comes with the site's modules moved out of the collector's way
    (core/gunicorn.py `settle`), so that full collections walk only what requests made."""
    import gc

    from secretariat.core.gunicorn import Server

    gc.unfreeze()
    try:
        application = Server({"bind": "127.0.0.1:0", "workers": 1}).load()
        assert callable(application)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
