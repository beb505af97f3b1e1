"""Regular expressions written by users (plan `pattern`s, rule files, naming options).

A pattern comes from a file we were asked to lint, so it may be hostile. Two
guards keep it from crashing or hanging a run:

- before compiling, a static check refuses patterns that are very long, nest
  groups very deep (the compiler recurses once per level) or repeat a huge
  number of times (the compiler overflows): `check_pattern`;
- when a pattern is run on a value, it runs in the `regex` engine, which
  (unlike `re`) can be stopped after a time limit; `re` cannot be interrupted
  at all, even from another thread. `regex` is imported only when a user
  pattern is run (it costs 20-35 ms), so ordinary runs do not pay for it.

Validity (TL212, configuration) is judged with `re`, as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MAX_PATTERN_LENGTH = 1_000  # characters
MAX_GROUP_DEPTH = 50  # groups inside groups
MAX_REPEAT = 100_000  # the n in {n} or {n,m}
MATCH_SECONDS = 0.1  # one pattern on one value

_REPEAT = re.compile(r"\{\s*([0-9]+)\s*(?:,\s*([0-9]*)\s*)?\}")


class PatternError(ValueError):
    """A pattern refused before or while compiling; the message says why."""


class PatternTimeout(Exception):
    """A pattern ran longer than MATCH_SECONDS on one value."""


def check_pattern(pattern: str) -> str | None:
    """Why `pattern` cannot be used safely or does not compile; None when it is fine."""
    try:
        compile_pattern(pattern)
    except PatternError as exc:
        return str(exc)
    return None


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile with `re` after the static checks; raises PatternError."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(
            f"is {len(pattern):,} characters long; patterns are limited to "
            f"{MAX_PATTERN_LENGTH:,} (see README, Limits)"
        )
    depth = _group_depth(pattern)
    if depth > MAX_GROUP_DEPTH:
        raise PatternError(
            f"nests groups {depth} deep; patterns are limited to {MAX_GROUP_DEPTH} "
            "(see README, Limits)"
        )
    for match in _REPEAT.finditer(pattern):
        counts = [int(n) for n in match.groups() if n]
        if max(counts) > MAX_REPEAT:
            raise PatternError(
                f"repeats {max(counts):,} times at {match[0]!r}; counts are limited to "
                f"{MAX_REPEAT:,} (see README, Limits)"
            )
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise PatternError(f"does not compile: {exc}") from None
    except (OverflowError, RecursionError, ValueError) as exc:  # belt and braces
        raise PatternError(f"does not compile: {exc}") from None


def search(pattern: str, value: str) -> bool:
    """Whether `pattern` matches somewhere in `value`, within the time limit."""
    return _run(pattern, "search", value)


def fullmatch(pattern: str, value: str) -> bool:
    """Whether `pattern` matches all of `value`, within the time limit."""
    return _run(pattern, "fullmatch", value)


_SLOW: set[str] = set()  # patterns that ran out of time once are not run again


def _run(pattern: str, how: str, value: str) -> bool:
    compile_pattern(pattern)  # the static checks, and `re`'s verdict on validity
    if pattern not in _SLOW:
        compiled = _guarded(pattern)
        try:
            return getattr(compiled, how)(value, timeout=MATCH_SECONDS) is not None
        except TimeoutError:
            _SLOW.add(pattern)
    raise PatternTimeout(
        f"pattern {_shown(pattern)} ran longer than {MATCH_SECONDS} s on one value, so it "
        "backtracks catastrophically and is not run again: simplify it (see README, Limits)"
    )


def _shown(pattern: str) -> str:
    text = repr(pattern)
    return text if len(text) <= 80 else text[:77] + "…"


@lru_cache(maxsize=256)
def _guarded(pattern: str) -> Any:
    import regex  # type: ignore[import-untyped]  # the only engine with a time limit

    try:
        return regex.compile(pattern, regex.VERSION0)
    except (regex.error, RecursionError, OverflowError) as exc:
        raise PatternError(f"does not compile: {exc}") from None


def _group_depth(pattern: str) -> int:
    """The deepest nesting of parentheses outside character classes."""
    depth = deepest = index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "^":
                index += 1
            if pattern[index + 1 : index + 2] == "]":
                index += 1  # a leading ']' is a literal
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(depth - 1, 0)
        index += 1
    return deepest
