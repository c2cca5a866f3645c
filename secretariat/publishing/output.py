"""Writing a rendered document from a command: to a file, or to standard output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError


def write_output(command: BaseCommand, data: bytes, output: str, binary: bool) -> None:
    """`output` is a path, or `-` for the command's standard output (refused for binary
    formats on a terminal, or where the stream takes text only)."""
    if output != "-":
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"Cannot write {output}: folder {path.parent} does not exist.")
        path.write_bytes(data)
        return
    stream: Any = command.stdout._out
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        if binary and stream.isatty():
            raise CommandError("Refusing to write a binary file to a terminal: use -o FILE.")
        stream.flush()
        buffer.write(data)
        buffer.flush()
    elif binary:
        raise CommandError("This output takes text only: write PDF and Word with -o FILE.")
    else:
        stream.write(data.decode())
