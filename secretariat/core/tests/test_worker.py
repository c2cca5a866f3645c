"""`secretariat worker`: the background tasks queued in the database, run by django-tasks-db."""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import TaskResultStatus, task

from secretariat.serving import DATABASE, demo_workspace, production_env, run_cli

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def add(a: int, b: int) -> int:
    return a + b


@pytest.fixture
def production(settings):
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.SECRETARIAT_CHAIN_KEY = secrets.token_urlsafe(50)
    settings.DEBUG = False
    return settings


def test_it_runs_the_tasks_queued_in_the_database():
    # Through the command line on a workspace of its own: the worker closes and reopens its
    # database connection between tasks, which a test's rolled-back transaction cannot survive.
    data = demo_workspace()
    env = production_env(data, SECRETARIAT_TASKS="database")
    queued = run_cli(
        env,
        "shell",
        "-c",
        "from secretariat.core.tests.test_worker import add; print(add.enqueue(2, 3).id)",
    )
    assert queued.returncode == 0, queued.stderr
    ran = run_cli(env, "worker", "--batch")
    assert ran.returncode == 0, ran.stderr
    with contextlib.closing(sqlite3.connect(data / DATABASE)) as connection:
        status, value = connection.execute(
            # The workspace's only task: the one queued above.
            "SELECT status, return_value FROM django_tasks_database_dbtaskresult"
        ).fetchone()
    assert (status, json.loads(value)) == (TaskResultStatus.SUCCESSFUL, 5)


def test_it_refuses_to_run_when_tasks_run_in_the_request(production, db):
    with pytest.raises(CommandError, match="SECRETARIAT_TASKS is not 'database'"):
        call_command("worker", batch=True)


def test_it_refuses_to_run_on_the_public_key(settings, db):
    settings.TASKS = DATABASE_TASKS
    with pytest.raises(CommandError, match="SECRET_KEY is not set"):
        call_command("worker", batch=True)
