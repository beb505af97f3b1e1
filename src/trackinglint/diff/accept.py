"""Accepting an intended breaking change in `trackinglint diff`.

A change is named by its code (or name) and its path, in a file kept in the
repository and reviewed like code, `.trackinglint-accept.toml`:

    [[accept]]
    change = "TD001"                      # or "event-removed"
    path = 'events."Legacy Signup"'       # as the diff report prints it
    reason = "retired for Account Created; dashboards moved in PR #412"

or on the command line, `--accept TD001:'events."Legacy Signup"'`. An
accepted change is reported as accepted, not as a failure, and does not count
toward the exit code; an entry that matches no change is reported so the file
does not rot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import ConfigError, close_match, read_toml
from ..findings import Finding
from .codes import DIFF_RULES, diff_rule

ACCEPT_FILE = ".trackinglint-accept.toml"


@dataclass(frozen=True, slots=True)
class Acceptance:
    code: str
    path: str
    reason: str = ""
    where: str = ""  # `FILE:N` of the entry, or `--accept`


@dataclass(slots=True)
class Accepted:
    """The findings accepted, and the entries that accepted nothing."""

    findings: list[tuple[Finding, Acceptance]] = field(default_factory=list)
    unused: list[Acceptance] = field(default_factory=list)


def parse_flag(text: str) -> Acceptance:
    """`CODE:PATH` from `--accept`."""
    code, sep, path = text.partition(":")
    if not sep or not path.strip():
        raise ConfigError(
            f"--accept {text!r}: expected CODE:PATH, e.g. TD001:'events.\"Legacy Signup\"'"
        )
    return Acceptance(_code(code.strip(), "--accept"), path.strip(), where="--accept")


def load_accept_file(path: Path) -> list[Acceptance]:
    """The entries of an accept file; a malformed one is a ConfigError naming the entry."""
    document = read_toml(path)
    unknown = sorted(set(document) - {"accept"})
    if unknown:
        raise ConfigError(f"{path}: unknown key '{unknown[0]}'; expected [[accept]] entries")
    entries = document.get("accept", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'accept' must be an array of tables ([[accept]])")
    found = []
    for number, entry in enumerate(entries, 1):
        where = f"{path}: accept entry {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: expected a table")
        extra = sorted(set(entry) - {"change", "path", "reason"})
        if extra:
            raise ConfigError(f"{where}: unknown key '{extra[0]}' (change, path, reason)")
        change, target = entry.get("change"), entry.get("path")
        if not isinstance(change, str) or not isinstance(target, str) or not target.strip():
            raise ConfigError(f"{where}: needs `change` (a code or name) and `path` (strings)")
        reason = entry.get("reason", "")
        if not isinstance(reason, str):
            raise ConfigError(f"{where}: `reason` must be a string")
        found.append(Acceptance(_code(change, where), target.strip(), reason.strip(), where))
    return found


def _code(selector: str, where: str) -> str:
    change = diff_rule(selector)
    if change is None:
        names = [*DIFF_RULES, *(rule.name for rule in DIFF_RULES.values())]
        hint = close_match(selector, names)
        known = f"did you mean '{hint}'?" if hint else f"known: {', '.join(DIFF_RULES)}"
        raise ConfigError(f"{where}: unknown change '{selector}'; {known}")
    return change.code


def find_accept_file(explicit: Path | None, start: Path) -> Path | None:
    """`--accept-file`, else `.trackinglint-accept.toml` in `start` or a folder above it."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"--accept-file: no such file: {explicit}")
        return explicit
    for folder in (start, *start.parents):
        candidate = folder / ACCEPT_FILE
        if candidate.is_file():
            return candidate
    return None


def accept(result: Any, acceptances: list[Acceptance]) -> Accepted:
    """Take the accepted changes out of `result.findings`; returns what was accepted."""
    outcome = Accepted()
    used: set[Acceptance] = set()
    kept = []
    for finding in result.findings:
        match = next(
            (a for a in acceptances if a.code == finding.code and a.path == finding.path), None
        )
        if match is None:
            kept.append(finding)
            continue
        used.add(match)
        outcome.findings.append((finding, match))
    result.findings = kept
    outcome.unused = [a for a in acceptances if a not in used]
    return outcome


def accepted_lines(accepted: Accepted) -> list[str]:
    """`file:line:col: TD001 (accepted: reason) message`, one line per change."""
    lines = []
    for finding, acceptance in accepted.findings:
        why = f": {acceptance.reason}" if acceptance.reason else ""
        lines.append(
            f"{finding.file}:{finding.line}:{finding.column}: {finding.code} "
            f"(accepted{why}) {finding.message}"
        )
    return lines


def unused_lines(accepted: Accepted) -> list[str]:
    return [
        f"trackinglint: warning: {a.where}: accepts {a.code} at {a.path}, which is not "
        "among the changes; remove it"
        for a in accepted.unused
    ]
