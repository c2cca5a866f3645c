"""What a server beyond the demo requires of the settings, checked when it starts.

The settings fall back to a public key so that a fresh clone runs the demo and the tests with no
environment at all. Every way of serving the workspace but the demo's development server
(`secretariat serve`, `secretariat worker`, another WSGI server through `secretariat.wsgi`)
calls `require_production_settings` first, so that the fallback can never sign a real session.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# As Django's own deployment check (security.W009) counts a strong key.
MIN_KEY_LENGTH = 50
MIN_KEY_CHARACTERS = 5

NEW_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def secret_key_problem() -> str | None:
    key = settings.SECRET_KEY
    if key == settings.LOCAL_ONLY_SECRET_KEY:
        return (
            "SECRET_KEY is not set: only the demo may run on the public local key. "
            f"Set SECRET_KEY in the environment to a long random value, e.g. from `{NEW_KEY}`."
        )
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < MIN_KEY_CHARACTERS:
        return (
            f"SECRET_KEY is too weak: use at least {MIN_KEY_LENGTH} characters "
            f"of {MIN_KEY_CHARACTERS} or more different ones, e.g. from `{NEW_KEY}`."
        )
    return None


def chain_key_problem() -> str | None:
    key = settings.SECRETARIAT_CHAIN_KEY
    if key == settings.LOCAL_ONLY_CHAIN_KEY:
        return (
            "SECRETARIAT_CHAIN_KEY is not set: the audit log and the publication ledger would be "
            "chained with the public local key. Set it in the environment to a long random value "
            f"kept outside the database and its backups, e.g. from `{NEW_KEY}`."
        )
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < MIN_KEY_CHARACTERS:
        return (
            f"SECRETARIAT_CHAIN_KEY is too weak: use at least {MIN_KEY_LENGTH} characters "
            f"of {MIN_KEY_CHARACTERS} or more different ones, e.g. from `{NEW_KEY}`."
        )
    return None


def production_problems(*, allow_debug: bool = False) -> list[str]:
    problems = []
    for problem in (secret_key_problem(), chain_key_problem()):
        if problem:
            problems.append(problem)
    if settings.DEBUG and not allow_debug:
        problems.append(
            "DEBUG is on: a production server shows no tracebacks. Unset DEBUG or set DEBUG=0."
        )
    return problems


def require_production_settings(*, allow_debug: bool = False) -> None:
    if settings.SECRETARIAT_DEMO_SERVER:
        return
    problems = production_problems(allow_debug=allow_debug)
    if problems:
        raise ImproperlyConfigured(" ".join(problems))
