"""Glob patterns for file selection: `*.yaml` matches a name anywhere,
`plans/**/*.json` matches a path relative to the configuration's folder."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    parts, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            parts.append(".*")
            index += 2
            continue
        parts.append({"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char)))
        index += 1
    return re.compile("".join(parts) + r"\Z")


class GlobSet:
    """A few patterns, matched against a path relative to a root folder."""

    __slots__ = ("_name_patterns", "_path_patterns", "_required_parts")

    def __init__(self, patterns: Iterable[str]) -> None:
        patterns = [p.removeprefix("./").rstrip("/") for p in patterns]
        self._name_patterns = [_compile(p) for p in patterns if "/" not in p]
        self._path_patterns = [_compile(p) for p in patterns if "/" in p]
        # folder names a path pattern spells out (`jsonschema` in `**/jsonschema/*`): a
        # path without them cannot match, which spares resolving it
        self._required_parts = [
            frozenset(c for c in p.split("/")[:-1] if c and "*" not in c and "?" not in c)
            for p in patterns
            if "/" in p
        ]

    def matches(self, path: Path, root: Path) -> bool:
        if any(p.match(path.name) for p in self._name_patterns):
            return True
        if not self._path_patterns:
            return False
        parts = frozenset(path.absolute().parts)
        patterns = [
            pattern
            for pattern, required in zip(self._path_patterns, self._required_parts, strict=True)
            if required <= parts
        ]
        if not patterns:
            return False
        try:
            relative = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        return any(p.match(relative) for p in patterns)
