"""`secretariat demo`: migrate, load the demo workspace and serve it on loopback."""

from __future__ import annotations

import time

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from secretariat.core import generation, workspace
from secretariat.core.progress import TerminalProgress
from secretariat.directory.backends import listening_on_loopback

ACCOUNTS = [
    ("officer", "secretariat officer (minuted SSC_72)"),
    ("chair", "SSC chair, present at SSC_72"),
    ("present", "SSC member recorded present at SSC_72"),
    ("absent", "SSC member who sent apologies to SSC_72"),
    ("party", "a user of Small Supplier 'AA'"),
    ("panel", "a Panel member"),
    ("outsider", "signed in, but of no SEC Party"),
    ("breakglass", "a superuser: reads as an outsider until elevated at /break-glass/"),
    ("auditor", "read-only auditor: the ledger, the audit trail, the deliveries at /auditor/"),
]


def workspace_is_migrated() -> bool:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    return MigrationRecorder(connection).has_table()


def _rows() -> int:
    """Every row of the workspace: a second load that adds nothing leaves this unchanged."""
    return sum(
        model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in generation.MODELS
    )


class Command(BaseCommand):
    summary = "Create or reuse the demo workspace and serve it on loopback."
    # It migrates the workspace itself, so a fresh data folder is what it expects.
    needs_workspace = False
    help = (
        "Create or update the demo workspace (SQLite by default) and serve it at "
        "http://127.0.0.1:8000. Says whether it created the workspace, added to it or reused "
        "it as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to listen on (default 8000)."
        )
        parser.add_argument(
            "--addr",
            default="127.0.0.1",
            help="Address to listen on (default 127.0.0.1). Demo accounts are refused "
            "on any address that is not loopback.",
        )
        parser.add_argument("--no-serve", action="store_true", help="Load the demo and stop.")

    def handle(self, *args, port: int, addr: str, no_serve: bool, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a port number (1–65535).")
        where = workspace.name()
        fresh = not workspace_is_migrated()
        if fresh:
            self.stdout.write(f"Creating the demo workspace at {where} ...")
        call_command("migrate", interactive=False, verbosity=0)
        from secretariat.demo.loader import load_demo

        before = _rows()
        started = time.perf_counter()
        load_demo(progress=TerminalProgress(self.stdout))
        added = _rows() - before
        seconds = time.perf_counter() - started
        if fresh:
            message = f"Created the demo workspace at {where} ({seconds:.1f} s)."
        elif added:
            message = f"Added {added:,} records to the demo workspace at {where}."
        else:
            message = f"Reused the demo workspace at {where}: it holds the demo already."
        self.stdout.write(self.style.SUCCESS(message))
        settings.SECRETARIAT_LISTEN_ADDRESS = addr
        if listening_on_loopback():
            self.stdout.write("Demo accounts (password: demo):")
            for username, who in ACCOUNTS:
                self.stdout.write(f"  {username:<9} {who}")
            # The demo's accounts have no phones: on loopback only, they count as having
            # proved a second factor, so that their RED records open for the tour.
            settings.SECRETARIAT_DEMO_SECOND_FACTOR = True
            self.stdout.write(
                "The demo accounts count as having a second factor (TOTP) here, on loopback "
                "only; real accounts enrol one at /accounts/two-factor/."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Listening on {addr}, beyond loopback: the demo accounts are refused."
                )
            )
        self.stdout.write(
            f"Try http://{'127.0.0.1' if addr in ('0.0.0.0', '::') else addr}:{port}"
            "/meetings/SSC_72_2702/"
        )
        if no_serve:
            return
        # The development server may run on the local key (secretariat.wsgi checks this flag,
        # which only this process can set); `secretariat serve` is for anything real.
        settings.SECRETARIAT_DEMO_SERVER = True
        if addr not in settings.ALLOWED_HOSTS and addr not in ("0.0.0.0", "::"):
            settings.ALLOWED_HOSTS.append(addr)
        call_command(
            "runserver",
            f"{addr}:{port}" if ":" not in addr else f"[{addr}]:{port}",
            use_reloader=False,
            skip_checks=True,
        )
