"""`secretariat worker`: runs the background tasks queued in the database (django-tasks-db's
`db_worker`), for a deployment of several `serve` processes with SECRETARIAT_TASKS=database."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from secretariat.core.deployment import require_production_settings


class Command(BaseCommand):
    help = (
        "Run the background tasks queued in the database, one at a time, until stopped "
        "(needs SECRETARIAT_TASKS=database). Run one per deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run the tasks queued now, then stop."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at an empty queue (default 1).",
        )

    def handle(self, *args, batch: bool, interval: float, **options):
        if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
            raise CommandError(
                "SECRETARIAT_TASKS is not 'database': tasks run inside the requests that queue "
                "them and there is nothing for a worker to do. Set SECRETARIAT_TASKS=database "
                "on every `serve` process and on the worker."
            )
        try:
            require_production_settings()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        call_command(
            "db_worker",
            queue_name="*",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=not batch,
            verbosity=options["verbosity"],
        )
