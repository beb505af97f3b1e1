"""A progress bar on stderr for long runs, for people watching a terminal.

It appears only when stderr is a terminal, the report is for people (not
JSON, SARIF, JUnit, GitLab or GitHub annotations), no `CI` variable is set,
and the run has lasted a second; it erases itself before the report. The
engine reports stages (`reading`, `checking`) through `Engine.progress`; a
thread draws, so the engine pays one attribute store per step.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

HUMAN_FORMATS = frozenset({"full", "concise", "statistics"})
DELAY = 1.0  # seconds before the bar appears: short runs stay silent
WIDTH = 24


def wanted(stream: TextIO, output_format: str, environ: Mapping[str, str]) -> bool:
    """Whether a person is watching this stream, and the report is theirs."""
    if output_format not in HUMAN_FORMATS or environ.get("CI") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ProgressBar:
    """Draws `[#####·····] checking 12/40 · 3.1s` on one line, redrawn in place."""

    def __init__(self, stream: TextIO, delay: float = DELAY, interval: float = 0.1) -> None:
        self.stream = stream
        self.delay = delay
        self.interval = interval
        self.state: tuple[str, int, int] = ("starting", 0, 0)
        self.drawn = False
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="trackinglint-progress", daemon=True)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.state = (stage, done, total)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        if self.drawn:
            self._write("\r\x1b[K")

    def line(self) -> str:
        stage, done, total = self.state
        elapsed = time.monotonic() - self._started
        if total > 0:
            filled = round(WIDTH * min(done, total) / total)
            bar = "#" * filled + "·" * (WIDTH - filled)
            return f"[{bar}] {stage} {done}/{total} · {elapsed:.1f}s"
        return f"[{'·' * WIDTH}] {stage} · {elapsed:.1f}s"

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while not self._stop.is_set():
            self._write("\r" + self.line() + "\x1b[K")
            self.drawn = True
            self._stop.wait(self.interval)

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.write(text)
            self.stream.flush()


@contextlib.contextmanager
def progress_for(engine: Any, output_format: str, stream: TextIO) -> Iterator[None]:
    """Show a bar for the engine's runs inside the block, when `wanted`."""
    if not wanted(stream, output_format, os.environ):
        yield
        return
    delay = float(os.environ.get("TRACKINGLINT_PROGRESS_DELAY", DELAY))
    bar = ProgressBar(stream, delay)
    engine.progress = bar
    bar.start()
    try:
        yield
    finally:
        bar.close()
        engine.progress = None
