"""JSON plan files: the C decoder for values, positions found on demand.

Decoding with the standard library is fast and exact; positions are found only
for the containers a finding points into, by scanning just those containers.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, not in typeshed
from typing import Any

from .document import Focus, LineIndex, Pointer
from .errors import LoadProblem, SourceError
from .limits import MAX_DEPTH, MAX_INT_DIGITS

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_OR_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_STEP = {"{": 1, "[": 1, "}": -1, "]": -1}
_LONG_NUMBER = re.compile(f"-?[0-9]{{{MAX_INT_DIGITS + 1},}}")
_Entry = tuple[int, int, int, int]


class JsonLocator:
    """Offsets of JSON nodes, scanned lazily one container at a time."""

    __slots__ = ("_cache", "_decoder", "root_start", "text")

    def __init__(self, text: str, root_start: int) -> None:
        self.text = text
        self.root_start = root_start
        self._decoder = json.JSONDecoder()
        self._cache: dict[int, tuple[dict[Any, _Entry], dict[str, list[_Entry]]]] = {}

    def offsets(self, pointer: Pointer, focus: Focus) -> tuple[int, int]:
        start = self.root_start
        span: tuple[int, int] | None = None  # the root's end is costly: only when needed
        for segment in pointer:
            entry = self.container(start)[0].get(segment)
            if entry is None:
                break
            span = (entry[0], entry[1]) if focus == "key" else (entry[2], entry[3])
            start = entry[2]
        return span or (self.root_start, self.value_end(self.root_start))

    def value_end(self, start: int) -> int:
        try:
            return self._decoder.raw_decode(self.text, start)[1]
        except ValueError:
            return start + 1

    def container(self, start: int) -> tuple[dict[Any, _Entry], dict[str, list[_Entry]]]:
        """Entries of the object or array at `start`: first occurrences, then repeats."""
        cached = self._cache.get(start)
        if cached is None:
            cached = self._cache[start] = self._scan(start)
        return cached

    def _scan(self, start: int) -> tuple[dict[Any, _Entry], dict[str, list[_Entry]]]:
        text = self.text
        entries: dict[Any, _Entry] = {}
        repeats: dict[str, list[_Entry]] = {}
        opener = text[start : start + 1]
        if opener not in ("{", "["):
            return entries, repeats
        index = _skip_space(text, start + 1)
        position = 0
        while index < len(text) and text[index] not in "}]":
            if opener == "{":
                key, key_end = scanstring(text, index + 1)
                value_start = _skip_space(text, _skip_space(text, key_end) + 1)
                key_start = index
            else:
                key, key_start, key_end, value_start = position, index, index, index
                position += 1
            value_end = self.value_end(value_start)
            entry = (key_start, key_end, value_start, value_end)
            if opener == "[":
                entry = (value_start, value_end, value_start, value_end)
            if key in entries:
                repeats.setdefault(key, []).append(entry)
            else:
                entries[key] = entry
            index = _skip_space(text, value_end)
            if text[index : index + 1] == ",":
                index = _skip_space(text, index + 1)
        return entries, repeats


def _skip_space(text: str, index: int) -> int:
    """The first offset at or after `index` that is not JSON whitespace."""
    space = _WHITESPACE.match(text, index)  # `*` matches even nothing: never None
    return space.end() if space else index


def load_json(text: str) -> tuple[Any, JsonLocator, list[LoadProblem]]:
    """Decode one JSON document; raises SourceError at the offending offset."""
    saw_repeat = False

    def keep_first(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal saw_repeat
        result = dict(pairs)
        if len(result) != len(pairs):
            saw_repeat = True
            result = {}
            for key, value in pairs:
                result.setdefault(key, value)
        return result

    try:
        data = json.loads(text, object_pairs_hook=keep_first, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        message = exc.msg[0].lower() + exc.msg[1:]
        message = message.replace("expecting", "expected").removesuffix(" at")
        raise SourceError(message, exc.pos) from None
    except _NotJson as exc:
        raise SourceError(f"{exc.args[0]} is not valid JSON", text.find(exc.args[0])) from None
    except RecursionError:
        raise SourceError("JSON nested too deeply to read", 0) from None
    except ValueError:  # Python's limit on turning digits into an int
        number = _LONG_NUMBER.search(text)
        start, length = (number.start(), len(number[0])) if number else (0, 1)
        raise SourceError(
            f"an integer of {length:,} digits; numbers are limited to {MAX_INT_DIGITS:,} "
            "digits (see README, Limits)",
            start,
            length,
        ) from None
    too_deep = _too_deep(text)
    if too_deep is not None:
        raise SourceError(
            f"nested more than {MAX_DEPTH} levels deep; a plan never needs that "
            "(see README, Limits)",
            too_deep,
        )
    locator = JsonLocator(text, _skip_space(text, 0))
    problems = _repeats(locator) if saw_repeat else []
    return data, locator, problems


class _NotJson(ValueError):
    pass


def _no_constants(name: str) -> Any:
    raise _NotJson(name)


def _too_deep(text: str) -> int | None:
    """The offset where containers first nest deeper than MAX_DEPTH, if they do.

    The common case costs two regex passes in C: strings dropped, then every
    character but brackets; only a file that is too deep is walked in Python.
    """
    if text.count("{") + text.count("[") <= MAX_DEPTH:
        return None
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if not brackets or max(accumulate(map(_STEP.__getitem__, brackets))) <= MAX_DEPTH:
        return None
    depth = 0
    for match in _BRACKET_OR_STRING.finditer(text):
        step = _STEP.get(match[0], 0)
        depth += step
        if depth > MAX_DEPTH:
            return match.start()
    return None  # pragma: no cover - the fast count said otherwise


def _repeats(locator: JsonLocator) -> list[LoadProblem]:
    """Every repeated key, found by scanning the text (rare, so a full walk is fine)."""
    problems: list[LoadProblem] = []
    pending = [locator.root_start]
    lines = LineIndex(locator.text)  # once: counting lines per repeat was quadratic
    while pending:
        entries, repeats = locator.container(pending.pop())
        for key, again in repeats.items():
            line = lines.position(entries[key][0])[0]
            problems.extend(
                LoadProblem(
                    f"duplicate key '{key}' (first defined on line {line}); JSON keys must be "
                    "unique, so remove or rename one",
                    start,
                    end - start,
                )
                for start, end, _, _ in again
            )
        values = [*entries.values(), *(e for more in repeats.values() for e in more)]
        pending.extend(entry[2] for entry in values if locator.text[entry[2]] in "{[")
    return sorted(problems, key=lambda p: p.offset)
