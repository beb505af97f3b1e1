"""The default report: each finding with its source line and a caret under it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..findings import Finding
from .style import Style
from .summary import summary_line

SHOWN_WIDTH = 200  # characters of a source line shown under a finding

if TYPE_CHECKING:
    from ..engine import LintResult


def report_full(result: LintResult, stream: TextIO, *, color: bool) -> None:
    style = Style(color)
    for finding in result.findings:
        document = result.documents.get(finding.file)
        source = document.lines.line_text(finding.line) if document is not None else ""
        stream.write(_render(finding, source, style))
    stream.write(summary_line(result) + "\n")


def _render(finding: Finding, source: str, style: Style) -> str:
    head = (
        f"{style.severity(finding.severity)}{style(f'[{finding.code}]', 'bold')} "
        f"{style(finding.name, 'dim')}: {finding.message}\n"
        f"  {style('-->', 'blue')} {finding.file}:{finding.line}:{finding.column}\n"
    )
    places = finding.places_text()
    also = f"  {style('=', 'blue')} also at {places}\n" if places else ""
    if not source:
        return head + also + "\n"
    number = str(finding.line)
    gutter = " " * len(number)
    bar = style("|", "blue")
    width = (
        finding.end_column - finding.column
        if finding.end_line == finding.line
        else len(source) - finding.column + 1
    )
    source, column, width = _window(source, finding.column, width)
    padding = "".join("\t" if c == "\t" else " " for c in source[: column - 1])
    caret = style("^" * max(width, 1), "bold", _caret_color(finding))
    lines = [
        f"{gutter} {bar}",
        f"{style(number, 'blue')} {bar} {source}",
        f"{gutter} {bar} {padding}{caret}",
    ]
    if finding.path:
        lines.append(f"{gutter} {style('=', 'blue')} at {finding.path}")
    if places:
        lines.append(f"{gutter} {style('=', 'blue')} also at {places}")
    return head + "\n".join(lines) + "\n\n"


def _window(source: str, column: int, width: int) -> tuple[str, int, int]:
    """At most SHOWN_WIDTH characters of a long line, around the finding's column.

    A minified plan is one line of megabytes; printing it under every finding
    would turn a report into gigabytes.
    """
    if len(source) <= SHOWN_WIDTH:
        return source, column, width
    start = max(0, min(column - 1 - SHOWN_WIDTH // 4, len(source) - SHOWN_WIDTH))
    end = start + SHOWN_WIDTH
    shown = ("…" if start else "") + source[start:end] + ("…" if end < len(source) else "")
    offset = column - 1 - start  # where the finding starts within the slice
    room = SHOWN_WIDTH - offset
    return shown, offset + 1 + (1 if start else 0), max(1, min(width, room))


def _caret_color(finding: Finding) -> str:
    from .style import SEVERITY_COLOR

    return SEVERITY_COLOR[finding.severity]
