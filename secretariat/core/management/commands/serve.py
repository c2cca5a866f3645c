"""`secretariat serve`: the workspace behind gunicorn, with production settings.

gunicorn because it is the plain, long-kept WSGI server: pre-forked worker processes (a crash
or a leak stays in one), threads inside each for requests that wait on the database, and no
reverse proxy needed for a first deployment (static files come from whitenoise).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from secretariat.core.deployment import require_production_settings


def bind_address(addr: str, port: int) -> str:
    return f"[{addr}]:{port}" if ":" in addr else f"{addr}:{port}"


def gunicorn_options(*, addr: str, port: int, workers: int, threads: int) -> dict:
    return {
        "bind": [bind_address(addr, port)],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": settings.SECRETARIAT_TIMEOUT,
        "graceful_timeout": 30,
        "keepalive": 5,
        "accesslog": "-" if settings.SECRETARIAT_ACCESS_LOG else None,
        "errorlog": "-",
        "proc_name": "secretariat",
        # Several `serve` processes may share one machine: no control socket in $HOME to fight
        # over.
        "control_socket_disable": True,
    }


class Command(BaseCommand):
    # It checks the settings first, then the migrations itself (see _require_migrated).
    needs_workspace = False
    help = (
        "Serve the workspace in production: gunicorn with SECRETARIAT_WORKERS processes of "
        "SECRETARIAT_THREADS threads, DEBUG off, SECRET_KEY required; demo accounts refused."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port (default 8000).")
        parser.add_argument(
            "--addr",
            default="127.0.0.1",
            help="Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Worker processes (default: SECRETARIAT_WORKERS, else 2 per core + 1).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="Threads per worker (default: SECRETARIAT_THREADS, else 4).",
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Check the settings and the database, print what would be served, and stop.",
        )

    def handle(self, *args, port, addr, workers, threads, check_only, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a port number (1–65535).")
        workers = settings.SECRETARIAT_WORKERS if workers is None else workers
        threads = settings.SECRETARIAT_THREADS if threads is None else threads
        if workers < 1:
            raise CommandError(f"{workers} workers: SECRETARIAT_WORKERS must be 1 or more.")
        if threads < 1:
            raise CommandError(f"{threads} threads: SECRETARIAT_THREADS must be 1 or more.")
        try:
            require_production_settings()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        # Whatever the environment says, demo accounts never sign in here: only the demo's own
        # process sets the listening address that admits them.
        settings.SECRETARIAT_LISTEN_ADDRESS = ""
        settings.SECRETARIAT_DEMO_SERVER = False
        # Django's deployment checks print what is still off (HSTS, the HTTPS redirect,
        # secure cookies) as warnings; errors stop the start.
        call_command("check", deploy=True, fail_level="ERROR", stdout=self.stderr)
        self._require_migrated()
        self.stdout.write(
            f"Serving on http://{bind_address(addr, port)} with {workers} worker(s) × "
            f"{threads} thread(s); hosts: {', '.join(settings.ALLOWED_HOSTS) or '(none)'}."
        )
        if check_only:
            return
        # Workers are forked from this process: none may inherit its database connection.
        connections.close_all()
        from secretariat.core.gunicorn import Server

        Server(gunicorn_options(addr=addr, port=port, workers=workers, threads=threads)).run()

    def _require_migrated(self) -> None:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connections["default"])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise CommandError(
                f"The database has {len(pending)} migration(s) to apply: run "
                "`secretariat migrate` first (once, from one machine)."
            )
