"""Inline suppressions in YAML comments.

    amount: {type: number}   # trackinglint: ignore[TL211]     (this line)
    # trackinglint: ignore[TL104, TL105]                        (the next line)
    # trackinglint: ignore-file[TL101]                          (the whole file)

Without a bracket the comment suppresses every rule. JSON has no comments:
use `per-file-ignores` there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sources import Document, Span

_COMMENT = re.compile(
    r"#[ \t]*trackinglint:[ \t]*(?P<kind>ignore-file|ignore)\b(?:\[(?P<codes>[^\]\n]*)\])?"
)

_QUOTED = re.compile(r""""(?:[^"\\]|\\.)*"|(?:^|(?<=[\s\[{,:]))'(?:[^']|'')*'""")
_OPEN_QUOTE = re.compile(r"""(?:^|[\s\[{,:])["']""")


@dataclass(slots=True)
class Suppression:
    span: Span
    target_line: int | None  # None for file-level suppressions
    codes: tuple[str, ...] | None  # None suppresses every rule
    used: set[str] = field(default_factory=set)
    used_any: bool = False

    def covers(self, code: str, line: int) -> bool:
        if self.target_line is not None and line != self.target_line:
            return False
        if self.codes is None:
            self.used_any = True
            return True
        if code in self.codes:
            self.used.add(code)
            return True
        return False

    def unused_codes(self) -> list[str]:
        if self.codes is None:
            return [] if self.used_any else ["*"]
        return [code for code in self.codes if code not in self.used]


def find_suppressions(document: Document, aliases: dict[str, str]) -> list[Suppression]:
    """Every suppression comment in a document; rule names are mapped to codes."""
    if document.path.suffix.lower() == ".json" or "trackinglint:" not in document.text:
        return []
    found = []
    for match in _COMMENT.finditer(document.text):
        start = match.start()
        line, column = document.lines.position(start)
        before = document.lines.line_text(line)[: column - 1]
        if before.strip().startswith("#") or not _is_comment_start(before):
            continue  # inside another comment or inside a quoted value
        span = Span(line, column, line, column + len(match.group(0)))
        codes = match.group("codes")
        parsed = None
        if codes is not None:
            parsed = tuple(
                aliases.get(code.strip(), code.strip()) for code in codes.split(",") if code.strip()
            )
        if match.group("kind") == "ignore-file":
            target = None
        else:
            target = line + 1 if not before.strip() else line
        found.append(Suppression(span, target, parsed))
    return found


def _is_comment_start(before: str) -> bool:
    """A YAML comment starts a line or follows white space outside quotes."""
    if before and not before[-1].isspace():
        return False
    unquoted = _QUOTED.sub("", before)
    return _OPEN_QUOTE.search(unquoted) is None
