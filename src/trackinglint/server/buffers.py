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


Anchor = tuple[int, int]  # (line, offset at which it begins): where lines are counted from


@dataclass(slots=True)
class Buffer:
    uri: str
    text: str
    version: int | None
    language_id: str
    path: Path | None  # None for documents that are not files (untitled)
    near: Anchor = (0, 0)  # the line the last edit began on: the next one is usually close


def apply_change(text: str, change: types.TextDocumentContentChangeEvent, units: Units) -> str:
    """The text after one `didChange` content change (full or incremental)."""
    return edit(text, change, units)[0]


def edit(
    text: str, change: types.TextDocumentContentChangeEvent, units: Units, near: Anchor = (0, 0)
) -> tuple[str, Anchor]:
    """The text after one content change, and the anchor for the next one.

    Lines are counted from `near` (a line start in `text`), not from the top: a
    keystroke in a 5 MB plan must not split all of it into lines (0.3 s a key).
    Text with a CR in it takes the slow, exact way: an inserted LF may join a CR
    before it into one line break."""
    if not isinstance(change, types.TextDocumentContentChangePartial):
        return change.text, (0, 0)
    first, last = change.range.start, change.range.end
    if "\r" in text or "\r" in change.text:
        starts = line_starts(text)
        start = _offset(text, _bounds(text, starts, first.line), first.character, units)
        end = _offset(text, _bounds(text, starts, last.line), last.character, units)
        return text[:start] + change.text + text[max(end, start) :], (0, 0)
    begin = _line_start(text, first.line, near)
    start = _offset(text, _line_of(text, begin), first.character, units)
    here = (first.line, begin) if begin is not None else (0, 0)
    begin_last = begin if last.line == first.line else _line_start(text, last.line, here)
    end = _offset(text, _line_of(text, begin_last), last.character, units)
    return text[:start] + change.text + text[max(end, start) :], here


def line_starts(text: str) -> list[int]:
    """The offset at which each line begins (lines end at CR, LF or CRLF)."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


def _line_start(text: str, line: int, near: Anchor) -> int | None:
    """Where `line` begins in text without CR, counted from the closer of `near` and
    the top; None past the last line."""
    known, pos = near if abs(line - near[0]) < line else (0, 0)
    while known < line:
        found = text.find("\n", pos)
        if found < 0:
            return None
        known, pos = known + 1, found + 1
    while known > line:
        known, pos = known - 1, text.rfind("\n", 0, pos - 1) + 1
    return pos


def _line_of(text: str, begin: int | None) -> tuple[int, int] | None:
    """The (begin, end) offsets of the line that begins at `begin`, its break included."""
    if begin is None:
        return None
    found = text.find("\n", begin)
    return begin, len(text) if found < 0 else found + 1


def _bounds(text: str, starts: list[int], line: int) -> tuple[int, int] | None:
    if line >= len(starts):
        return None
    return starts[line], starts[line + 1] if line + 1 < len(starts) else len(text)


def _offset(text: str, bounds: tuple[int, int] | None, character: int, units: Units) -> int:
    if bounds is None:
        return len(text)
    begin, end = bounds
    line = text[begin:end].rstrip("\r\n")
    return begin + to_column(line, character, units) - 1


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
            buffer.text, buffer.near = edit(buffer.text, change, units, buffer.near)
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
