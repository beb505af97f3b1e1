"""Findings: what the engine hands to reporters, in every output the same."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Origin
    from .sources import Focus, Span


class Severity(StrEnum):
    """How bad a finding is; ordered so `--fail-on` can compare."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One located problem. Lines and columns are 1-based; end_column is exclusive."""

    code: str
    name: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: str  # path inside the document, e.g. events."Deal Qualified".properties.amount
    group: str = ""

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.column, self.code, self.message)

    @property
    def in_file(self) -> bool:
        """False for a finding about the tool itself (file `<plugin NAME>`), not a plan."""
        return not (self.file.startswith("<") and self.file.endswith(">"))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule or reader found, located by origin; the engine makes it a Finding.

    `code` is left None by rules (the engine fills in the rule's own code) and
    set by readers, which report on behalf of the core rules (TL001, TL002).
    `span` overrides the origin's position when the problem is not at a node.
    """

    message: str
    origin: Origin
    focus: Focus = "key"
    code: str | None = None
    span: Span | None = None


def located(rule: Any, problem: Problem, severity: Severity, span: Span | None = None) -> Finding:
    """A problem, dressed as a Finding of `rule` (anything with code, name and group)."""
    span = span or problem.span or problem.origin.span(problem.focus)
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=problem.message,
        file=problem.origin.document.display_path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        path=problem.origin.path,
        group=rule.group,
    )
