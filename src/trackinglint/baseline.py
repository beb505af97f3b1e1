"""Baselines: adopt trackinglint on an old plan without fixing everything on day one.

`--write-baseline FILE` records the current findings; `--baseline FILE` hides
them and reports only new ones. Entries are keyed by file, rule and the path
inside the document, never by line, so they survive edits above them. Each
key has a count: with two recorded findings under one key, a third one is
new. An entry that no longer matches what it recorded is reported as TL009
baseline-stale at its place in the baseline file, so the baseline shrinks as
the plan improves.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import ConfigError, settings_for
from .discovery import display_path
from .findings import Finding, Severity
from .model import Origin
from .policy import Policy
from .rules.core import BASELINE_STALE, INTERNAL_ERROR
from .sources import Document, read_source

if TYPE_CHECKING:
    from .engine import Engine, LintResult

FORMAT_KEY = "trackinglint-baseline"
FORMAT_VERSION = 1
NEVER_RECORDED = frozenset({INTERNAL_ERROR.code, BASELINE_STALE.code})

Key = tuple[str, str, str]  # file (relative to the baseline's folder), code, path


class BaselineError(ConfigError):
    """A baseline file that cannot be used; reported like a bad configuration (exit 2)."""


@dataclass(frozen=True, slots=True)
class Entry:
    file: str
    code: str
    path: str
    count: int
    message: str = ""
    index: int = 0  # position in the file's `entries`, to point at a stale one

    @property
    def key(self) -> Key:
        return (self.file, self.code, self.path)


@dataclass(slots=True)
class Baseline:
    path: Path
    entries: list[Entry]
    document: Document

    @property
    def folder(self) -> str:
        return os.path.abspath(self.path.parent)


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; a missing, unreadable or malformed one raises BaselineError."""
    if not path.is_file():
        raise BaselineError(f"baseline {path}: no such file (write one with --write-baseline)")
    loaded = read_source(path, display_path(path))
    document = loaded.document
    if loaded.parse_errors:
        message, span = loaded.parse_errors[0]
        raise BaselineError(f"baseline {path}:{span.line}:{span.column}: {message}")
    data = document.data
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION:
        raise BaselineError(
            f'baseline {path}: not a trackinglint baseline (expected {{"{FORMAT_KEY}": '
            f'{FORMAT_VERSION}, "entries": [...]}}, as --write-baseline writes)'
        )
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise BaselineError(f"baseline {path}: 'entries' must be a list")
    entries = [_entry(document, index, item) for index, item in enumerate(raw)]
    return Baseline(path, entries, document)


def _entry(document: Document, index: int, item: Any) -> Entry:
    def fail(problem: str) -> BaselineError:
        line = document.span(("entries", index)).line
        return BaselineError(f"baseline {document.path}:{line}: entries[{index}]: {problem}")

    if not isinstance(item, dict):
        raise fail("expected an object with file, code, path and count")
    for name in ("file", "code", "path"):
        if not isinstance(item.get(name), str):
            raise fail(f"'{name}' must be a string")
    count = item.get("count", 1)
    if type(count) is not int or count < 1:
        raise fail("'count' must be a positive integer")
    message = item.get("message", "")
    text = message if isinstance(message, str) else ""
    return Entry(item["file"], item["code"], item["path"], count, text, index)


def recordable(finding: Finding) -> bool:
    """Crashes and stale-entry reports are never recorded: they must stay visible."""
    return finding.in_file and finding.code not in NEVER_RECORDED


def write_baseline(result: LintResult, path: Path) -> tuple[int, int]:
    """Record the run's findings in `path`; returns (entries, findings) written."""
    folder = os.path.abspath(path.parent)
    counts: Counter[Key] = Counter()
    messages: dict[Key, str] = {}
    for finding in result.findings:
        if recordable(finding):
            key = _key(finding, folder)
            counts[key] += 1
            messages.setdefault(key, finding.message)
    entries = [
        {"file": file, "code": code, "path": pointer, "count": count, "message": messages[key]}
        for key, count in sorted(counts.items())
        for file, code, pointer in [key]
    ]
    data = {FORMAT_KEY: FORMAT_VERSION, "entries": entries}
    text = json.dumps(data, indent=2, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a lone surrogate (legal in JSON text, so in a name) is written as its JSON escape
        path.write_text(text + "\n", encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        raise BaselineError(f"baseline {path}: cannot write: {exc.strerror}") from None
    return len(entries), sum(counts.values())


def apply_baseline(result: LintResult, baseline: Baseline, engine: Engine) -> LintResult:
    """The result without the recorded findings, plus TL009 for entries that went stale."""
    folder = baseline.folder
    left: Counter[Key] = Counter()
    for entry in baseline.entries:
        left[entry.key] += entry.count
    kept = []
    for finding in result.findings:
        key = _key(finding, folder)
        if recordable(finding) and left[key] > 0:
            left[key] -= 1
            continue
        kept.append(finding)
    stale = list(_stale(baseline, left, result, engine))
    documents = dict(result.documents)
    if stale:
        documents.setdefault(baseline.document.display_path, baseline.document)
    findings = sorted(kept + stale, key=Finding.sort_key)
    return replace(result, findings=findings, documents=documents)


def _stale(
    baseline: Baseline, left: Counter[Key], result: LintResult, engine: Engine
) -> Iterator[Finding]:
    own = _policy(engine, baseline.path)
    if BASELINE_STALE.code not in own.enabled:
        return
    severity = own.severities.get(BASELINE_STALE.code, BASELINE_STALE.severity)
    linted = {_relative(file, baseline.folder): file for file in result.files}
    for entry in baseline.entries:
        file = linted.get(entry.file)
        missing = min(left[entry.key], entry.count)
        if file is None or missing == 0:
            continue  # not linted in this run, or still matched in full
        left[entry.key] -= missing
        policy = _policy(engine, Path(file))
        if entry.code not in policy.enabled or entry.code in policy.ignored_in(Path(file)):
            continue  # the rule did not run on this file, so the entry cannot be judged
        yield _stale_finding(baseline, entry, file, entry.count - missing, severity)


def _policy(engine: Engine, file: Path) -> Policy:
    """The policy the engine applies to `file` (built once per configuration file)."""
    return engine.policy(settings_for(file, engine.config_file))


def _stale_finding(
    baseline: Baseline, entry: Entry, file: str, found: int, severity: Severity
) -> Finding:
    where = f"{entry.code} at {entry.path or 'the top of the file'} in {file}"
    if found == 0:
        message = (
            f"baseline entry {where} matches no finding any more; remove it, "
            "or rewrite the baseline with --write-baseline"
        )
    else:
        message = (
            f"baseline entry {where} records {entry.count} findings but {found} remain; "
            f"lower its count to {found}, or rewrite the baseline with --write-baseline"
        )
    origin = Origin(baseline.document, ("entries", entry.index)).field("path")
    span = origin.span("value")
    return Finding(
        code=BASELINE_STALE.code,
        name=BASELINE_STALE.name,
        severity=severity,
        message=message,
        file=baseline.document.display_path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        path=origin.path,
        group=BASELINE_STALE.group,
    )


def _key(finding: Finding, folder: str) -> Key:
    return (_relative(finding.file, folder), finding.code, finding.path)


def _relative(file: str, folder: str) -> str:
    return Path(os.path.relpath(os.path.abspath(file), folder)).as_posix()
