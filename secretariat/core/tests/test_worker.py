"""`secretariat worker`: the background tasks queued in the database, run by django-tasks-db."""

from __future__ import annotations

import secrets

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import TaskResultStatus, task

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def add(a: int, b: int) -> int:
    return a + b


@pytest.fixture
def production(settings):
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.DEBUG = False
    return settings


def test_it_runs_the_tasks_queued_in_the_database(production, db):
    production.TASKS = DATABASE_TASKS
    queued = add.enqueue(2, 3)
    assert queued.status == TaskResultStatus.READY
    call_command("worker", batch=True, verbosity=0)
    queued.refresh()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.return_value == 5


def test_it_refuses_to_run_when_tasks_run_in_the_request(production, db):
    with pytest.raises(CommandError, match="SECRETARIAT_TASKS is not 'database'"):
        call_command("worker", batch=True)


def test_it_refuses_to_run_on_the_public_key(settings, db):
    settings.TASKS = DATABASE_TASKS
    with pytest.raises(CommandError, match="SECRET_KEY is not set"):
        call_command("worker", batch=True)
