"""Positions between the engine and the editor.

The engine counts 1-based lines and columns in characters (code points);
LSP counts 0-based lines and columns in the code units of the encoding the
client and server agreed on: UTF-16 unless the client offers another. Only
the line's own text can say how many units its characters take.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..sources import LineIndex, Span

if TYPE_CHECKING:  # imported where used: the fast start places positions before pygls loads
    from lsprotocol import types

Units = Callable[[str], int]


def utf16_units(text: str) -> int:
    """Length in UTF-16 code units: characters beyond the BMP take two."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def utf8_units(text: str) -> int:
    return len(text.encode("utf-8", errors="surrogatepass"))


def utf32_units(text: str) -> int:
    return len(text)


def units_for(encoding: object) -> Units:
    """The unit counter of a negotiated `positionEncoding` (UTF-16 by default)."""
    name = getattr(encoding, "value", encoding) or ""
    return {"utf-8": utf8_units, "utf-32": utf32_units}.get(str(name), utf16_units)


def lsp_position(lines: LineIndex, line: int, column: int, units: Units) -> tuple[int, int]:
    """A 1-based (line, character column) as a 0-based LSP (line, character)."""
    text = lines.line_text(line)
    before = column - 1
    # past the end of the line (e.g. at the line break): keep the excess as is
    excess = max(before - len(text), 0)
    character = units(text[:before]) + excess
    return max(line - 1, 0), max(character, 0)


def to_position(lines: LineIndex, line: int, column: int, units: Units) -> types.Position:
    """A 1-based (line, character column) as a 0-based LSP position."""
    from lsprotocol import types

    line, character = lsp_position(lines, line, column, units)
    return types.Position(line=line, character=character)


def to_range(lines: LineIndex, span: Span, units: Units) -> types.Range:
    from lsprotocol import types

    return types.Range(
        start=to_position(lines, span.line, span.column, units),
        end=to_position(lines, span.end_line, span.end_column, units),
    )


def to_column(line_text: str, character: int, units: Units) -> int:
    """An LSP character offset in `line_text` as a 1-based character column.

    An offset inside a character (half a surrogate pair) rounds up to its end;
    one past the end of the line clamps to the end.
    """
    if units is utf32_units:
        return min(max(character, 0), len(line_text)) + 1
    counted = 0
    for index, char in enumerate(line_text):
        if counted >= character:
            return index + 1
        counted += units(char)
    return len(line_text) + 1


def from_position(lines: LineIndex, position: types.Position, units: Units) -> tuple[int, int]:
    """A 0-based LSP position as a 1-based (line, character column)."""
    line = position.line + 1
    return line, to_column(lines.line_text(line), position.character, units)
