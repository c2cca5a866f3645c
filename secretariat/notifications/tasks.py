"""The worker's side: sending runs as a django-tasks task, in the worker when
SECRETARIAT_TASKS=database, or straight after the commit with the immediate backend."""

from __future__ import annotations

from django_tasks import task

from secretariat.notifications.sending import send_immediate


@task()
def send_notices(ids: list[int]) -> int:
    return send_immediate(ids)
