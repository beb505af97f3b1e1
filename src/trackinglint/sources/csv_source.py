"""CSV and TSV spreadsheets as plan documents, every cell with its position.

A spreadsheet plan has a header row and one row per event–property pair.
`load_csv` returns the rows as plain data (a list of mappings keyed by the
header's cells) and a locator that finds any row or cell again:

    ()                  the header row
    (3,)                the fourth data row
    (3, "Property")     that row's cell under the header "Property"
    (3, "Property", "value")   the name `value` inside that cell ("item_id, value")

The standard library's csv module does not report positions, so this is a
small RFC 4180 scanner: quoted cells, doubled quotes, line breaks inside
quotes, CRLF or LF rows; the delimiter (comma, semicolon or tab) is read off
the header row. Lines starting with `#` above the header (a sheet's title,
notes, a licence) are passed over; positions still count them.
"""

from __future__ import annotations

import re
from array import array
from typing import Any

from .document import Focus, Pointer
from .errors import LoadProblem, SourceError

_DELIMITERS = (",", ";", "\t")
Cell = tuple[str, int, int]  # text, start offset, end offset


class CsvLocator:
    """Offsets of the header, of each row and of each cell.

    A row is kept as one array of (start, end) offset pairs, not as tuples of
    text and ints: a tenth of the memory on a large sheet (the text of each
    cell is in the data already, and in the file's text).
    """

    __slots__ = ("_columns", "header", "rows", "text")

    def __init__(self, header: list[Cell], rows: list[array[int]], text: str = "") -> None:
        self.header = header
        self.rows = rows
        self.text = text
        self._columns: dict[str, int] = {}
        for index, (name, _, _) in enumerate(header):
            self._columns.setdefault(name, index)

    @property
    def columns(self) -> list[str]:
        """The header's cells, in order."""
        return [name for name, _, _ in self.header]

    def offsets(self, pointer: Pointer, focus: Focus) -> tuple[int, int]:
        if not pointer or not isinstance(pointer[0], int):
            return _line_span(self.header)
        index = pointer[0]
        if not 0 <= index < len(self.rows):
            return _line_span(self.header)
        row = self.rows[index]
        if len(pointer) > 1 and isinstance(pointer[1], str):
            column = self._columns.get(pointer[1])
            if column is not None and 2 * column < len(row):
                start, end = row[2 * column], row[2 * column + 1]
                if len(pointer) > 2 and isinstance(pointer[2], str):
                    return _within(self.text, start, end, pointer[2])
                return start, end
        return (row[0], row[-1]) if row else (0, 1)


def _within(text: str, start: int, end: int, part: str) -> tuple[int, int]:
    """Where `part` sits inside a cell; the whole cell when it is not found as written."""
    pattern = rf"(?<!\w){re.escape(part)}(?!\w)"
    match = re.compile(pattern).search(text, start, end) if part else None
    if match is None:
        return start, end
    return match.start(), match.start() + len(part)


def _line_span(cells: list[Cell]) -> tuple[int, int]:
    if not cells:
        return (0, 1)
    return cells[0][1], cells[-1][2]


def load_csv(text: str, delimiter: str | None = None) -> tuple[Any, CsvLocator, list[LoadProblem]]:
    """Parse a spreadsheet; raises SourceError for an unclosed quote."""
    start = header_offset(text)
    if delimiter is None:
        delimiter = guess_delimiter(text[start:])
    records = _records(text, delimiter, start)
    first = next((record for record in records if not _blank(record)), None)
    if first is None:
        return None, CsvLocator([], [], text), []
    header = [(name.strip(), start, end) for name, start, end in first]
    problems = []
    seen: dict[str, int] = {}
    for index, (name, start, end) in enumerate(header):
        if name in seen and name:
            problems.append(
                LoadProblem(
                    f"column '{name}' appears twice in the header (first as column "
                    f"{seen[name] + 1}); only the first is read, so rename one",
                    start,
                    max(end - start, 1),
                )
            )
        seen.setdefault(name, index)
    # a name seen twice keeps its first column, as the locator does
    columns = [(name, first) for name, first in seen.items() if name]
    data, rows = [], []
    repeated: dict[str, str] = {}  # one string for each repeated cell text (names, types)
    for cells in records:
        if _blank(cells):
            continue
        values = [repeated.setdefault(value, value) for value, _, _ in cells]
        data.append({name: values[first] for name, first in columns if first < len(values)})
        rows.append(array("q", [offset for _, start, end in cells for offset in (start, end)]))
    return data, CsvLocator(header, rows, text), problems


def header_offset(text: str) -> int:
    """Where the header starts: after any blank lines and `#` comment lines."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip().lstrip("\ufeff")
        if stripped and not stripped.startswith("#"):
            return offset
        offset += len(line)
    return offset


def header_line(text: str) -> str:
    """The header row's text, comment lines above it passed over."""
    return text[header_offset(text) :].split("\n", 1)[0]


def guess_delimiter(text: str) -> str:
    """The delimiter that splits the first line into the most cells."""
    first = text.split("\n", 1)[0]
    counts = {d: _count_outside_quotes(first, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _blank(cells: list[Cell]) -> bool:
    return all(not text.strip() for text, _, _ in cells)


def _records(text: str, delimiter: str, index: int = 0):
    """Yield each record as a list of (text, start, end); quotes stay in the span."""
    length = len(text)
    while index < length:
        cells: list[Cell] = []
        while True:
            start = index
            if index < length and text[index] == '"':
                value, index = _quoted(text, index)
                # anything between the closing quote and the delimiter is kept as written
                tail_end = _cell_end(text, index, delimiter)
                value += text[index:tail_end]
                index = tail_end
            else:
                index = _cell_end(text, index, delimiter)
                value = text[start:index]
            cells.append((value, start, index))
            if index < length and text[index] == delimiter:
                index += 1
                continue
            break
        if index < length and text[index] == "\r":
            index += 1
        if index < length and text[index] == "\n":
            index += 1
        yield cells


_CELL_REST = {d: re.compile(f"[^{re.escape(d)}\r\n]*") for d in _DELIMITERS}


def _cell_end(text: str, index: int, delimiter: str) -> int:
    """Where an unquoted cell ends: a regex scans in C, a loop per character was slow."""
    rest = _CELL_REST.get(delimiter) or re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    return rest.match(text, index).end()  # type: ignore[union-attr]


def _quoted(text: str, index: int) -> tuple[str, int]:
    """Read a quoted cell starting at its opening quote; return value and end offset."""
    start = index
    index += 1
    parts = []
    while True:
        close = text.find('"', index)
        if close < 0:
            raise SourceError(
                "a quoted cell is never closed; add the closing '\"' (a quote inside a "
                'cell is written twice: "")',
                start,
            )
        parts.append(text[index:close])
        if text.startswith('""', close):
            parts.append('"')
            index = close + 2
            continue
        return "".join(parts), close + 1
