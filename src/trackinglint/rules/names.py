"""Names: how they are spelled, in which style, and where each one stands.

Shared by the consistency and naming rules, which compare names across a
whole plan ("App Opened", "app_opened" and "appOpened" are one name).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..classification import tokenize
from ..model import Origin

STYLE_PATTERNS = {
    "Title Case": re.compile(r"[A-Z0-9][A-Za-z0-9']*(?: [A-Z0-9][A-Za-z0-9']*)*\Z"),
    "snake_case": re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z"),
    "camelCase": re.compile(r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*\Z"),
    "PascalCase": re.compile(r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*\Z"),
    "kebab-case": re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z"),
    "dot.case": re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\Z"),
    "SCREAMING_SNAKE_CASE": re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\Z"),
}
STYLE_ALIASES = {
    "title": "Title Case",
    "snake_case": "snake_case",
    "snake": "snake_case",
    "camelcase": "camelCase",
    "camel": "camelCase",
    "pascalcase": "PascalCase",
    "pascal": "PascalCase",
    "kebab-case": "kebab-case",
    "kebab": "kebab-case",
    "dot.case": "dot.case",
    "dotted": "dot.case",
    "screaming_snake_case": "SCREAMING_SNAKE_CASE",
    "screaming": "SCREAMING_SNAKE_CASE",
}


def normalized(name: str) -> str:
    """The name with case and separators ignored: the key that finds variants."""
    return "".join(tokenize(name))


@lru_cache(maxsize=65536)
def styles_of(name: str) -> frozenset[str]:
    """Every style a name fits; a lone lowercase word fits several."""
    return frozenset(style for style, pattern in STYLE_PATTERNS.items() if pattern.match(name))


def majority_style(names: Iterable[str]) -> tuple[str | None, int, int]:
    """The style most names fit, how many fit it, and how many names there are."""
    counts: Counter[str] = Counter()
    total = 0
    for name in names:
        total += 1
        counts.update(styles_of(name))
    if not counts:
        return None, 0, total
    # Ties go to the style listed first, so the answer does not depend on order.
    order = list(STYLE_PATTERNS)
    style, count = min(counts.items(), key=lambda item: (-item[1], order.index(item[0])))
    return style, count, total


def restyle(name: str, style: str) -> str:
    """The name rewritten in a style, for "rename it to" suggestions."""
    words = list(tokenize(name))
    if not words:
        return name
    if style == "Title Case":
        return " ".join(word.capitalize() for word in words)
    if style == "camelCase":
        return words[0] + "".join(word.capitalize() for word in words[1:])
    if style == "PascalCase":
        return "".join(word.capitalize() for word in words)
    if style == "kebab-case":
        return "-".join(words)
    if style == "dot.case":
        return ".".join(words)
    if style == "SCREAMING_SNAKE_CASE":
        return "_".join(words).upper()
    return "_".join(words)


def place(origin: Origin) -> str:
    """`file:line:column` of an origin, for messages that list several places."""
    span = origin.span()
    return f"{origin.document.display_path}:{span.line}:{span.column}"


def places(origins: Iterable[Origin]) -> str:
    """Several places, grouped by file: `a.yaml:3:5, 9:5; b.json:2:7`."""
    by_file: dict[str, list[str]] = {}
    for origin in origins:
        line, column = origin.document.position(origin.pointer)
        by_file.setdefault(origin.document.display_path, []).append(f"{line}:{column}")
    return "; ".join(f"{file}:{', '.join(spots)}" for file, spots in by_file.items())
