"""Names: how they are spelled, in which style, and where each one stands.

Shared by the consistency and naming rules, which compare names across a
whole plan ("App Opened", "app_opened" and "appOpened" are one name).

Styles are told apart so that no two patterns share a name of two words or
more: "order_completed" is snake_case only, "order.completed" dot.case only.
A name of one word fits several ("signup" is snake_case, camelCase, kebab-case,
dot.case and lower case words at once): such a name is *ambiguous*. It never
counts towards a style when the plan's convention is worked out, and it is
never reported when it fits the convention.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..classification import tokenize

# A capitalised word, which may end in an acronym ("NoID"), an acronym, a number ("#2")
_TITLE_WORD = r"(?:[A-Z][a-z0-9']*(?:[A-Z]{2,}[a-z0-9']*)?|[A-Z0-9]+|#?[0-9][a-z0-9]*|&)"
_MINOR_WORD = r"(?:a|an|and|as|at|by|for|from|in|into|of|off|on|or|per|the|to|via|with)"
STYLE_PATTERNS = {
    "Title Case": re.compile(rf"{_TITLE_WORD}(?: (?:{_TITLE_WORD}|{_MINOR_WORD}))*\Z"),
    "snake_case": re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z"),
    "camelCase": re.compile(r"[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*\Z"),
    "PascalCase": re.compile(r"[A-Z][a-z0-9]*(?:[A-Z][a-z0-9]*)*\Z"),
    "kebab-case": re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z"),
    "dot.case": re.compile(r"[a-z][a-z0-9]*\Z|[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\Z"),
    "lower case words": re.compile(r"[a-z][a-z0-9']*(?: [a-z0-9][a-z0-9']*)*\Z"),
    "SCREAMING_CASE": re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\Z"),
}
OBJECT_ACTION = "Object Action"  # Title Case refined: "Order Completed", "Invite Sent"
STYLE_ALIASES = {
    "title": "Title Case",
    "title case": "Title Case",
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
    "lower case words": "lower case words",
    "lower": "lower case words",
    "screaming_case": "SCREAMING_CASE",
    "screaming_snake_case": "SCREAMING_CASE",
    "screaming": "SCREAMING_CASE",
}
_IRREGULAR_PAST = {
    "begun", "bought", "built", "chosen", "done", "drawn", "driven", "found", "given", "gone",
    "held", "kept", "known", "left", "lost", "made", "met", "paid", "put", "read", "run", "said",
    "seen", "sent", "set", "shown", "sold", "spent", "taken", "told", "undone", "won", "written",
}  # fmt: skip


@lru_cache(maxsize=65536)
def normalized(name: str) -> str:
    """The name with case and separators ignored: the key that finds variants."""
    return "".join(tokenize(name))


@lru_cache(maxsize=65536)
def styles_of(name: str) -> frozenset[str]:
    """Every style a name fits; a lone lowercase word fits several, most names one."""
    return frozenset(style for style, pattern in STYLE_PATTERNS.items() if pattern.match(name))


@lru_cache(maxsize=65536)
def is_object_action(name: str) -> bool:
    """Title Case "Object Action" in the past tense: 'Order Completed', 'Signed Up'."""
    words = name.split(" ")
    if len(words) < 2 or "Title Case" not in styles_of(name):
        return False
    lowered = [w.lower() for w in words]
    return any(w.endswith("ed") or w in _IRREGULAR_PAST for w in lowered)


@dataclass(frozen=True, slots=True)
class Convention:
    """What a plan's names say about its naming style.

    `style` is None when no style has a clear majority. `decided` counts the
    names whose style is clear (fitting exactly one style, or none at all);
    `fitting` how many of those fit `best`, the most common style.
    """

    style: str | None
    best: str | None
    fitting: int
    decided: int
    total: int
    majority: float
    object_action: bool = False  # Title Case names mostly "Object Action"

    @property
    def share(self) -> float:
        return self.fitting / self.decided if self.decided else 0.0

    def describe(self, what: str) -> str:
        """One line for `--statistics` and messages."""
        if self.style is not None:
            label = f"{self.style} ({OBJECT_ACTION})" if self.object_action else self.style
            return (
                f"{what} names: {label}, {self.fitting} of the {self.decided} names whose "
                f"style is clear ({self.share:.0%})"
            )
        if self.best is None:
            return f"{what} names: no convention found (no name's style is clear)"
        if self.decided < MIN_DECIDED:
            return (
                f"{what} names: no convention found; only {self.decided} of the {self.total} "
                f"names have a clear style, and a convention needs at least {MIN_DECIDED}"
            )
        return (
            f"{what} names: no convention found; the most common style, {self.best}, fits "
            f"{self.fitting} of the {self.decided} names whose style is clear ({self.share:.0%}), "
            f"and a convention needs more than {self.majority:.0%}"
        )


MIN_DECIDED = 3  # fewer names than this whose style is clear say nothing about a plan


def convention_of(names: Iterable[str], majority: float = 0.5) -> Convention:
    """The plan's convention: the style of more than `majority` of the names whose
    style is clear. Ambiguous names (one lowercase word fits five styles) count
    for none; names fitting no style count against every style."""
    counts: Counter[str] = Counter()
    decided = total = 0
    for name in set(names):
        total += 1
        styles = styles_of(name)
        if len(styles) <= 1:
            decided += 1
            for style in styles:  # the one style it fits
                counts[style] += 1
    if not counts:
        return Convention(None, None, 0, decided, total, majority)
    order = list(STYLE_PATTERNS)  # ties go to the style listed first, whatever the order
    best, fitting = min(counts.items(), key=lambda item: (-item[1], order.index(item[0])))
    clear = decided >= MIN_DECIDED and fitting / decided > majority
    object_action = clear and best == "Title Case" and _mostly_object_action(names)
    return Convention(
        best if clear else None, best, fitting, decided, total, majority, object_action
    )


def _mostly_object_action(names: Iterable[str]) -> bool:
    titled = [name for name in set(names) if " " in name and "Title Case" in styles_of(name)]
    return bool(titled) and sum(map(is_object_action, titled)) * 2 > len(titled)


def restyle(name: str, style: str) -> str:
    """The name rewritten in a style, for "rename it to" suggestions ("" if it has no words)."""
    words = list(tokenize(name))
    if not words:
        return ""
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
    if style == "lower case words":
        return " ".join(words)
    if style == "SCREAMING_CASE":
        return "_".join(words).upper()
    return "_".join(words)
