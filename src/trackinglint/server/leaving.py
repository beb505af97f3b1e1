"""Ending the server process at once, whatever the client has stopped doing.

A lint under way holds a worker thread, and the interpreter joins it before it
exits: the process ends with `os._exit` instead. What is still to be written
(a reply to `shutdown`, buffered diagnostics) gets a short while, in a thread
of its own: a client that has stopped reading its end of the pipe leaves a full
pipe, on which a write waits forever, and that must not keep the server alive
after its editor has gone.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from typing import NoReturn

WRITE_WAIT = 0.5  # seconds: a reader of the pipe takes what is left long before this


def leave(code: int, last_words: Callable[[], None] | None = None) -> NoReturn:
    """Write `last_words` and flush stdout and stderr, waiting at most WRITE_WAIT
    seconds for them, then end the process with exit code `code`."""

    def finish() -> None:
        if last_words is not None:
            with contextlib.suppress(OSError, ValueError):
                last_words()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()

    writer = threading.Thread(target=finish, name="trackinglint-leave", daemon=True)
    writer.start()
    writer.join(WRITE_WAIT)
    os._exit(code)
