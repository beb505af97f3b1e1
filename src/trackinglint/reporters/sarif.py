"""SARIF 2.1.0, the format GitHub code scanning and other dashboards read.

Every rule the run knew is listed with its short and full description and its
help, taken from its page in rules/; each result carries a stable `ruleId`
and a partial fingerprint that survives edits elsewhere in the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Place, Severity
from ..rule_pages import page_path, page_text, pages_folder
from .fingerprints import VERSION, fingerprints

if TYPE_CHECKING:
    from ..engine import LintResult
    from ..rules.api import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/trackinglint/trackinglint"
PAGES_URL = f"{HOME}/blob/main/rules/"
SOURCE_ROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SECTION = re.compile(r"^## (?P<heading>[^\n]+)\n(?P<body>.*?)(?=^## |\Z)", re.M | re.S)


def report_sarif(result: LintResult, stream: TextIO, *, color: bool) -> None:
    json.dump(sarif_log(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def sarif_log(result: LintResult) -> dict[str, Any]:
    """The whole SARIF log of one run, as plain data."""
    rules = [rule_descriptor(rule) for rule in result.rules.values()]
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    for finding in result.findings:
        if finding.code not in index:  # a finding from outside the registry: still listed
            index[finding.code] = len(rules)
            rules.append({"id": finding.code, "name": finding.name})
    results, notifications = [], []
    for finding, fingerprint in zip(result.findings, fingerprints(result.findings), strict=True):
        if finding.in_file:
            results.append(_result(finding, index[finding.code], fingerprint))
        else:  # a plugin that failed to load: a tool problem, not a place in a plan
            notifications.append(
                {
                    "level": LEVEL[finding.severity],
                    "message": {"text": finding.message},
                    "descriptor": {"id": finding.code, "index": index[finding.code]},
                }
            )
    invocation: dict[str, Any] = {"executionSuccessful": not result.has_internal_errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver = {
        "name": "trackinglint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": HOME,
        "rules": rules,
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A rule's reportingDescriptor: descriptions and help from its page."""
    page = page_text(rule)
    sections = {m["heading"].strip().lower(): m["body"].strip() for m in _SECTION.finditer(page)}
    full = _plain(sections.get("what it does", "")) or rule.summary
    why = _plain(sections.get("why it matters", ""))
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": f"{full}\n\n{why}" if why else full, "markdown": page},
        "defaultConfiguration": {
            "level": LEVEL[rule.severity],
            "enabled": rule.enabled_by_default,
        },
        "properties": {"tags": [rule.group]},
    }
    path, folder = page_path(rule.code), pages_folder()
    if path is not None and folder is not None:
        descriptor["helpUri"] = PAGES_URL + path.relative_to(folder).as_posix()
    return descriptor


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": _artifact(finding.file),
            "region": {
                "startLine": finding.line,
                "startColumn": finding.column,
                "endLine": finding.end_line,
                "endColumn": finding.end_column,
            },
        }
    }
    if finding.path:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.path}]
    sarif_result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {VERSION: fingerprint},
    }
    if finding.related:
        sarif_result["relatedLocations"] = [
            _related(place, number) for number, place in enumerate(finding.related, start=1)
        ]
    return sarif_result


def _related(place: Place, number: int) -> dict[str, Any]:
    related: dict[str, Any] = {
        "id": number,
        "physicalLocation": {
            "artifactLocation": _artifact(place.file),
            "region": {
                "startLine": place.line,
                "startColumn": place.column,
                "endLine": place.end_line,
                "endColumn": place.end_column,
            },
        },
    }
    if place.note:
        related["message"] = {"text": place.note}
    if place.path:
        related["logicalLocations"] = [{"fullyQualifiedName": place.path}]
    return related


def _artifact(file: str) -> dict[str, str]:
    """Relative paths stay relative to the folder the run started in (%SRCROOT%)."""
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": SOURCE_ROOT}


def _plain(markdown: str) -> str:
    """A page section as one paragraph of text: no line wrapping, no backticks."""
    return " ".join(markdown.replace("`", "").split())
