"""Open source files in the editor: drift diagnostics (TL3xx) and hover on event names.

When the configuration that governs a source file names code paths (`code =
["src"]`) and the file is inside them, a run scans those paths (the scan cache
makes this cheap after the first) and lints the plans of the configuration's
folder as `check --code-files FILE` does, with findings made for this file
alone. The calls come from the saved file, so a run waits for the buffer to
match the disk (on open and on save); diagnostics of an edited, unsaved file
stay as they were until then. Hovering a call's event name shows the plan's
entry for it, in the words plan hovers use (hover.py).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..code.languages import LANGUAGES
from ..config import ConfigError, settings_for
from ..engine import Engine, LintResult
from ..model import Event, Plan
from ..readcache import ReadCache
from ..sources import Document, Span
from .diagnostics import config_problem, diagnostics_for
from .hover import event_text
from .linting import classify_plan
from .positions import from_position, to_range
from .runs import Runs

if TYPE_CHECKING:
    from ..code.model import Call
    from .buffers import Buffer
    from .server import TrackinglintServer

QUOTES = "\"'`"


@dataclass(slots=True)
class SourceOutcome:
    """A run of one source file: its findings and calls, or why there are none."""

    document: Document | None = None
    calls: list[Call] = field(default_factory=list)  # the calls in this file
    result: LintResult | None = None
    error: str | None = None


def lint_source(
    registry: Any,
    path: Path,
    text: str,
    cache: ReadCache | None = None,
    contents: Mapping[Path, str] | None = None,
) -> SourceOutcome | None:
    """Drift findings for the source file at `path` (resolved), against the plans with
    the editor's unsaved `contents`; None when no configuration names code paths that
    hold it. Never raises."""
    try:
        settings = settings_for(path)
        roots = [Path(p).resolve() for p in settings.code]
        if not any(root == path or root in path.parents for root in roots):
            return None
        from ..code.drift import code_facts, source_document
        from ..code.languages import MissingGrammar
        from ..code.scan import ScanOptions
        from ..code.shapes import SignatureError

        options = ScanOptions(
            track_functions=settings.track_functions,
            cache_folder=settings.root / ".trackinglint_cache",
            jobs=1,  # no worker processes forked from the server's threads
        )
        try:
            facts = code_facts(settings.code, options, only=())
        except (MissingGrammar, SignatureError) as exc:
            return SourceOutcome(error=str(exc))
        calls = [call for call in facts.calls if _resolved(Path(call.path)) == path]
        if not calls:
            return SourceOutcome()
        document = source_document(path, calls[0].path, text)
        facts.documents[document.display_path] = document
        engine = Engine(registry, cache=cache)
        engine.related_places = False
        engine.code_facts = lambda _settings: facts
        engine.shown = lambda shown: shown is document
        result = engine.lint([settings.root], contents=contents)
        return SourceOutcome(document, calls, result)
    except ConfigError as exc:
        return SourceOutcome(error=str(exc))
    except Exception:  # keep serving; the client's log says what went wrong
        return SourceOutcome(error=traceback.format_exc())


def event_site(outcome: SourceOutcome, line: int, column: int) -> tuple[str, Span] | None:
    """The event name written as a string literal at (line, column) in a call."""
    document = outcome.document
    if document is None:
        return None
    for call in outcome.calls:
        last = call.end_line or call.line
        if call.event is None or not call.line <= line <= last:
            continue
        text = document.lines.line_text(line)
        start = 0 if line != call.line else call.column - 1
        for quote in QUOTES:
            found = text.find(f"{quote}{call.event}{quote}", start)
            while found >= 0:
                span = Span(line, found + 2, line, found + 2 + len(call.event))
                if span.column - 1 <= column <= span.end_column:
                    return call.event, span
                found = text.find(f"{quote}{call.event}{quote}", found + 1)
    return None


def planned(plans: list[Plan], name: str) -> tuple[Plan, Event] | None:
    """The plan and event a call sending `name` sends (an Iglu event by its own name)."""
    for plan in plans:
        for event in plan.events.values():
            if event.name == name or event.sent_name == name:
                return plan, event
    return None


class SourceFiles:
    """The open source files' runs and latest outcomes, for a TrackinglintServer."""

    def __init__(self, debounce: float) -> None:
        self.runs = Runs(debounce)  # scheduling only: the work runs in the server's worker
        self.outcomes: dict[str, SourceOutcome] = {}  # uri -> latest outcome

    def touch(self, server: TrackinglintServer, buffer: Buffer, delay: float | None) -> None:
        """Schedule a run of an open source file (a file the scanner reads)."""
        if buffer.path is None or buffer.path.suffix.lower() not in LANGUAGES:
            return
        uri = buffer.uri
        self.runs.schedule(uri, lambda stop: self.run(server, uri, stop), delay)

    async def run(
        self, server: TrackinglintServer, uri: str, stop: threading.Event | None = None
    ) -> None:
        buffer = server.buffers.get(uri)
        if buffer is None or buffer.path is None:
            return
        try:
            saved = buffer.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return
        if saved != buffer.text:
            return  # unsaved edits: the calls are scanned from the file on disk
        version, path, text = buffer.version, buffer.path, buffer.text
        plans = {p: t for p, t in server.buffers.file_texts().items() if p.suffix not in LANGUAGES}
        outcome = await server.runs.in_worker(
            lint_source, server.registry, path, text, server.cache, plans
        )
        if (stop is not None and stop.is_set()) or server.buffers.get(uri) is None:
            return
        if outcome is None:
            self.outcomes.pop(uri, None)
            return
        self.outcomes[uri] = outcome
        if outcome.error is not None:
            server.log_once(types.MessageType.Error, f"trackinglint: {outcome.error}")
            server.publish(uri, version, [config_problem(outcome.error)])
            return
        found: list[types.Diagnostic] = []
        if outcome.result is not None and outcome.document is not None:
            found = diagnostics_for(
                outcome.result.findings, outcome.document, server.units, server.links
            )
        server.publish(uri, version, found)

    def plan_changed(self, server: TrackinglintServer, delay: float | None = None) -> None:
        """A plan was edited: the open source files checked against plans run again."""
        for uri in list(self.outcomes):
            buffer = server.buffers.get(uri)
            if buffer is not None:
                self.touch(server, buffer, delay)

    def closed(self, uri: str) -> None:
        self.runs.cancel(uri)
        self.outcomes.pop(uri, None)

    async def hover(
        self, server: TrackinglintServer, uri: str, position: types.Position
    ) -> types.Hover | None:
        """The plan's entry for the event name under the cursor in a call."""
        await self.runs.settle(uri)
        outcome = self.outcomes.get(uri)
        if outcome is None or outcome.document is None or outcome.result is None:
            return None
        document = outcome.document
        line, column = from_position(document.lines, position, server.units)
        site = event_site(outcome, line, column)
        found = planned(outcome.result.plans, site[0]) if site else None
        if site is None or found is None:
            return None
        plan, event = found
        classification = await server.runs.in_worker(classify_plan, server.registry, plan)
        verdict = classification.events.get(event.name)
        if verdict is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=event_text(verdict)),
            range=to_range(document.lines, site[1], server.units),
        )

    def close(self) -> None:
        self.runs.close()


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
