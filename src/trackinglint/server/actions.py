"""Quick fix: silence one finding with an inline `# trackinglint: ignore[CODE]`.

The comment goes at the end of the finding's line, or into the trackinglint
comment already there. Every candidate edit is checked with the engine's own
suppression parser before it is offered, so the fix never writes a comment
the linter would not honour; when the end of the line cannot take one (a
comment-only line, an open quote) the comment goes on its own line above.
JSON has no comments, so JSON documents get no such fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from lsprotocol import types

from ..fixes.model import Fix
from ..sources import Document, LineIndex
from ..suppressions import Suppression, find_suppressions
from .buffers import line_starts
from .positions import Units, to_position

YAML_SUFFIXES = (".yaml", ".yml")


def suppression_action(
    uri: str,
    text: str,
    diagnostic: types.Diagnostic,
    aliases: Mapping[str, str],
    units: Units,
) -> types.CodeAction | None:
    """A quick fix adding a suppression of the diagnostic's rule on its line."""
    code = diagnostic.code
    if not isinstance(code, str) or not code:
        return None
    line = diagnostic.range.start.line + 1
    edit = suppression_edit(text, line, code, aliases, units)
    if edit is None:
        return None
    name = diagnostic.data.get("name") if isinstance(diagnostic.data, dict) else None
    label = f"{code} ({name})" if name else code
    return types.CodeAction(
        title=f"Ignore {label} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def suppression_edit(
    text: str, line: int, code: str, aliases: Mapping[str, str], units: Units
) -> types.TextEdit | None:
    """The edit that suppresses `code` on 1-based `line`, or None if none works."""
    lines = LineIndex(text)
    if not 1 <= line <= lines.line_count:
        return None
    current = _suppressions(text, aliases)
    if any(s.target_line == line and (s.codes is None or code in s.codes) for s in current):
        return None  # already suppressed (the finding is stale)
    line_text = lines.line_text(line)
    start = line_starts(text)[line - 1]
    for candidate in (_merge, _append, _above):
        found = candidate(line_text, line, code, current)
        if found is None:
            continue
        column, end_column, insert, target = found
        changed = _apply(text, start, column, end_column, insert)
        if _honoured(changed, target, code, aliases):
            return types.TextEdit(
                range=types.Range(
                    start=types.Position(line - 1, units(line_text[: column - 1])),
                    end=types.Position(line - 1, units(line_text[: end_column - 1])),
                ),
                new_text=insert,
            )
    return None


Candidate = tuple[int, int, str, int]  # column, end column (1-based), text, suppressed line


def _merge(line_text: str, line: int, code: str, current: list[Suppression]) -> Candidate | None:
    """Add the code to a same-line `ignore[...]` comment."""
    for entry in current:
        if entry.span.line == line and entry.target_line == line and entry.codes is not None:
            bracket = entry.span.end_column - 1  # column of the closing ']'
            inner = line_text[: bracket - 1].rsplit("[", 1)[-1]
            insert = f", {code}" if inner.strip() else code
            return bracket, bracket, insert, line
    return None


def _append(line_text: str, line: int, code: str, current: list[Suppression]) -> Candidate | None:
    """A new comment at the end of a line that holds something besides a comment."""
    content = line_text.rstrip()
    if not content.strip() or content.lstrip().startswith("#"):
        return None
    if any(entry.span.line == line for entry in current):
        return None  # one trackinglint comment per line
    return len(content) + 1, len(line_text) + 1, f"  # trackinglint: ignore[{code}]", line


def _above(line_text: str, line: int, code: str, current: list[Suppression]) -> Candidate:
    """A comment line of its own just above, which covers the line below it."""
    indent = line_text[: len(line_text) - len(line_text.lstrip())]
    return 1, 1, f"{indent}# trackinglint: ignore[{code}]\n", line + 1


def _apply(text: str, start: int, column: int, end: int, insert: str) -> str:
    """`text` with `insert` replacing columns [column, end) of the line starting at `start`."""
    return text[: start + column - 1] + insert + text[start + end - 1 :]


def _suppressions(text: str, aliases: Mapping[str, str]) -> list[Suppression]:
    """The engine's reading of the comments in `text` (positions only: no locator)."""
    document = Document(Path("buffer.yaml"), "buffer.yaml", text, None, None)  # type: ignore[arg-type]
    return find_suppressions(document, aliases)


def _honoured(text: str, line: int, code: str, aliases: Mapping[str, str]) -> bool:
    """Whether the engine's parser reads the edited text as suppressing `code` on `line`."""
    return any(
        s.target_line == line and s.codes is not None and code in s.codes
        for s in _suppressions(text, aliases)
    )


def fix_action(
    uri: str,
    document: Document,
    diagnostic: types.Diagnostic,
    fix: Fix,
    units: Units,
) -> types.CodeAction | None:
    """The finding's safe autofix as a code action: the same edit `check --fix` makes
    (trackinglint.fixes.apply), sent as one text edit over the lines it changes."""
    from ..fixes.apply import apply_pass

    done = apply_pass(document.text, document.path.suffix, [fix])
    if not done.applied or done.text == document.text:
        return None
    old, new = document.text, done.text
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    lines = document.lines
    return types.CodeAction(
        title=fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=types.WorkspaceEdit(
            changes={
                uri: [
                    types.TextEdit(
                        range=types.Range(
                            start=to_position(lines, *lines.position(start), units),
                            end=to_position(lines, *lines.position(end_old), units),
                        ),
                        new_text=new[start:end_new],
                    )
                ]
            }
        ),
    )
