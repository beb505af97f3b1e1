"""GitHub Actions workflow commands: each finding becomes an annotation on its line.

    ::error file=plan.yaml,line=47,col=5,endLine=47,endColumn=11,title=TL104 …::message

The runner splits a command at the first `::` after the name, splits the
properties at `,` and each at its first `=`; so properties escape `%`, CR,
LF, `:` and `,`, and the message escapes `%`, CR and LF. The runner drops
columns when a range spans lines, so those get lines only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from ..findings import Finding, Severity
from .summary import summary_line

if TYPE_CHECKING:
    from ..engine import LintResult

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def report_github(result: LintResult, stream: TextIO, *, color: bool) -> None:
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_file.setdefault(finding.file, []).append(finding)
    for file, findings in by_file.items():
        stream.write(f"::group::{escape_data(file)}\n")
        for finding in findings:
            stream.write(workflow_command(finding) + "\n")
        stream.write("::endgroup::\n")
    stream.write(summary_line(result) + "\n")


def workflow_command(finding: Finding) -> str:
    """One finding as an `::error`, `::warning` or `::notice` command."""
    properties: list[tuple[str, object]] = []
    if finding.in_file:
        properties += [("file", finding.file), ("line", finding.line)]
        if finding.end_line == finding.line:
            properties += [
                ("col", finding.column),
                ("endLine", finding.end_line),
                ("endColumn", finding.end_column),
            ]
        else:
            properties.append(("endLine", finding.end_line))
    properties.append(("title", f"{finding.code} {finding.name}"))
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    places = finding.places_text()
    message = f"{finding.message}\nAlso: {places}" if places else finding.message
    return f"::{COMMAND[finding.severity]} {rendered}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
