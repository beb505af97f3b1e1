"""The editor's open documents: their unsaved text, version and language.

Kept here rather than in pygls' workspace because incremental edits must
split lines exactly as LSP and the engine do (CR, LF and CRLF only); Python's
`str.splitlines` also breaks at form feeds and U+2028, which would put an
edit in the wrong place in a file that contains one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from .positions import Units, to_column

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class Buffer:
    uri: str
    text: str
    version: int | None
    language_id: str
    path: Path | None  # None for documents that are not files (untitled)


def apply_change(text: str, change: types.TextDocumentContentChangeEvent, units: Units) -> str:
    """The text after one `didChange` content change (full or incremental)."""
    if not isinstance(change, types.TextDocumentContentChangePartial):
        return change.text
    starts = line_starts(text)
    start = _offset(text, starts, change.range.start, units)
    end = max(_offset(text, starts, change.range.end, units), start)
    return text[:start] + change.text + text[end:]


def line_starts(text: str) -> list[int]:
    """The offset at which each line begins (lines end at CR, LF or CRLF)."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


def _offset(text: str, starts: list[int], position: types.Position, units: Units) -> int:
    if position.line >= len(starts):
        return len(text)
    begin = starts[position.line]
    end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
    line = text[begin:end].rstrip("\r\n")
    return begin + to_column(line, position.character, units) - 1


class Buffers:
    """Open documents by URI; nothing is kept for a document after it closes."""

    def __init__(self) -> None:
        self._open: dict[str, Buffer] = {}

    def open(self, item: types.TextDocumentItem, path: Path | None) -> Buffer:
        buffer = Buffer(item.uri, item.text, item.version, item.language_id or "", path)
        self._open[item.uri] = buffer
        return buffer

    def change(self, params: types.DidChangeTextDocumentParams, units: Units) -> Buffer | None:
        buffer = self._open.get(params.text_document.uri)
        if buffer is None:
            return None
        for change in params.content_changes:
            buffer.text = apply_change(buffer.text, change, units)
        buffer.version = params.text_document.version
        return buffer

    def close(self, uri: str) -> Buffer | None:
        return self._open.pop(uri, None)

    def get(self, uri: str) -> Buffer | None:
        return self._open.get(uri)

    def all(self) -> list[Buffer]:
        return list(self._open.values())

    def file_texts(self) -> dict[Path, str]:
        """Unsaved text of every open file, for `Engine.lint(contents=...)`."""
        return {b.path: b.text for b in self._open.values() if b.path is not None}
