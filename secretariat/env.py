"""Settings from the environment, through helpers that refuse bad values loudly."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    # Blank as unset: a copied .env.example leaves some numbers empty to mean "the default".
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def proxy_ssl_header(raw: str) -> tuple[str, str] | None:
    """`SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto`: the header a TLS-terminating proxy sets to
    `https`, trusted only when named (a client could otherwise claim HTTPS itself)."""
    name = raw.strip()
    if not name:
        return None
    if not all(part.isalnum() for part in name.split("-")):
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER={raw!r} is not a header name (e.g. X-Forwarded-Proto)."
        )
    return ("HTTP_" + name.upper().replace("-", "_"), "https")


TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_backend(raw: str) -> dict:
    name = raw.strip().lower()
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"SECRETARIAT_TASKS={raw!r} is not one of: {', '.join(TASK_BACKENDS)}."
        )
    return {"BACKEND": TASK_BACKENDS[name]}
