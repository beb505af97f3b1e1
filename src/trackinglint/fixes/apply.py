"""Perform fixes on a document's text: one implementation for `--fix`, `--diff`
and the language server's code actions.

A pass applies every text edit that does not overlap an earlier one; when a
file has none left, its structural edits (moving list items) run through
ruamel.yaml's round-trip mode (YAML) or the json module (JSON). Structural
edits happen only when the round trip reproduces the untouched file exactly
and keeps every comment, so a fix never reformats a file; otherwise the file
is left alone with the reason. Callers repeat passes until nothing changes.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import value_at
from .model import Fix, InsertKey, MoveItem, ReplaceText

YAML_SUFFIXES = (".yaml", ".yml")
_COMMENT = re.compile(r"(?:^|\s)(#.*)$", re.MULTILINE)


@dataclass(slots=True)
class Pass:
    """One pass over one file: the new text, the fixes it applied, and why not others."""

    text: str
    applied: list[Fix] = field(default_factory=list)
    refused: str | None = None  # why structural fixes could not be applied, if so


def apply_pass(text: str, suffix: str, fixes: Iterable[Fix]) -> Pass:
    """Apply what can go together in one pass (see the module docstring)."""
    unique = list(dict.fromkeys(fixes))
    textual = [fix for fix in unique if all(isinstance(e, ReplaceText) for e in fix.edits)]
    if textual:
        return _apply_text(text, textual)
    moves = [
        fix
        for fix in unique
        if fix.edits and all(isinstance(e, (MoveItem, InsertKey)) for e in fix.edits)
    ]
    if not moves:
        return Pass(text)
    if suffix.lower() in YAML_SUFFIXES:
        return _apply_yaml(text, moves)
    if suffix.lower() == ".json":
        return _apply_json(text, moves)
    return Pass(text, refused=f"cannot move items in a {suffix} file")


def _apply_text(text: str, fixes: list[Fix]) -> Pass:
    chosen: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for fix in sorted(fixes, key=lambda f: min(e.start for e in f.edits)):  # type: ignore[union-attr]
        spans = [(e.start, e.end) for e in fix.edits]  # type: ignore[union-attr]
        if any(_overlap(span, other) for span in spans for other in taken):
            continue  # the next pass, on the new text, takes it
        chosen.append(fix)
        taken.extend(spans)
    edits = sorted(
        (e for fix in chosen for e in fix.edits),
        key=lambda e: e.start,  # type: ignore[union-attr]
        reverse=True,
    )
    for edit in edits:
        assert isinstance(edit, ReplaceText)
        text = text[: edit.start] + edit.text + text[edit.end :]
    return Pass(text, chosen)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Edits touching the same text; two insertions at one point also clash."""
    if a[0] < b[1] and b[0] < a[1]:
        return True
    return a == b or a[0] == a[1] == b[0] or b[0] == b[1] == a[0]


def _one_move_per_list(fixes: list[Fix]) -> list[Fix]:
    """Moves in one list shift each other's indexes: one per list per pass."""
    seen: set[tuple[Any, ...]] = set()
    chosen = []
    for fix in fixes:
        pointers = {tuple(e.pointer) for e in fix.edits if isinstance(e, MoveItem)}
        if pointers & seen:
            continue
        seen |= pointers
        chosen.append(fix)
    return chosen


def _structural(container: Any, edit: MoveItem | InsertKey) -> bool:
    if isinstance(edit, InsertKey):
        return _insert(container, edit)
    return _move(container, edit)


def _insert(container: Any, edit: InsertKey) -> bool:
    node = value_at(container, edit.pointer)
    if not isinstance(node, dict) or edit.key in node:
        return False
    keys = list(node)
    position = keys.index(edit.after) + 1 if edit.after in keys else 0
    insert = getattr(node, "insert", None)
    if insert is not None:  # ruamel's CommentedMap keeps the place and the comments
        insert(position, edit.key, edit.value)
        _keep_blank_lines_below(node, keys[position - 1] if position else None, edit.key)
        return True
    items = list(node.items())
    items.insert(position, (edit.key, edit.value))
    node.clear()
    node.update(items)
    return True


def _keep_blank_lines_below(node: Any, before: Any, inserted: str) -> None:
    """ruamel hangs the blank lines after an entry on its last key: when a key is
    inserted after that one, the blank lines move down below the new key."""
    comments = getattr(getattr(node, "ca", None), "items", None)
    if before is None or not comments or before not in comments:
        return
    entry = comments[before]
    token = entry[2] if len(entry) > 2 else None
    value = str(getattr(token, "value", ""))
    if token is None or "\n" not in value:
        return
    if not value.lstrip(" \t").startswith("#"):  # no comment on the line: all of it is below
        comments[inserted] = comments.pop(before)
        return
    end = value.index("\n") + 1
    head, tail = value[:end], value[end:]
    if tail:  # the line's own comment stays; blank lines and comments below move down
        import copy

        moved = copy.copy(token)
        token.value, moved.value = head, "\n" + tail  # the new line's own end, then the rest
        comments[inserted] = [None, None, moved, None]


def _move(container: Any, edit: MoveItem) -> bool:
    node = value_at(container, edit.pointer)
    if not isinstance(node, list) or not (0 <= edit.index < len(node) and 0 <= edit.to < len(node)):
        return False
    comments = getattr(node, "ca", None)
    comment = comments.items.pop(edit.index, None) if comments is not None else None
    item = node.pop(edit.index)
    node.insert(edit.to, item)
    if comment is not None:
        comments.items[edit.to] = comment  # type: ignore[union-attr]
    return True


def _apply_yaml(text: str, fixes: list[Fix]) -> Pass:
    yaml = _faithful_yaml(text)
    if yaml is None:
        return Pass(text, refused="ruamel.yaml cannot rewrite this file without reformatting it")
    data = yaml.load(text)
    chosen = [f for f in _one_move_per_list(fixes) if all(_structural(data, e) for e in f.edits)]  # type: ignore[arg-type]
    out = io.StringIO()
    yaml.dump(data, out)
    changed = out.getvalue()
    if _comments(changed) != _comments(text):
        return Pass(text, refused="moving the items would lose a comment")
    return Pass(changed, chosen)


def _apply_json(text: str, fixes: list[Fix]) -> Pass:
    data = json.loads(text)
    dump = _faithful_json(text, data)
    if dump is None:
        return Pass(text, refused="the JSON file's layout cannot be kept while moving items")
    chosen = [f for f in _one_move_per_list(fixes) if all(_structural(data, e) for e in f.edits)]  # type: ignore[arg-type]
    return Pass(dump(data), chosen)


def _faithful_json(text: str, data: Any) -> Any:
    """A dumper reproducing `text` exactly from `data`, or None."""
    tail = text[len(text.rstrip()) :]
    for indent in (2, 4, 1, 3, "\t", None):

        def dump(value: Any, indent: Any = indent) -> str:
            return json.dumps(value, indent=indent, ensure_ascii=False) + tail

        if dump(data) == text:
            return dump
    return None


def _faithful_yaml(text: str) -> Any:
    """A ruamel.yaml round-trip instance whose dump reproduces `text` exactly, or None."""
    from ruamel.yaml import YAML

    for mapping, sequence, offset in _indent_candidates(text):
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 1 << 16
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        yaml.explicit_start = text.lstrip().startswith("---")
        out = io.StringIO()
        try:
            yaml.dump(yaml.load(text), out)
        except Exception:  # ruamel cannot read what our loader read: leave the file alone
            return None
        if out.getvalue() == text:
            return yaml
    return None


def _indent_candidates(text: str) -> list[tuple[int, int, int]]:
    """Indentation settings to try, the file's own first."""
    mapping, offset = 2, 0
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    for above, below in itertools.pairwise(lines):
        if not above.rstrip().endswith(":"):
            continue
        step = _indent(below) - _indent(above)
        if step <= 0:
            continue
        if below.lstrip().startswith("- "):
            offset = step
        else:
            mapping = step
    found = (mapping, offset + 2, offset)
    others = [(2, 2, 0), (2, 4, 2), (4, 4, 2), (4, 6, 4), (4, 4, 0)]
    return [found, *(c for c in others if c != found)]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _comments(text: str) -> list[str]:
    return sorted(match.strip() for match in _COMMENT.findall(text))
