"""The project's own management commands, as `secretariat help` and docs/cli.md list them."""

from __future__ import annotations

from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand

PROJECT = "secretariat."
LONGEST = 90  # characters of a summary line, so that a list of commands fits a terminal


def project_commands() -> list[tuple[str, str]]:
    """(name, app) for every management command that secretariat itself defines."""
    return sorted((name, app) for name, app in get_commands().items() if app.startswith(PROJECT))


def command(name: str, app: str) -> BaseCommand:
    return load_command_class(app, name)


def summary(command: BaseCommand) -> str:
    """One line for a list of commands: the command's `summary`, else its help's first
    sentence."""
    text = getattr(command, "summary", "") or str(command.help or "")
    first = text.partition(". ")[0].rstrip(".") + "."
    return first if len(first) <= LONGEST else first[: LONGEST - 1].rstrip() + "…"


def needs_workspace(command: BaseCommand) -> bool:
    """Whether the command reads or writes the workspace's tables (so needs them migrated).
    A command that makes its own tables (`demo`) or touches no database says False."""
    return getattr(command, "needs_workspace", True)


__all__ = ["command", "needs_workspace", "project_commands", "summary"]
