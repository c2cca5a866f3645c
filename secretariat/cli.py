"""The `secretariat` console command: Django's management commands under the project's name.

`secretariat help` lists the project's own commands first, one line each, and points to
docs/cli.md; Django's follow. A project command run on a workspace that is not migrated says
what to run instead of failing with a traceback deep in a query."""

from __future__ import annotations

import os
import sys
from collections import defaultdict

from django.core.management import ManagementUtility
from django.core.management.color import color_style

HELP_FLAGS = {"-h", "--help"}


class Utility(ManagementUtility):
    def main_help_text(self, commands_only: bool = False) -> str:
        if commands_only or self.settings_exception is not None:
            return super().main_help_text(commands_only)
        from django.core.management import get_commands

        from secretariat.core.commands import PROJECT, command, project_commands, summary

        style = color_style()
        names = project_commands()
        width = max((len(name) for name, _ in names), default=0) + 2
        lines = [
            "secretariat: the workspace of the SEC Panel's secretariat.",
            "",
            f"Usage: {self.prog_name} <command> [options]; "
            f"'{self.prog_name} help <command>' for a command's options.",
            "",
            style.NOTICE("The project's commands") + " (described in docs/cli.md):",
        ]
        lines += [f"    {name:<{width}}{summary(command(name, app))}" for name, app in names]
        lines += ["", style.NOTICE("Django's commands") + " (https://docs.djangoproject.com/):"]
        by_app: dict[str, list[str]] = defaultdict(list)
        for name, app in get_commands().items():
            if not app.startswith(PROJECT):
                by_app["django" if app == "django.core" else app.rpartition(".")[2]].append(name)
        for app, commands in sorted(by_app.items()):
            lines.append(f"  [{app}] " + ", ".join(sorted(commands)))
        return "\n".join(lines)

    def fetch_command(self, subcommand: str):
        found = super().fetch_command(subcommand)
        running = len(self.argv) > 1 and self.argv[1] == subcommand
        if running and not HELP_FLAGS & set(self.argv[2:]):
            _refuse_unready_workspace(subcommand, found)
        return found


def _refuse_unready_workspace(name: str, found) -> None:
    from secretariat.core.commands import PROJECT, needs_workspace
    from secretariat.core.workspace import problem

    if not type(found).__module__.startswith(PROJECT) or not needs_workspace(found):
        return
    message = problem()
    if message:
        sys.stderr.write(color_style().ERROR(message) + "\n")
        sys.exit(1)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")
    Utility(["secretariat", *sys.argv[1:]]).execute()


if __name__ == "__main__":
    main()
