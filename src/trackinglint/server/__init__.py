"""`trackinglint server`: a Language Server Protocol server over stdio (pygls 2.x).

Diagnostics on open, change (debounced) and save; a quick fix that adds an
inline suppression; hover that explains how an event or a metric is
classified. Imported only by the `server` command, so the CLI does not pay
for pygls.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

from .leaving import QueuedOutput, leave

DEBOUNCE = 0.15  # short: a run that a newer keystroke overtakes is stopped, not waited for


def serve(debounce: float = DEBOUNCE) -> NoReturn:
    """Serve one client over stdin and stdout until it exits, then end the process.

    The collector is switched back on: the one-shot CLI turns it off, but a
    long-lived server must reclaim what each lint run leaves behind
    (`Engine.lint` still pauses it for the duration of a run).
    """
    gc.enable()
    from .fast_start import Replayed, fast_start

    # the first diagnostics before pygls is imported (see fast_start.py)
    primed = fast_start(sys.stdin.buffer, sys.stdout.buffer)
    if primed.left is not None:
        leave(primed.left)
    from .server import build_server

    server = build_server(debounce, primed)
    output = QueuedOutput(sys.stdout.buffer)  # a write never holds up reading `exit`
    try:
        server.start_io(
            stdin=Replayed(primed.replay, sys.stdin.buffer),  # type: ignore[arg-type]
            stdout=output,  # type: ignore[arg-type]
        )
    finally:
        server.runs.close()  # a lint under way stops at its next file or rule
    # LSP: exit code 0 if the client asked for a shutdown first, 1 if it just left
    leave(0 if server.shutdown_requested else 1, output.drain)


__all__ = ["DEBOUNCE", "serve"]
