"""Findings as LSP diagnostics: same code, message and place as the CLI shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lsprotocol import types

from ..findings import Finding, Severity
from ..rules.core import UNUSED_SUPPRESSION
from ..sources import Document, Span
from .positions import Units, to_range

SOURCE = "trackinglint"
PAGES_URL = "https://github.com/trackinglint/trackinglint/blob/main/rules/"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def rule_links(rules: Mapping[str, object]) -> dict[str, str]:
    """The web page of every rule that has a page in rules/ (the built-in ones)."""
    from ..rule_pages import page_path

    links = {}
    for code in rules:
        page = page_path(code)
        if page is not None:
            links[code] = PAGES_URL + page.name
    return links


def to_diagnostic(
    finding: Finding, document: Document, units: Units, links: Mapping[str, str]
) -> types.Diagnostic:
    span = Span(finding.line, finding.column, finding.end_line, finding.end_column)
    link = links.get(finding.code)
    return types.Diagnostic(
        range=to_range(document.lines, span, units),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if finding.code == UNUSED_SUPPRESSION.code else None,
        data={"name": finding.name, "path": finding.path},
    )


def diagnostics_for(
    findings: Iterable[Finding], document: Document, units: Units, links: Mapping[str, str]
) -> list[types.Diagnostic]:
    """The diagnostics of one document, from the findings of its plan's run."""
    return [
        to_diagnostic(f, document, units, links)
        for f in findings
        if f.file == document.display_path
    ]


def config_problem(message: str) -> types.Diagnostic:
    """A broken configuration stops the run: say so where the user is looking."""
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 1)),
        message=f"configuration error, nothing was linted: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
