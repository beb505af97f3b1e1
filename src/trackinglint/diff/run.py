"""Read both versions of a plan through the engine, compare them, and report.

The result is a LintResult of findings, so every reporter, `--output` and the
exit code work as they do for `check`. A new version that cannot be read
stops the comparison (every event would look removed); an old version that
cannot be read is compared as if it had no plan, with a note saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..classification import classify
from ..config import Settings, settings_for
from ..engine import Engine, LintResult
from ..findings import Finding, Problem, Severity, located
from ..model import Plan
from ..plugins import Registry
from ..policy import Overrides
from ..rules.core import INTERNAL_ERROR, PARSE_ERROR, UNKNOWN_FORMAT
from ..sources import Document
from .codes import DIFF_RULES
from .compare import Version, compare, renamed
from .git import read_tree
from .still_sent import still_sent

READING = Overrides(select=("TL0",))  # reading a version needs the core rules only
UNREADABLE = frozenset({PARSE_ERROR.code, UNKNOWN_FORMAT.code})
Counterpart = Callable[[Document], Document | None]
CodeHook = Callable[[Settings], Any]  # the scanned code a configuration names, or None


def diff_paths(
    old: Path,
    new: Path,
    registry: Registry,
    *,
    config_file: Path | None = None,
    fail_on: str | None = None,
    code: CodeHook | None = None,
) -> LintResult:
    """`trackinglint diff OLD NEW`: two files, or two folders of one plan each."""
    engine = Engine(registry, config_file=config_file, overrides=READING)
    before, after = engine.lint([old]), engine.lint([new])
    settings = settings_for(_anchor(new), config_file)
    return _report(before, after, _by_position(old, new, after), registry, settings, fail_on, code)


def diff_git(
    revision: str,
    paths: Sequence[str],
    registry: Registry,
    *,
    config_file: Path | None = None,
    fail_on: str | None = None,
    code: CodeHook | None = None,
) -> LintResult:
    """`trackinglint diff --base REV [PATHS]`: the working tree against a git revision."""
    files = read_tree(revision, paths)
    engine = Engine(registry, config_file=config_file, overrides=READING)
    # The old files exist only in `files` (bytes, decoded by the loader like files
    # on disk), under the same paths, so they are found and configured alike.
    before = engine.lint(
        paths,
        contents=files,  # type: ignore[arg-type]
        contents_only=True,
        skip_unrecognized=True,
    )
    after = engine.lint(paths)
    settings = settings_for(_anchor(Path(paths[0]) if paths else Path.cwd()), config_file)
    by_display = {document.display_path: document for document in after.documents.values()}
    return _report(
        before, after, lambda d: by_display.get(d.display_path), registry, settings, fail_on, code
    )


def _report(
    before: LintResult,
    after: LintResult,
    counterpart: Counterpart,
    registry: Registry,
    settings: Settings,
    fail_on: str | None,
    code: CodeHook | None = None,
) -> LintResult:
    levels = settings.diff_severity
    rules = dict(DIFF_RULES)  # and below, the lint rule of any finding passed through
    result = LintResult(
        documents=dict(after.documents),
        plans=list(after.plans),
        fail_on=Severity(fail_on or settings.fail_on or "error"),
        rules=rules,
    )
    crashes = [f for f in after.findings if f.code == INTERNAL_ERROR.code]
    blocking = [f for f in after.findings if f.code in UNREADABLE]
    blocking += [f for f in before.findings if f.code == UNKNOWN_FORMAT.code]
    notes = [
        replace(
            f,
            severity=Severity.INFO,
            message=f"in the old version: {f.message}; compared as if the file had no plan",
        )
        for f in before.findings
        if f.code == PARSE_ERROR.code
    ]
    if blocking:
        findings = crashes + blocking + notes
    else:
        old, new = _merged(before), _merged(after)
        lexicon = settings.lexicon
        versions = (
            Version(old, classify(old, registry, lexicon)),
            Version(new, classify(new, registry, lexicon)),
        )
        problems = compare(*versions, counterpart)
        facts = code(settings) if code is not None else None
        if facts is not None:  # calls whose event the change removed (TD012)
            problems += still_sent(old, new, renamed(*versions), facts)
            result.documents.update(facts.documents)
        findings = crashes + notes
        for problem in problems:
            severity = _severity(problem.code or "", levels)
            if severity is not None:
                findings.append(_finding(problem, severity))
    for finding in findings:
        if finding.code not in rules:
            rules[finding.code] = registry.rules[finding.code]
        if finding.file not in result.documents and finding.file in before.documents:
            result.documents[finding.file] = before.documents[finding.file]
    result.findings = sorted(findings, key=Finding.sort_key)
    return result


def _merged(result: LintResult) -> Plan:
    plan = Plan()
    for part in result.plans:
        plan.merge(part)
    return plan


def _severity(code: str, levels: dict[str, str]) -> Severity | None:
    """The configured severity of a change; None when it is switched off."""
    level = levels.get(code)
    if level == "off":
        return None
    return Severity(level) if level else DIFF_RULES[code].severity


def _finding(problem: Problem, severity: Severity) -> Finding:
    return located(DIFF_RULES[problem.code or ""], problem, severity)


def _anchor(path: Path) -> Path:
    """A path whose configuration is the one that governs `path` (a file or a folder)."""
    return path / "_" if path.is_dir() else path


def _by_position(old: Path, new: Path, after: LintResult) -> Counterpart:
    """The new file at the same place: `old/a.yaml` -> `new/a.yaml`, or NEW for a file OLD."""
    documents = {document.path.resolve(): document for document in after.documents.values()}
    old_root, new_root = old.resolve(), new.resolve()

    def counterpart(document: Document) -> Document | None:
        path = document.path.resolve()
        if path == old_root:
            return documents.get(new_root)
        try:
            return documents.get(new_root / path.relative_to(old_root))
        except ValueError:
            return None

    return counterpart
