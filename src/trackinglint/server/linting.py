"""One lint run of a scope, as the server's worker thread performs it.

Everything here is the engine's: the same discovery, configuration, readers
and rules as `trackinglint check`. A run never raises: a bad configuration
and a crash come back as part of the outcome, so the server can report them
and keep serving.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..classification import Classification, classify
from ..config import ConfigError, settings_for
from ..engine import Cancelled, Engine, LintResult
from ..model import Plan
from ..readcache import ReadCache
from ..sources import Document
from .scope import Scope


@dataclass(slots=True)
class Outcome:
    """What a run produced: a result, or why there is none."""

    result: LintResult | None = None
    config_error: str | None = None
    crash: str | None = None  # the traceback, for the client's log
    cancelled: bool = False  # stopped because a newer edit replaced the run
    versions: dict[str, int | None] = field(default_factory=dict)  # uri -> version linted
    by_path: dict[Path, Document] = field(default_factory=dict)  # resolved path -> document
    classifications: dict[int, Classification] = field(default_factory=dict)  # id(plan) ->

    def document(self, path: Path | None) -> Document | None:
        """The linted document read from `path` (resolved), if the run read it."""
        return self.by_path.get(path) if path is not None else None

    def plan_of(self, document: Document) -> Plan | None:
        if self.result is None:
            return None
        return next((p for p in self.result.plans if document in p.documents), None)


def lint_scope(
    registry: Any,
    scope: Scope,
    contents: Mapping[Path, str],
    cache: ReadCache | None = None,
    stop: threading.Event | None = None,
    shown: Collection[Path] | None = None,
) -> Outcome:
    """Lint a scope with the editor's unsaved text standing in for the files; `cache`
    keeps the files earlier runs read, so only changed files are read again, and
    the run ends early once `stop` is set. With `shown` (resolved paths: the open
    documents), findings are made for those files only: locating the findings of
    fifty files nobody looks at costs more than running the rules."""
    try:
        # fresh each run, so configuration edits take effect; the cache keys reads by
        # the settings they were made with
        engine = Engine(registry, cache=cache)
        engine.related_places = False  # diagnostics carry none
        if stop is not None:
            engine.progress = _stopper(stop)
        if shown is not None:
            wanted = frozenset(shown)
            engine.shown = lambda document: _resolved(document.path) in wanted
        result = engine.lint(scope.paths, contents=contents, skip_unrecognized=scope.alone)
        by_path = {_resolved(d.path): d for d in result.documents.values()}
        return Outcome(result, by_path=by_path)
    except ConfigError as exc:
        return Outcome(config_error=str(exc))
    except Cancelled:
        return Outcome(cancelled=True)
    except BaseException:
        # a plugin's sys.exit() or BaseException subclass passes the engine's own
        # guards; here in the worker it must not end the server
        return Outcome(crash=traceback.format_exc())


def _stopper(stop: threading.Event) -> Callable[[str, int, int], None]:
    """A progress watcher that ends the run once `stop` is set."""

    def watch(stage: str, done: int, total: int) -> None:
        if stop.is_set():
            raise Cancelled

    return watch


def classify_plan(registry: Any, plan: Plan) -> Classification:
    """The plan's classification, with the configured lexicon words, as the rules saw it."""
    lexicon: Mapping[str, Any] = {}
    if plan.documents:
        try:
            lexicon = settings_for(plan.documents[0].path).lexicon
        except ConfigError:
            lexicon = {}
    return classify(plan, registry, lexicon)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
