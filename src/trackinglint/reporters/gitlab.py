"""GitLab Code Quality JSON: findings shown in the merge request widget.

GitLab compares the report of the merge request with the target branch's by
fingerprint, so the fingerprint must not change when lines move (see
fingerprints.py).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from ..findings import Finding, Severity
from .fingerprints import fingerprints

if TYPE_CHECKING:
    from ..engine import LintResult

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def report_gitlab(result: LintResult, stream: TextIO, *, color: bool) -> None:
    issues = [
        _issue(finding, fingerprint)
        for finding, fingerprint in zip(result.findings, fingerprints(result.findings), strict=True)
    ]
    json.dump(issues, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "description": f"{finding.code} {finding.message}",
        "check_name": f"{finding.code} {finding.name}",
        "fingerprint": fingerprint,
        "severity": SEVERITY[finding.severity],
        "location": {
            "path": finding.file,
            "lines": {"begin": finding.line, "end": finding.end_line},
        },
    }
