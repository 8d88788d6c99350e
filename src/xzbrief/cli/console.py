"""Console output that never crashes on a Chinese Windows console (GBK) or a pipe."""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO


def prepare_stream(stream: TextIO) -> TextIO:
    """Pipes and files get UTF-8; a terminal keeps its encoding, unknown characters become '?'."""
    if not isinstance(stream, io.TextIOWrapper):
        return stream
    try:
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8", errors="replace")
    except (ValueError, OSError):  # detached or closed streams: leave them alone
        pass
    return stream


def prepare_console() -> None:
    prepare_stream(sys.stdout)
    prepare_stream(sys.stderr)


def silence_stdout() -> None:
    """After a BrokenPipeError (``xzbrief dataset check x.xlsx | head``): send the rest of the
    output nowhere, so Python's exit flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
