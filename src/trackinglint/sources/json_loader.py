"""JSON plan files: the C decoder for values, positions found on demand.

Decoding with the standard library is fast and exact; positions are found only
for the containers a finding points into, by scanning just those containers.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Any

from .document import Focus, Pointer
from .errors import LoadProblem, SourceError

_WHITESPACE = re.compile(r"[ \t\n\r]*")
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
        span = (start, self.value_end(start))
        for segment in pointer:
            entries, _ = self.container(start)
            entry = entries.get(segment)
            if entry is None:
                return span
            span = (entry[0], entry[1]) if focus == "key" else (entry[2], entry[3])
            start = entry[2]
        return span

    def pointer_offset(self, pointer: Pointer) -> int | None:
        """Offset of the value at `pointer`, or None when it is not there."""
        start = self.root_start
        for segment in pointer:
            entry = self.container(start)[0].get(segment)
            if entry is None:
                return None
            start = entry[2]
        return start

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
        text, entries, repeats = self.text, {}, {}
        opener = text[start : start + 1]
        if opener not in ("{", "["):
            return entries, repeats
        index = _WHITESPACE.match(text, start + 1).end()
        position = 0
        while index < len(text) and text[index] not in "}]":
            if opener == "{":
                key, key_end = scanstring(text, index + 1)
                value_start = _WHITESPACE.match(
                    text, _WHITESPACE.match(text, key_end).end() + 1
                ).end()
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
            index = _WHITESPACE.match(text, value_end).end()
            if text[index : index + 1] == ",":
                index = _WHITESPACE.match(text, index + 1).end()
        return entries, repeats


def load_json(text: str) -> tuple[Any, JsonLocator, list[LoadProblem]]:
    """Decode one JSON document; raises SourceError at the offending offset."""
    repeated: list[tuple[dict, str]] = []

    def keep_first(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            result = {}
            for key, value in pairs:
                if key in result:
                    repeated.append((result, key))
                else:
                    result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=keep_first)
    except json.JSONDecodeError as exc:
        message = exc.msg[0].lower() + exc.msg[1:]
        raise SourceError(message.replace("expecting", "expected"), exc.pos) from None
    except RecursionError:
        raise SourceError("JSON nested too deeply to read", 0) from None
    locator = JsonLocator(text, _WHITESPACE.match(text).end())
    problems = [_duplicate(locator, data, container, key) for container, key in repeated]
    return data, locator, problems


def _duplicate(locator: JsonLocator, data: Any, container: dict, key: str) -> LoadProblem:
    pointer = _find(data, container, ())
    offset = locator.pointer_offset(pointer) if pointer is not None else None
    if offset is None:
        return LoadProblem(f"duplicate key '{key}'", 0)
    entries, repeats = locator.container(offset)
    first, second = entries[key], repeats[key][0]
    line = locator.text.count("\n", 0, first[0]) + 1
    return LoadProblem(
        f"duplicate key '{key}' (first defined on line {line}); JSON keys must be unique, "
        "so remove or rename one",
        second[0],
        second[1] - second[0],
    )


def _find(node: Any, target: Any, pointer: Pointer) -> Pointer | None:
    if node is target:
        return pointer
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        if isinstance(child, (dict, list)):
            found = _find(child, target, (*pointer, key))
            if found is not None:
                return found
    return None
