"""Inline suppressions in YAML comments.

    amount: {type: number}   # trackinglint: ignore[TL211]     (this line)
    # trackinglint: ignore[TL104, TL105]                        (the next line)
    # trackinglint: ignore-file[TL101]                          (the whole file)
    # trackinglint: disable[TL206]                              (every line down to
    ...                                                          the matching
    # trackinglint: enable[TL206]                                `enable`, or the end)

A suppression on the key line of an entry whose value is a nested block (an
event, a metric, a property) covers that entry's nested lines too; a
top-level section key (`events:`) covers only its own line. Without a bracket
a comment suppresses every rule. JSON has no comments: use
`per-file-ignores` there. In source files (the drift findings, TL3xx) the comment
is the language's own: `# trackinglint: ignore[TL301]` or `// trackinglint: ignore[TL301]`.

Every suppression records what it silenced, so the engine can report the
unused ones (TL003) with a fix that removes exactly the unused part.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .code.languages import LANGUAGES
from .fixes.model import Fix, ReplaceText
from .sources import Document, LineIndex, Span

_COMMENT = re.compile(
    r"#[ \t]*trackinglint:[ \t]*(?P<kind>ignore-file|ignore|disable|enable)\b"
    r"(?:\[(?P<codes>[^\]\n]*)\])?"
)
# Source files (no plan data; TL3xx findings at analytics calls): `//` comments too
_CODE_COMMENT = re.compile(_COMMENT.pattern.replace("#", "(?:#|//)", 1))

_QUOTED = re.compile(r""""(?:[^"\\]|\\.)*"|(?:^|(?<=[\s\[{,:]))'(?:[^']|'')*'""")
_OPEN_QUOTE = re.compile(r"""(?:^|[\s\[{,:])["']""")
_BLOCK_KEY = re.compile(r"""^(?P<indent>[ ]*)(?:-[ ]+)?[^\s#][^#]*:[ \t]*(?:#.*)?$""")


@dataclass(slots=True)
class Suppression:
    span: Span  # the comment (the `disable` comment of a block)
    target_line: int | None  # first line covered; None for file-level suppressions
    codes: tuple[str, ...] | None  # None suppresses every rule
    used: set[str] = field(default_factory=set)
    used_any: bool = False
    last_line: int | None = None  # last line covered (same as target_line for one line)
    kind: str = "ignore"  # ignore | ignore-file | disable | enable (an unmatched enable)
    closing: Span | None = None  # a block's `enable` comment

    def __post_init__(self) -> None:
        if self.last_line is None:
            self.last_line = self.target_line

    def covers(self, code: str, line: int) -> bool:
        if self.kind == "enable":
            return False
        if self.target_line is not None and not (
            self.target_line <= line <= (self.last_line or self.target_line)
        ):
            return False
        if self.codes is None:
            self.used_any = True
            return True
        if code in self.codes:
            self.used.add(code)
            return True
        return False

    def unused_codes(self) -> list[str]:
        if self.kind == "enable":
            return ["*"]
        if self.codes is None:
            return [] if self.used_any else ["*"]
        return [code for code in self.codes if code not in self.used]


def find_suppressions(document: Document, aliases: Mapping[str, str]) -> list[Suppression]:
    """Every suppression comment in a document; rule names are mapped to codes."""
    if document.path.suffix.lower() == ".json" or "trackinglint:" not in document.text:
        return []
    found: list[Suppression] = []
    open_blocks: list[Suppression] = []
    lines = document.lines
    code = document.data is None and document.path.suffix.lower() in LANGUAGES
    for match in (_CODE_COMMENT if code else _COMMENT).finditer(document.text):
        start = match.start()
        line, column = lines.position(start)
        before = lines.line_text(line)[: column - 1]
        if code and before.strip():  # after code on the line: that line
            if before[-1].isspace():
                found.append(_one_line(match, line, column, aliases))
            continue
        if before.strip().startswith("#") or not _is_comment_start(before):
            continue  # inside another comment or inside a quoted value
        span = Span(line, column, line, column + len(match.group(0)))
        codes = _codes(match.group("codes"), aliases)
        kind = match.group("kind")
        if kind == "ignore-file":
            found.append(Suppression(span, None, codes, kind=kind))
        elif kind == "disable":
            block = Suppression(span, line + 1, codes, last_line=lines.line_count, kind=kind)
            open_blocks.append(block)
            found.append(block)
        elif kind == "enable":
            opened = _matching_block(open_blocks, codes)
            if opened is None:
                found.append(Suppression(span, line, codes, kind="enable"))
            else:
                opened.last_line = line - 1
                opened.closing = span
        else:
            target = line + 1 if not before.strip() else line
            found.append(
                Suppression(span, target, codes, last_line=_entry_end(lines, target), kind=kind)
            )
    return found


def _one_line(
    match: re.Match[str], line: int, column: int, aliases: Mapping[str, str]
) -> Suppression:
    span = Span(line, column, line, column + len(match.group(0)))
    return Suppression(span, line, _codes(match.group("codes"), aliases), kind="ignore")


def _codes(text: str | None, aliases: Mapping[str, str]) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(aliases.get(c.strip(), c.strip()) for c in text.split(",") if c.strip())


def _matching_block(
    open_blocks: list[Suppression], codes: tuple[str, ...] | None
) -> Suppression | None:
    """The latest open `disable` with the same codes (in any order) that this `enable` closes."""
    wanted = None if codes is None else frozenset(codes)
    for block in reversed(open_blocks):
        if (None if block.codes is None else frozenset(block.codes)) == wanted:
            open_blocks.remove(block)
            return block
    return None


def _entry_end(lines: LineIndex, line: int) -> int:
    """The last line of the entry whose key is on `line`: its nested lines, if any."""
    text = lines.line_text(line)
    if not text.startswith(" ") or _BLOCK_KEY.match(text) is None:
        return line  # a top-level section (`events:`) is not one entry
    body = text.lstrip(" ")
    item = body.startswith("- ")
    key_column = (
        len(text) - len(body.removeprefix("-").lstrip(" ")) if item else len(text) - len(body)
    )
    last = line
    for below in range(line + 1, lines.line_count + 1):
        nested = lines.line_text(below)
        stripped = nested.lstrip(" ")
        if not stripped.strip() or stripped.startswith("#"):
            continue
        indent = len(nested) - len(stripped)
        if indent > key_column or (indent == key_column and stripped.startswith("- ") and not item):
            last = below
            continue
        break
    return last


def _is_comment_start(before: str) -> bool:
    """A YAML comment starts a line or follows white space outside quotes."""
    if before and not before[-1].isspace():
        return False
    unquoted = _QUOTED.sub("", before)
    return _OPEN_QUOTE.search(unquoted) is None


def removal_fix(entry: Suppression, document: Document, code: str) -> Fix | None:
    """The fix for an unused suppression: drop the unused code, or the whole comment
    (a block's `disable` and `enable` together) when nothing in it is used."""
    whole = (
        entry.kind == "enable" or code == "*" or set(entry.unused_codes()) >= set(entry.codes or ())
    )
    if not whole:
        edit = _drop_code(document, entry.span, code)
        return Fix(f"Remove {code} from the suppression", (edit,)) if edit else None
    edits = [_drop_comment(document, entry.span)]
    if entry.closing is not None:
        edits.append(_drop_comment(document, entry.closing))
    return Fix("Remove the unused suppression comment", tuple(edits))


def _drop_comment(document: Document, span: Span) -> ReplaceText:
    """Remove a comment to the end of its line; a line holding only it goes entirely."""
    lines = document.lines
    text = lines.line_text(span.line)
    start = _offset(document, span.line, 1)
    before = text[: span.column - 1]
    if not before.strip():
        end = (
            _offset(document, span.line + 1, 1)
            if span.line < lines.line_count
            else len(document.text)
        )
        return ReplaceText(start, end, "")
    keep = len(before.rstrip())
    return ReplaceText(start + keep, start + len(text), "")


def _drop_code(document: Document, span: Span, code: str) -> ReplaceText | None:
    """Remove one code (and one comma beside it) from a comment's `[...]`."""
    start = _offset(document, span.line, span.column)
    comment = document.text[start : _offset(document, span.line, span.end_column)]
    opening = comment.find("[")
    if opening < 0:
        return None
    inner_start = start + opening + 1
    inner = comment[opening + 1 : -1]
    parts = [m for m in re.finditer(r"[^,]+", inner) if m.group(0).strip()]
    names = [m.group(0).strip() for m in parts]
    if code not in names:
        return None
    index = names.index(code)
    if index + 1 < len(parts):  # "A, B" -> "B": drop through the next code's start
        begin = parts[index].start() + (
            len(parts[index].group(0)) - len(parts[index].group(0).lstrip())
        )
        return ReplaceText(inner_start + begin, inner_start + _lead(parts[index + 1]), "")
    if index > 0:  # "A, B" -> "A": drop from the previous code's end
        previous = parts[index - 1]
        end = previous.start() + len(previous.group(0).rstrip())
        return ReplaceText(inner_start + end, inner_start + parts[index].end(), "")
    return None


def _lead(part: re.Match[str]) -> int:
    return part.start() + len(part.group(0)) - len(part.group(0).lstrip())


def _offset(document: Document, line: int, column: int) -> int:
    return document.lines.offset(line, column)
