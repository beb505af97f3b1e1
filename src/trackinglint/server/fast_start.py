"""The first diagnostics before pygls is imported.

pygls needs lsprotocol, whose 570 attrs classes take longer to import (0.7 s
on a quiet machine) than `trackinglint check` takes to lint a small plan. So
the server starts the way the CLI does: it answers `initialize` itself, lints
the first document the editor opens, and publishes its diagnostics, speaking
plain JSON-RPC; only then does it import pygls. Every message read so far is
handed to pygls as if it had just arrived (the `initialize` request under an
id whose answer is dropped, see server.py), so pygls ends in the same state
as if it had read them itself, and the engine's cache already holds the file.

Anything unexpected (a message other than `initialized` or a configuration
change before the first `didOpen`, a document that is not a plan, a broken
configuration) ends the fast start: pygls then handles everything as usual.
So does any message that arrives while the first document is linted (an edit
makes the lint stale); the end of input, or `shutdown` and `exit`, end the
process at once. stdin is read from its file descriptor, so nothing is left in
Python's buffer for pygls to read out of order. Not on Windows, where pipes
cannot be watched while the lint runs: there pygls starts at once.
"""

from __future__ import annotations

import io
import json
import os
import select
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .. import __version__
from ..findings import Finding, Severity
from ..plans import sniff_file, sniffs, spans_folders
from ..plugins import Registry, build_registry
from ..readcache import ReadCache
from ..rules.core import UNUSED_SUPPRESSION
from ..sources import Document
from .leaving import leave
from .linting import lint_scope
from .positions import Units, lsp_position, units_for
from .scope import file_path, folder_scope, untitled_scope

REPLAYED_ID = "trackinglint-fast-start-initialize"  # its answer was sent already
ENCODINGS = ("utf-8", "utf-16", "utf-32")
PASSED = {"initialized", "workspace/didChangeConfiguration", "$/setTrace"}
SEVERITIES = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
PAGES_URL = "https://github.com/trackinglint/trackinglint/blob/main/rules/"
# What pygls answers for the features server.py registers (tests/test_server_fast_start.py
# holds the two to the same answer), less the negotiated position encoding.
CAPABILITIES: dict[str, Any] = {
    "textDocumentSync": {"openClose": True, "change": 2, "save": True},
    "hoverProvider": True,
    "codeActionProvider": {"codeActionKinds": ["quickfix"]},
    "executeCommandProvider": {"commands": []},
    "workspace": {
        "workspaceFolders": {"supported": True, "changeNotifications": True},
        "fileOperations": {},
    },
}


@dataclass
class Primed:
    """What the fast start leaves for the server: the messages to hand to pygls,
    and the registry and cache it built; or the exit code if the client left."""

    replay: bytes = b""
    registry: Registry | None = None
    cache: ReadCache = field(default_factory=ReadCache)
    left: int | None = None  # the client went away (0: after `shutdown` and `exit`)


class Input:
    """stdin read from its file descriptor, with what was read and not yet used."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending = bytearray()
        self.ended = False

    def fill(self) -> bool:
        chunk = os.read(self.fd, 65536)
        self.pending += chunk
        self.ended = not chunk
        return bool(chunk)

    def readline(self) -> bytes:
        while (end := self.pending.find(b"\n")) < 0:
            if self.ended or not self.fill():
                end = len(self.pending) - 1
                break
        line = bytes(self.pending[: end + 1])
        del self.pending[: end + 1]
        return line

    def read(self, size: int) -> bytes:
        while len(self.pending) < size and not self.ended and self.fill():
            pass
        data = bytes(self.pending[:size])
        del self.pending[:size]
        return data

    def watch(
        self, stop: threading.Event, done: threading.Event, ended: Callable[[], None]
    ) -> threading.Thread:
        """Read on in a thread until `done`: set `stop` once anything arrives, and
        call `ended` at the end of input."""

        def run() -> None:
            while not done.is_set():
                ready, _, _ = select.select([self.fd], [], [], 0.02)
                if ready:
                    self.fill()
                    stop.set()
                    if self.ended:
                        ended()
                        return

        thread = threading.Thread(target=run, name="trackinglint-watch", daemon=True)
        thread.start()
        return thread


def fast_start(stdin: BinaryIO, stdout: BinaryIO) -> Primed:
    """Answer `initialize` and publish the first document's diagnostics, reading
    from `stdin` only what that takes; never raises for what the client sends."""
    primed = Primed()
    try:
        fd = stdin.fileno()
    except (OSError, ValueError):  # not a file (io.UnsupportedOperation is both)
        return primed
    if os.name == "nt":
        return primed
    source = Input(fd)
    replay = bytearray()
    message = _read(source)
    if message is None or message.get("method") != "initialize" or "id" not in message:
        primed.replay = _frame(message) if message is not None else b""
        primed.left = 1 if message is None and source.ended else None
        return primed
    params = message.get("params") or {}
    offered = params.get("capabilities") or {}
    encoding = _encoding(offered)
    _write(stdout, {"jsonrpc": "2.0", "id": message["id"], "result": _answer(offered)})
    replay += _frame({**message, "id": REPLAYED_ID})
    while (message := _read(source)) is not None:
        replay += _frame(message)
        if message.get("method") in PASSED:
            continue
        if message.get("method") == "textDocument/didOpen":
            primed.registry = build_registry()
            stop, done = threading.Event(), threading.Event()

            def ended() -> None:  # the client left mid-lint: so does the process, now
                _leave_if_left(source, stdout)

            watch = source.watch(stop, done, ended)
            _publish_first(message.get("params") or {}, params, encoding, primed, stdout, stop)
            done.set()
            watch.join()
            _leave_if_left(source, stdout)
        break
    if source.ended and not source.pending:
        primed.left = 1 if primed.left is None else primed.left
    primed.replay = bytes(replay + source.pending)
    return primed


def _leave_if_left(source: Input, stdout: BinaryIO) -> None:
    """End the process if the client went away while the first lint ran: answered,
    if it asked for a `shutdown` that came with an `exit` (see leaving.py)."""
    if source.ended and not source.pending:
        leave(1)
    ahead = Input(-1)
    ahead.pending, ahead.ended = bytearray(source.pending), True
    first, second = _read(ahead), _read(ahead)
    if first and first.get("method") == "shutdown" and second and second.get("method") == "exit":
        reply = {"jsonrpc": "2.0", "id": first.get("id"), "result": None}
        leave(0, lambda: _write(stdout, reply))
    if first and first.get("method") == "exit":
        leave(1)


class Replayed(io.RawIOBase):
    """stdin for pygls: the messages the fast start read, then the rest of stdin."""

    def __init__(self, replay: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._replay = io.BytesIO(replay)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> bytes:
        line = self._replay.readline()
        return line if line else self._rest.readline()

    def read(self, size: int | None = -1) -> bytes:
        data = self._replay.read(size)
        if size is None or size < 0:
            return data + self._rest.read()
        return data if len(data) == size else data + self._rest.read(size - len(data))


def _publish_first(
    opened: Mapping[str, Any],
    initialize: Mapping[str, Any],
    encoding: str,
    primed: Primed,
    stdout: BinaryIO,
    stop: threading.Event,
) -> None:
    item = opened.get("textDocument") or {}
    uri, text = item.get("uri"), item.get("text")
    registry = primed.registry
    if not isinstance(uri, str) or not isinstance(text, str) or registry is None:
        return
    path = file_path(uri)
    roots = [
        root
        for root in map(file_path, _root_uris(initialize))
        if root is not None  # (file: URIs only)
    ]
    readers = registry.readers
    if path is None:
        scope = untitled_scope(
            uri, str(item.get("languageId") or ""), roots[0] if roots else Path.cwd()
        )
        where = scope.paths[0]
    else:
        formats = [reader for reader in readers if sniffs(reader, path, text)]
        if not formats:
            return  # not a plan: nothing to show
        scope = folder_scope(
            path,
            roots,
            lambda candidate: sniff_file(candidate, readers, {path: text}),
            siblings=any(spans_folders(reader) for reader in formats),
        )
        where = path
    outcome = lint_scope(registry, scope, {where: text}, primed.cache, stop, {where})
    document = outcome.document(where)
    if outcome.result is None or document is None or stop.is_set():
        return  # a newer message, a configuration error or a crash: pygls's turn
    links = rule_links(registry.rules)
    units = units_for(encoding)
    found = [
        diagnostic_json(f, document, units, links)
        for f in outcome.result.findings
        if f.file == document.display_path
    ]
    version = item.get("version")
    params = {"uri": uri, "diagnostics": found, "version": version}
    _write(
        stdout, {"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params}
    )


def diagnostic_json(
    finding: Finding, document: Document, units: Units, links: Mapping[str, str]
) -> dict[str, Any]:
    """`diagnostics.to_diagnostic` as the JSON pygls would send for it."""
    lines = document.lines
    start = lsp_position(lines, finding.line, finding.column, units)
    end = lsp_position(lines, finding.end_line, finding.end_column, units)
    diagnostic: dict[str, Any] = {
        "range": {
            "start": {"line": start[0], "character": start[1]},
            "end": {"line": end[0], "character": end[1]},
        },
        "message": finding.message,
        "severity": SEVERITIES[finding.severity],
        "code": finding.code,
    }
    if finding.code in links:
        diagnostic["codeDescription"] = {"href": links[finding.code]}
    diagnostic["source"] = "trackinglint"
    if finding.code == UNUSED_SUPPRESSION.code:
        diagnostic["tags"] = [1]
    diagnostic["data"] = {"name": finding.name, "path": finding.path}
    return diagnostic


def _answer(offered: Mapping[str, Any]) -> dict[str, Any]:
    """The `initialize` answer to a client with these capabilities."""
    capabilities = {"positionEncoding": _encoding(offered), **CAPABILITIES}
    sync = ((offered.get("textDocument") or {}).get("synchronization")) or {}
    # pygls answers "not supported" to a client that said either way, else nothing
    said = {key: False for key in ("willSave", "willSaveWaitUntil") if sync.get(key) is not None}
    capabilities["textDocumentSync"] = {**capabilities["textDocumentSync"], **said}
    return {
        "capabilities": capabilities,
        "serverInfo": {"name": "trackinglint", "version": __version__},
    }


def _encoding(capabilities: Mapping[str, Any]) -> str:
    """pygls' choice: the client's first offer that it supports, else UTF-16."""
    general = capabilities.get("general") or {}
    for offered in general.get("positionEncodings") or ():
        if offered in ENCODINGS:
            return str(offered)
    return "utf-16"


def _root_uris(initialize: Mapping[str, Any]) -> list[str]:
    uris = [f.get("uri") for f in initialize.get("workspaceFolders") or () if isinstance(f, dict)]
    if initialize.get("rootUri"):
        uris.append(initialize["rootUri"])
    return [uri for uri in uris if isinstance(uri, str)]


def rule_links(rules: Mapping[str, object]) -> dict[str, str]:
    """`diagnostics.rule_links`, which cannot be imported here (it needs lsprotocol)."""
    from ..rule_pages import page_path

    pages = {code: page_path(code) for code in rules}
    return {code: PAGES_URL + page.name for code, page in pages.items() if page is not None}


def _read(stdin: Input) -> dict[str, Any] | None:
    """One JSON-RPC message; None at the end of input or on anything malformed."""
    length = None
    while True:
        line = stdin.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii", "replace").partition(":")
        if name.strip().lower() == "content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return None
    if length is None:
        return None
    body = stdin.read(length)
    try:
        message = json.loads(body)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


def _frame(message: Mapping[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _write(stdout: BinaryIO, message: Mapping[str, Any]) -> None:
    stdout.write(_frame(message))
    stdout.flush()
