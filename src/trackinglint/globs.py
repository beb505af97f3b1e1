"""Glob patterns for file selection, with .gitignore semantics (from pathspec).

A pattern without a slash matches a name at any depth (`*.yaml`, `[abc].json`,
`[!x]*.csv`); a pattern with one matches a path relative to the
configuration's folder (`plans/**/*.json`, `/top.yaml` for the top folder
only); a trailing slash matches folders only; a later `!pattern` takes a match
back. pathspec translates each pattern to a regular expression once; syntax
it rejects, and syntax people bring from elsewhere that .gitignore lacks
(`{a,b}` braces), is an error naming the glob, never a pattern that silently
matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


class GlobError(ValueError):
    """A glob that cannot mean what it says; the message names the glob."""


def glob_problem(pattern: str) -> str | None:
    """What is wrong with a glob, or None when it is fine (for configuration checks)."""
    try:
        _compile(pattern)
    except GlobError as exc:
        return str(exc)
    return None


@dataclass(frozen=True, slots=True)
class _Glob:
    regex: re.Pattern[str]
    include: bool  # False for `!pattern`
    anchored: bool  # has a slash: matched against the relative path, not the name
    folders_only: bool  # trailing slash
    required: frozenset[str]  # literal folder names the path must contain


@lru_cache(maxsize=512)
def _compile(pattern: str) -> _Glob:
    text = pattern.strip()
    if not text or text == "!":
        raise GlobError(f"glob {pattern!r} is empty and would match nothing")
    if "{" in text and "}" in text:
        raise GlobError(
            f"glob {pattern!r}: braces {{a,b}} are not glob syntax here; list each pattern"
        )
    if _unclosed_bracket(text):
        raise GlobError(f"glob {pattern!r} has a '[' without its ']'")
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    body = text.removeprefix("./")
    try:
        source, include = GitIgnoreSpecPattern.pattern_to_regex(body)
    except ValueError as exc:  # pathspec's GitIgnorePatternError
        raise GlobError(f"glob {pattern!r} is not valid .gitignore syntax: {exc}") from None
    if source is None:  # a comment (`#...`) or blank: matches nothing
        raise GlobError(f"glob {pattern!r} would match nothing (a leading '#' starts a comment)")
    stem = body.removeprefix("!").rstrip("/")
    anchored = "/" in stem
    required = frozenset(part for part in stem.split("/")[:-1] if part and not _has_magic(part))
    return _Glob(re.compile(source), bool(include), anchored, body.endswith("/"), required)


def _has_magic(part: str) -> bool:
    return any(char in part for char in "*?[\\")


def _unclosed_bracket(text: str) -> bool:
    depth = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[" and not depth:
            depth = True
        elif char == "]" and depth:
            depth = False
        index += 1
    return depth


class GlobSet:
    """A few patterns, matched against a path relative to a root folder.

    Raises GlobError for a glob that cannot work (configuration checks it first).
    """

    __slots__ = ("_globs",)

    def __init__(self, patterns: Iterable[str]) -> None:
        self._globs = [_compile(p) for p in patterns]

    def matches(self, path: Path, root: Path) -> bool:
        matched = False
        relative: str | None = None
        parts: frozenset[str] | None = None
        for glob in self._globs:
            if matched == glob.include:
                continue  # cannot change the answer
            if glob.anchored:
                if glob.required:
                    if parts is None:
                        parts = frozenset(path.absolute().parts)
                    if not glob.required <= parts:
                        continue
                if relative is None:
                    relative = _relative(path, root)
                target = relative
            else:
                target = path.name
            if glob.folders_only:
                if not path.is_dir():
                    continue
                target += "/"
            if glob.regex.match(target):
                matched = glob.include
        return matched


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
