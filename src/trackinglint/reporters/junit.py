"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One test suite per file; one test case per finding, and one passing case for
a file with no findings, so a clean plan shows up as passed rather than as
missing. Errors and warnings fail their case; an info is advice, not a failure:
its case passes and carries the finding in `system-out`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from ..findings import Finding, Severity

if TYPE_CHECKING:
    from ..engine import LintResult

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def report_junit(result: LintResult, stream: TextIO, *, color: bool) -> None:
    by_file: dict[str, list[Finding]] = {file: [] for file in result.files}
    for finding in result.findings:
        by_file.setdefault(finding.file, []).append(finding)
    root = ET.Element(
        "testsuites",
        name="trackinglint",
        tests=str(sum(max(len(found), 1) for found in by_file.values())),
        failures=str(sum(1 for finding in result.findings if _fails(finding))),
        errors="0",
    )
    for file, findings in by_file.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_text(file),
            tests=str(max(len(findings), 1)),
            failures=str(sum(1 for finding in findings if _fails(finding))),
            errors="0",
            skipped="0",
        )
        if not findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=_text(file))
        for finding in findings:
            _case(suite, finding)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


def _case(suite: ET.Element, finding: Finding) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        name=_text(f"{finding.code} {finding.name} at {finding.line}:{finding.column}"),
        classname=_text(finding.file),
        file=_text(finding.file),
        line=str(finding.line),
    )
    details = f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
    if finding.path:
        details += f"\nat {finding.path}"
    details += "".join(
        f"\nalso at {place.where()} {place.note}".rstrip() for place in finding.related
    )
    if not _fails(finding):
        ET.SubElement(case, "system-out").text = _text(details)
        return
    failure = ET.SubElement(
        case, "failure", message=_text(finding.message), type=finding.severity.value
    )
    failure.text = _text(details)


def _fails(finding: Finding) -> bool:
    return finding.severity is not Severity.INFO


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)
