"""Settings of the secretariat project. Every value that differs between machines comes from the
environment through `secretariat.env`; see `.env.example` for the list."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from secretariat.env import env_bool, env_int, env_list, env_str, proxy_ssl_header, tasks_backend

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SECRETARIAT_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", False)
# A missing key falls back to a public one so that the demo, the tests and local commands run
# from a fresh clone; every server but the demo's (`secretariat serve`, `secretariat worker`,
# any WSGI server through `secretariat.wsgi`) refuses to start with it: see core/deployment.py.
LOCAL_ONLY_SECRET_KEY = "secretariat-local-only-key-not-for-production"
SECRET_KEY = env_str("SECRET_KEY", "") or LOCAL_ONLY_SECRET_KEY
# The key of the audit log's and the publication ledger's chains (secretariat/audit/chain.py).
# Never stored in the database nor in a backup: whoever can write the database without it cannot
# make a changed record verify. The demo and the tests use the fixed local one; `serve` and
# `worker` refuse it (core/deployment.py).
LOCAL_ONLY_CHAIN_KEY = "secretariat-local-only-chain-key-not-for-production"
SECRETARIAT_CHAIN_KEY = env_str("SECRETARIAT_CHAIN_KEY", "") or LOCAL_ONLY_CHAIN_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Demo accounts may sign in only while the server listens on loopback. Only `secretariat demo`
# sets this, in its own process, to the address it binds; it is not read from the environment,
# so no other server (`secretariat serve`, any WSGI server) can be told to admit them.
SECRETARIAT_LISTEN_ADDRESS = ""
# Set by `secretariat demo` alone, in its process: its development server may run with the
# local key. Not read from the environment for the same reason.
SECRETARIAT_DEMO_SERVER = False
# Papers as files (workspace/papers.py): the file types officers may upload, by extension, and
# the largest file in bytes. The files are kept in the database, so every `serve` process reads
# the same ones and a database backup holds them.
SECRETARIAT_PAPER_TYPES = env_list(
    "SECRETARIAT_PAPER_TYPES", ["pdf", "docx", "doc", "xlsx", "pptx", "odt", "ods", "txt", "csv"]
)
SECRETARIAT_PAPER_MAX_BYTES = env_int("SECRETARIAT_PAPER_MAX_BYTES", 20 * 1024 * 1024)

INSTALLED_APPS = [
    "secretariat.core.back_office_site.BackOfficeConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "secretariat.core",
    "secretariat.labels",
    "secretariat.audit",
    "secretariat.documents",
    "secretariat.directory",
    "secretariat.meetings",
    "secretariat.actions",
    "secretariat.publishing",
    "secretariat.calendars",
    "secretariat.assurance",
    "secretariat.changes",
    "secretariat.operations",
    "secretariat.reports",
    "secretariat.imports",
    "secretariat.workspace",
    "secretariat.search",
    "secretariat.notifications",
    "secretariat.archive",
    "secretariat.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "secretariat.directory.signin.AuthenticationMiddleware",
    "secretariat.core.caching.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "secretariat.meetings.readers.ReaderMiddleware",
    "secretariat.audit.elevation.ElevatedReadsMiddleware",
]

ROOT_URLCONF = "secretariat.urls"
WSGI_APPLICATION = "secretariat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "secretariat" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "secretariat.workspace.context.navigation",
            ],
        },
    }
]


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL", "")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'secretariat.sqlite3'}"
    # Each server thread keeps its connection this many seconds (0: one per request), and
    # checks it is alive before reusing it after a request.
    conn_max_age = env_int("CONN_MAX_AGE", 60)
    if conn_max_age < 0:
        raise ImproperlyConfigured(f"CONN_MAX_AGE={conn_max_age} is negative.")
    try:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
        )
    except Exception as error:  # dj_database_url raises several kinds for a bad URL
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} cannot be read: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # How long a writer queues for SQLite's one write lock before "database is locked".
        # Write transactions are short (documents render before theirs opens), but the thread
        # holding the lock can wait for the GIL behind another thread's render: writes were
        # seen waiting 3.3 s under load, too near the old 5 s (bench/locks.py, bench/README.md).
        busy_ms = env_int("SQLITE_BUSY_TIMEOUT_MS", 30_000)
        if busy_ms < 0:
            raise ImproperlyConfigured(f"SQLITE_BUSY_TIMEOUT_MS={busy_ms} is negative.")
        config["OPTIONS"] = {
            # WAL lets readers go on while a writer commits; IMMEDIATE takes the write lock at
            # the start of a transaction so two writers queue instead of failing half-way (a
            # deferred transaction that reads, then writes, cannot wait for the lock: SQLite
            # refuses it at once, whatever the busy timeout).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busy_ms};"
            ),
            "timeout": busy_ms / 1000,
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["secretariat.directory.backends.LoopbackDemoBackend"]
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Uploaded files, if any: `secretariat backup` takes this folder with the database.
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "secretariat" / "static"]
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise serves from the app folders (WHITENOISE_USE_FINDERS) and only warns if this is missing.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
# Database sessions, read in one plain statement per request (core/sessions.py).
SESSION_ENGINE = "secretariat.core.sessions"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
# HTTPS, for a site served over TLS (directly or behind a proxy that terminates it).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER", ""))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# Background work: "immediate" runs a task inside the request that enqueues it (one machine);
# "database" queues it in the database for `secretariat worker` (several servers).
# Email (notifications, docs/notifications in the README's deploy section): an SMTP relay from
# the environment; without EMAIL_HOST, messages are written to standard output instead of being
# handed to a relay that is not there. Links in messages point at SECRETARIAT_SITE_URL, because
# a worker answers no request to take an address from.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "secretariat <secretariat@localhost>")
SECRETARIAT_SITE_URL = env_str("SECRETARIAT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

SECRETARIAT_TASKS = env_str("SECRETARIAT_TASKS", "immediate").strip().lower()
TASKS = {"default": tasks_backend(SECRETARIAT_TASKS)}

# `secretariat serve`: gunicorn's worker processes (its advice: two per core and one more, so a
# core never idles while a worker waits on the database), threads in each, the seconds a
# request may take before its worker is restarted, and the access log on standard output.
SECRETARIAT_WORKERS = env_int("SECRETARIAT_WORKERS", 2 * (os.cpu_count() or 1) + 1)
SECRETARIAT_THREADS = env_int("SECRETARIAT_THREADS", 4)
SECRETARIAT_TIMEOUT = env_int("SECRETARIAT_TIMEOUT", 30)
SECRETARIAT_ACCESS_LOG = env_bool("SECRETARIAT_ACCESS_LOG", True)

SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# -- Sign-in: throttling, the second factor, session age (issue 13, item 4) ---------------------
# Kept in one block so that other settings work merges around it.
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]
# The verified device is read from the session right after the user, before the reader is built.
MIDDLEWARE.insert(
    MIDDLEWARE.index("secretariat.directory.signin.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE += [
    "secretariat.directory.signin.SecondFactorRequiredMiddleware",
    # After the session's own checks: a bearer token on the API signs in without a session.
    "secretariat.workspace.tokens.ApiTokenMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into the response.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]

# Failures are counted by account and, separately, by address: guessing one account's password
# from many addresses, or many accounts' from one address, both lock.
AXES_FAILURE_LIMIT = env_int("SECRETARIAT_SIGNIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SECRETARIAT_SIGNIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "secretariat.directory.signin.locked_out"
AXES_VERBOSE = False
# How many proxies in front set X-Forwarded-For (0: none, the connection's address is the client).
SECRETARIAT_TRUSTED_PROXIES = env_int("SECRETARIAT_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "secretariat.directory.signin.client_address"

OTP_TOTP_ISSUER = env_str("SECRETARIAT_OTP_ISSUER", "secretariat")
# `secretariat demo` alone sets this, in its process: its loopback-only demo accounts count as
# having a second factor. Not read from the environment, so `serve` cannot be told to.
SECRETARIAT_DEMO_SECOND_FACTOR = False

# A session ends this many hours after sign-in (12 by default: one working day, not a fortnight).
SECRETARIAT_SESSION_HOURS = env_int("SECRETARIAT_SESSION_HOURS", 12)
if SECRETARIAT_SESSION_HOURS < 1:
    raise ImproperlyConfigured(
        f"SECRETARIAT_SESSION_HOURS={SECRETARIAT_SESSION_HOURS} must be 1 hour or more."
    )
SESSION_COOKIE_AGE = SECRETARIAT_SESSION_HOURS * 3600
AUTH_PASSWORD_VALIDATORS: list[dict[str, Any]] = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("SECRETARIAT_PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
