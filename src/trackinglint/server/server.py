"""The language server: the engine's findings as diagnostics while the user types.

A thin layer over `Engine.lint`. Each open plan document belongs to a scope
(scope.py): the files of its plan, linted together by the engine with the
editor's unsaved text standing in for the files on disk. A run of a scope
republishes the diagnostics of every open document in it, so an edit to the
metrics file updates the event files that it references.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from .. import __version__
from ..config import CONFIG_NAMES, forget_config_locations
from ..fixes.model import Fix
from ..plans import sniff_file, sniffs, spans_folders
from ..plugins import build_registry
from ..rules.core import UNUSED_SUPPRESSION
from . import DEBOUNCE
from .actions import YAML_SUFFIXES, fix_action, suppression_action
from .buffers import Buffer, Buffers
from .code import SourceFiles
from .diagnostics import SOURCE, config_problem, diagnostics_for, rule_links
from .fast_start import REPLAYED_ID, Primed
from .hover import hover_text, site_at
from .linting import Outcome, classify_plan, lint_scope
from .positions import Units, from_position, to_range, units_for
from .runs import Runs
from .scope import Scope, file_path, folder_scope, untitled_scope

MAX_REPORTED = 100  # distinct log messages remembered, so repeats are not re-sent


class _Dropped:
    """A message already answered; pygls passes over it (its `jsonrpc` is not 2.0)."""

    jsonrpc = ""


class _Protocol(LanguageServerProtocol):
    """Answers a request whose params do not fit the LSP types with an error.

    pygls logs such a request and drops it, so the client would wait forever
    for a response (issue 14).
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" not in data or "method" not in data:
                raise  # a notification or a response: nobody waits for an answer
            error = exc.to_response_error()
            error.message = f"{data['method']}: params do not match the LSP types ({exc.message})"
            self._send_response(data["id"], error=error)
            return _Dropped()

    def _send_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        if msg_id == REPLAYED_ID:
            return  # the fast start answered the client's `initialize` already
        super()._send_response(msg_id, result, error)

    # Without pygls' copy of the open documents: the server keeps its own (buffers.py),
    # and pygls splits a document's whole text into lines again at every keystroke
    # (a tenth of a second in a 5 MB plan).

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class TrackinglintServer(LanguageServer):
    """State of one editor session: open buffers, their scopes, the latest outcomes."""

    def __init__(self, debounce: float = DEBOUNCE, primed: Primed | None = None) -> None:
        super().__init__("trackinglint", __version__, protocol_cls=_Protocol)
        primed = primed or Primed()
        self.registry = primed.registry or build_registry()
        self.links = rule_links(self.registry.rules)
        self.aliases = {rule.name: code for code, rule in self.registry.rules.items()}
        self.buffers = Buffers()
        self.scopes: dict[str, Scope] = {}  # uri -> scope, for documents that were plans
        self.outcomes: dict[str, Outcome] = {}  # scope key -> latest outcome
        self.runs = Runs(debounce)
        self.sources = SourceFiles(debounce)  # open source files: drift (TL3xx) and hover
        self.cache = primed.cache  # files read by earlier runs, reused while unchanged
        self.shutdown_requested = False
        self.last_changed: str | None = None  # the document edited last: published first
        self._reported: set[str] = set()

    @property
    def units(self) -> Units:
        return units_for(self.workspace.position_encoding)

    # documents --------------------------------------------------------------

    def opened(self, item: types.TextDocumentItem) -> None:
        # a buffer with no file (untitled:, Neovim's bare file://, any other scheme) is
        # linted alone, with the workspace's configuration
        self.buffers.open(item, file_path(item.uri))
        self.touch(item.uri, delay=0)  # nothing to wait for: show the findings now

    def changed(self, params: types.DidChangeTextDocumentParams) -> None:
        if self.buffers.change(params, self.units) is not None:
            self.last_changed = params.text_document.uri
            self.touch(params.text_document.uri)

    def saved(self, uri: str) -> None:
        path = file_path(uri)
        if path is not None and path.name in CONFIG_NAMES:
            self.rescope_all()
            return
        buffer = self.buffers.get(uri)
        if buffer is not None and uri in self.scopes:
            self.scopes[uri] = self.scope_of(buffer)  # a new file may have widened it
            self.drop_unused()
        self.touch(uri, delay=0)

    def closed(self, uri: str) -> None:
        buffer = self.buffers.close(uri)
        self.sources.closed(uri)
        scope = self.scopes.pop(uri, None)
        self.publish(uri, None, [])
        if scope is None:
            return
        if any(other.key == scope.key for other in self.scopes.values()):
            self.schedule(scope)  # the others now read this file from disk
        self.drop_unused()
        for other in self.covering(buffer.path if buffer else None, exclude=scope.key):
            self.schedule(other)

    def touch(self, uri: str, delay: float | None = None) -> None:
        """Schedule the runs a change to this document affects."""
        buffer = self.buffers.get(uri)
        if buffer is None:
            return
        scope = self.scopes.get(uri)
        if scope is None:
            if not self.is_plan(buffer):
                self.sources.touch(self, buffer, delay)  # source code, when `code` names it
                return  # not a plan (yet): nothing to show, nothing it affects
            scope = self.scopes[uri] = self.scope_of(buffer)
        self.schedule(scope, delay)
        self.sources.plan_changed(self, delay)  # open source files checked against plans
        for other in self.covering(buffer.path, exclude=scope.key):
            self.schedule(other, delay)

    def rescope_all(self) -> None:
        """A configuration file changed: plans may have new boundaries."""
        forget_config_locations()
        for uri in list(self.scopes):
            buffer = self.buffers.get(uri)
            if buffer is not None:
                self.scopes[uri] = self.scope_of(buffer)
        self.drop_unused()
        for scope in {scope.key: scope for scope in self.scopes.values()}.values():
            self.schedule(scope, delay=0)

    def drop_unused(self) -> None:
        """Forget the outcomes and waiting runs of scopes no open document is in."""
        live = {scope.key for scope in self.scopes.values()}
        for key in list(self.outcomes):
            if key not in live:
                self.runs.cancel(key)
                del self.outcomes[key]
        for key in self.runs.waiting():
            if key not in live:
                self.runs.cancel(key)

    # scopes -----------------------------------------------------------------

    def is_plan(self, buffer: Buffer) -> bool:
        path = self.lint_path(buffer)
        return any(sniffs(reader, path, buffer.text) for reader in self.registry.readers)

    def scope_of(self, buffer: Buffer) -> Scope:
        if buffer.path is None:
            return untitled_scope(buffer.uri, buffer.language_id, self.base_folder())
        texts = self.buffers.file_texts()
        readers = self.registry.readers
        formats = [r for r in readers if sniffs(r, buffer.path, buffer.text)]
        return folder_scope(
            buffer.path,
            self.roots(),
            lambda path: sniff_file(path, readers, texts),
            siblings=any(spans_folders(r) for r in formats),
        )

    def lint_path(self, buffer: Buffer) -> Path:
        """Where the engine reads this buffer: its file, or a made-up name if untitled."""
        if buffer.path is not None:
            return buffer.path
        scope = self.scopes.get(buffer.uri)
        if scope is not None:
            return scope.paths[0]
        return untitled_scope(buffer.uri, buffer.language_id, self.base_folder()).paths[0]

    def roots(self) -> list[Path]:
        uris = [folder.uri for folder in self.workspace.folders.values()]
        if self.workspace.root_uri:
            uris.append(self.workspace.root_uri)
        return [path for path in map(file_path, uris) if path is not None]

    def base_folder(self) -> Path:
        roots = self.roots()
        return roots[0] if roots else Path.cwd()

    def covering(self, path: Path | None, exclude: str) -> Iterable[Scope]:
        """Other scopes whose folder walk reads this file."""
        seen = {exclude}
        for scope in list(self.scopes.values()):
            if scope.key not in seen and scope.covers(path):
                seen.add(scope.key)
                yield scope

    def members(self, scope: Scope) -> list[str]:
        return [uri for uri, other in self.scopes.items() if other.key == scope.key]

    # runs -------------------------------------------------------------------

    def schedule(self, scope: Scope, delay: float | None = None) -> None:
        self.runs.schedule(scope.key, lambda stop: self.run(scope, stop), delay)

    async def run(self, scope: Scope, stop: threading.Event | None = None) -> None:
        """Lint a scope with the buffers as they are now; publish unless superseded."""
        members = self.members(scope)
        if not members:
            return
        contents = self.buffers.file_texts()
        if scope.alone:
            buffer = self.buffers.get(scope.key)
            if buffer is None:
                return
            contents = {scope.paths[0]: buffer.text}
        versions = {uri: b.version for uri in members if (b := self.buffers.get(uri))}
        shown = {self.lint_path(b) for uri in members if (b := self.buffers.get(uri))}
        try:
            outcome = await self.runs.in_worker(
                lint_scope, self.registry, scope, contents, self.cache, stop, shown
            )
            if outcome.cancelled:
                return  # a newer edit replaced this run; its own run publishes
            outcome.versions = self.changed_first(versions)
            self.report(scope, outcome)
        except Exception:  # keep serving; say what went wrong
            self.log(types.MessageType.Error, f"trackinglint: {traceback.format_exc()}")

    def changed_first(self, versions: dict[str, int | None]) -> dict[str, int | None]:
        """The document edited last is published first: it is the one being looked at."""
        first = self.last_changed
        if first not in versions:
            return versions
        return {first: versions[first], **{u: v for u, v in versions.items() if u != first}}

    def report(self, scope: Scope, outcome: Outcome) -> None:
        if outcome.crash is not None:
            self.log(
                types.MessageType.Error,
                "trackinglint: a lint run crashed; the previous diagnostics stay until the "
                f"next edit. Please report this.\n{outcome.crash}",
            )
            return
        self.outcomes[scope.key] = outcome
        if outcome.config_error is not None:
            self.log_once(types.MessageType.Error, f"trackinglint: {outcome.config_error}")
            for uri, version in outcome.versions.items():
                self.publish(uri, version, [config_problem(outcome.config_error)])
            return
        assert outcome.result is not None
        for finding in outcome.result.findings:
            if finding.file.startswith("<plugin "):
                self.log_once(types.MessageType.Warning, f"trackinglint: {finding.message}")
        units = self.units
        for uri, version in outcome.versions.items():
            buffer = self.buffers.get(uri)
            if buffer is None:
                continue
            document = outcome.document(self.lint_path(buffer))
            found = []
            if document is not None:
                found = diagnostics_for(outcome.result.findings, document, units, self.links)
            self.publish(uri, version, found)

    def publish(self, uri: str, version: int | None, found: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
        )

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def log_once(self, kind: types.MessageType, message: str) -> None:
        if message in self._reported:
            return
        if len(self._reported) >= MAX_REPORTED:
            self._reported.clear()
        self._reported.add(message)
        self.log(kind, message)

    # requests ---------------------------------------------------------------

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        scope = self.scopes.get(uri)
        buffer = self.buffers.get(uri)
        if scope is None and buffer is not None:
            return await self.sources.hover(self, uri, params.position)
        if scope is None or buffer is None:
            return None
        await self.runs.settle(scope.key)
        outcome = self.outcomes.get(scope.key)
        document = outcome.document(self.lint_path(buffer)) if outcome else None
        plan = outcome.plan_of(document) if outcome and document else None
        if outcome is None or document is None or plan is None:
            return None
        units = self.units
        line, column = from_position(document.lines, params.position, units)
        site = site_at(plan, document, line, column)
        if site is None:
            return None
        classification = outcome.classifications.get(id(plan))
        if classification is None:
            classification = await self.runs.in_worker(classify_plan, self.registry, plan)
            outcome.classifications[id(plan)] = classification
        text = hover_text(site, classification)
        if text is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=to_range(document.lines, site.span, units),
        )

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        buffer = self.buffers.get(params.text_document.uri)
        if buffer is None:
            return []
        scope = self.scopes.get(buffer.uri)
        if scope is not None:
            await self.runs.settle(scope.key)  # the fixes of the run that saw this text
        only = params.context.only
        if only and not any(types.CodeActionKind.QuickFix.value.startswith(k) for k in only):
            return []
        actions = self.fix_actions(buffer, params.context.diagnostics)
        if self.lint_path(buffer).suffix.lower() not in YAML_SUFFIXES:
            return actions  # JSON has no comments: no suppression quick fix
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != SOURCE or diagnostic.code == UNUSED_SUPPRESSION.code:
                continue
            action = suppression_action(
                buffer.uri, buffer.text, diagnostic, self.aliases, self.units
            )
            if action is not None:
                actions.append(action)
        return actions

    def fix_actions(
        self, buffer: Buffer, diagnostics: Iterable[types.Diagnostic]
    ) -> list[types.CodeAction]:
        """Safe autofixes of the diagnostics, when the last run saw this very text."""
        scope = self.scopes.get(buffer.uri)
        outcome = self.outcomes.get(scope.key) if scope is not None else None
        document = outcome.document(self.lint_path(buffer)) if outcome is not None else None
        if outcome is None or outcome.result is None or document is None:
            return []
        if document.text != buffer.text:
            return []  # stale: offsets would land in the wrong place
        fixes: dict[tuple[object, ...], Fix] = {
            (f.code, f.path, f.message): f.fix
            for f in outcome.result.findings
            if f.fix is not None and f.file == document.display_path
        }
        actions = []
        for diagnostic in diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
            fix = fixes.get((diagnostic.code, data.get("path"), diagnostic.message))
            if diagnostic.source == SOURCE and fix is not None:
                action = fix_action(buffer.uri, document, diagnostic, fix, self.units)
                if action is not None:
                    actions.append(action)
        return actions


def build_server(debounce: float = DEBOUNCE, primed: Primed | None = None) -> TrackinglintServer:
    """The server with its LSP features registered."""
    server = TrackinglintServer(debounce, primed)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TrackinglintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.opened(params.text_document)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TrackinglintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.changed(params)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TrackinglintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.saved(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TrackinglintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: TrackinglintServer, params: types.HoverParams) -> types.Hover | None:
        return await ls.hover(params)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    async def code_action(ls: TrackinglintServer, params: types.CodeActionParams):
        return await ls.code_actions(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: TrackinglintServer, params: None) -> None:
        ls.shutdown_requested = True
        ls.runs.close()
        ls.sources.close()

    return server
