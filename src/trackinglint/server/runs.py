"""Debounced lint runs: at most one waiting run per scope, one worker thread.

While the user types, each change restarts its scope's short wait, so a
burst of keystrokes costs one run. A newer change cancels the run it
supersedes: a waiting run never starts, and a running one is told to stop
(its `stop` event is set; the engine checks it between files and between
rules), so the worker is free for the newer run at once.
Runs execute one at a time in a single worker thread, so the engine is
never used from two threads, and the event loop stays free to answer
hovers and code actions meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class Runs:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trackinglint")
        self._pending: dict[str, tuple[asyncio.Task[None], asyncio.Event, threading.Event]] = {}

    def schedule(
        self,
        key: str,
        job: Callable[[threading.Event], Awaitable[None]],
        delay: float | None = None,
    ) -> None:
        """Run `job(stop)` after the wait, replacing any run of `key` not yet finished;
        `stop` is set when a newer run replaces this one."""
        self.cancel(key)
        hurry, stop = asyncio.Event(), threading.Event()
        wait = self.delay if delay is None else delay
        task = asyncio.ensure_future(self._after(hurry, wait, job, stop))
        self._pending[key] = (task, hurry, stop)
        task.add_done_callback(lambda done: self._finished(key, done))

    async def _after(
        self,
        hurry: asyncio.Event,
        delay: float,
        job: Callable[[threading.Event], Awaitable[None]],
        stop: threading.Event,
    ) -> None:
        if delay > 0:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(hurry.wait(), delay)
        await job(stop)

    def _finished(self, key: str, task: asyncio.Task[None]) -> None:
        if self._pending.get(key, (None,))[0] is task:
            del self._pending[key]

    def waiting(self) -> list[str]:
        """The scopes with a run waiting or in progress."""
        return list(self._pending)

    def cancel(self, key: str) -> None:
        pending = self._pending.pop(key, None)
        if pending is not None:
            pending[2].set()
            pending[0].cancel()

    async def settle(self, key: str, attempts: int = 5) -> None:
        """Wait (without the debounce) until the latest scheduled run of `key` is done.

        Gives up after `attempts` runs superseded by new edits, so a reader of
        the latest result is never kept waiting by someone typing.
        """
        for _ in range(attempts):
            pending = self._pending.get(key)
            if pending is None:
                return
            task, hurry, _ = pending
            hurry.set()
            try:
                await asyncio.shield(task)
                return
            except asyncio.CancelledError:
                current = asyncio.current_task()
                if current is not None and current.cancelling():
                    raise  # our own caller was cancelled, not the run
            except Exception:
                return  # the run reported its own failure

    async def in_worker(self, function: Callable[..., T], *args: Any) -> T:
        """Call `function` in the worker thread, after the runs queued before it."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, function, *args)

    def close(self) -> None:
        for key in list(self._pending):
            self.cancel(key)
        self._executor.shutdown(wait=False, cancel_futures=True)
