"""`check --fix` and `check --diff`: lint, apply the safe fixes, lint again.

Fixed text stays in memory between passes (the engine lints it as it lints
unsaved editor buffers), so nothing is written until every pass is done and
the result is known to be safe: the events, properties and types the product
sends must read the same before and after, or nothing is written at all.
A file that changed on disk since it was read is left alone with a message.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .apply import apply_pass
from .files import Snapshot, write_atomically
from .model import Fix

MAX_PASSES = 20  # fixes that make room for others settle in two or three


class UnsafeFix(Exception):
    """A fix changed what the product sends; a defect in a fix, never written."""


@dataclass(slots=True)
class FixRun:
    """What fixing did: the final lint result and what changed where."""

    result: Any  # the LintResult of the fixed text
    fixed: int = 0  # findings that had a fix and are gone
    texts: dict[Path, tuple[Snapshot, str]] = field(default_factory=dict)  # new text per file
    notes: list[str] = field(default_factory=list)  # files left alone, and why
    fixable: set[tuple[str, ...]] = field(default_factory=set)  # before fixing

    def count_fixed(self, result: Any) -> int:
        """How many findings that had a fix are gone from `result`."""
        return len(self.fixable - _fixable(result.findings, with_fix=False))

    def unified_diff(self) -> str:
        """The changes as a unified diff, file by file (what `--diff` prints)."""
        parts: list[str] = []
        for path, (snapshot, text) in sorted(self.texts.items()):
            name = _display(path)
            parts.extend(
                difflib.unified_diff(
                    snapshot.text.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"a/{name}",
                    tofile=f"b/{name}",
                )
            )
        return "".join(line if line.endswith("\n") else line + "\n" for line in parts)

    def write(self) -> list[Path]:
        """Write every changed file atomically; the ones changed meanwhile are skipped."""
        written = []
        for path, (snapshot, text) in sorted(self.texts.items()):
            try:
                done = write_atomically(snapshot, text)
            except OSError as exc:
                self.notes.append(
                    f"cannot write {_display(path)}: {exc.strerror or exc}; not fixed"
                )
                continue
            if done:
                written.append(path)
            else:
                self.notes.append(f"{_display(path)} changed while it was being fixed; left alone")
        return written


def fix(
    lint: Callable[[dict[Path, str] | None], Any], originals: Mapping[Path, str] | None = None
) -> FixRun:
    """Lint (with `lint(contents)`), apply fixes, repeat until nothing is left to fix.

    `originals` are texts that are not on disk (a plan read from stdin); they
    are fixed like files but never written.
    """
    given = {path.resolve(): text for path, text in (originals or {}).items()}
    result = lint(None)
    before = _fixable(result.findings)
    sent = _what_is_sent(result)
    contents: dict[Path, str] = {}
    snapshots: dict[Path, Snapshot | None] = {}
    run = FixRun(result)
    refused: set[Path] = set()
    for _ in range(MAX_PASSES):
        progress = False
        for document, fixes in _fixes_by_document(result):
            path = document.path.resolve()
            if path not in snapshots:
                snapshots[path] = (
                    Snapshot(path, "", given[path], bom=False)
                    if path in given
                    else Snapshot.read(path)
                )
            snapshot = snapshots[path]
            if snapshot is None or document.text != contents.get(path, snapshot.text):
                if path not in refused:
                    refused.add(path)
                    run.notes.append(f"{document.display_path} is not plain UTF-8 text; not fixed")
                continue
            step = apply_pass(document.text, path.suffix, fixes)
            if step.refused and path not in refused:
                refused.add(path)
                run.notes.append(f"{document.display_path}: some fixes not applied: {step.refused}")
            if step.text != document.text:
                contents[path] = step.text
                progress = True
        if not progress:
            break
        result = lint(contents)
        if _what_is_sent(result) != sent:
            raise UnsafeFix("a fix would change the events or properties the product sends")
    run.result = result
    run.fixable = before
    run.fixed = run.count_fixed(result)
    run.texts = {
        path: (snapshot, contents[path])
        for path, snapshot in snapshots.items()
        if snapshot is not None and path in contents and contents[path] != snapshot.text
    }
    return run


def _fixes_by_document(result: Any) -> Iterable[tuple[Any, list[Fix]]]:
    grouped: dict[str, list[Fix]] = {}
    for finding in result.findings:
        if finding.fix is not None and finding.file in result.documents:
            grouped.setdefault(finding.file, []).append(finding.fix)
    for file, fixes in grouped.items():
        yield result.documents[file], fixes


def _fixable(findings: Iterable[Any], *, with_fix: bool = True) -> set[tuple[str, ...]]:
    """Findings as (file, code, path, message): lines move when text above is fixed."""
    return {
        (f.file, f.code, f.path, f.message) for f in findings if f.fix is not None or not with_fix
    }


def _what_is_sent(result: Any) -> list[Any]:
    """Every event with its properties and their types: what no fix may change."""
    sent = []
    for plan in result.plans:
        for name, event in plan.events.items():
            properties = sorted((p, repr(prop.types)) for p, prop in event.properties.items())
            sent.append((name, properties))
    return sorted(sent)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
