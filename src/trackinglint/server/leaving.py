"""Ending the server process at once, whatever the client has stopped doing.

A lint under way holds a worker thread, and the interpreter joins it before it
exits: the process ends with `os._exit` instead. What is still to be written
(a reply to `shutdown`, buffered diagnostics) gets a short while, in a thread
of its own: a client that has stopped reading its end of the pipe leaves a full
pipe, on which a write waits forever, and that must not keep the server alive
after its editor has gone. For the same reason pygls writes through a queue
(`QueuedOutput`): its event loop must go on reading `exit` while a write waits.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import sys
import threading
from collections.abc import Callable
from typing import BinaryIO, NoReturn

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


class QueuedOutput(io.RawIOBase):
    """stdout for pygls: a write is queued and returns at once; one thread writes the
    queue out in order. `drain` waits until all of it is written."""

    def __init__(self, out: BinaryIO) -> None:
        super().__init__()
        self._out = out
        self._queue: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._write_out, name="trackinglint-out", daemon=True).start()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._queue.put(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to wait for: the writer thread flushes after each write."""

    def drain(self) -> None:
        self._queue.join()

    def _write_out(self) -> None:
        while True:
            data = self._queue.get()
            try:
                self._out.write(data)
                self._out.flush()
            except (OSError, ValueError):
                pass  # the client is gone: what it would have read no longer matters
            finally:
                self._queue.task_done()
