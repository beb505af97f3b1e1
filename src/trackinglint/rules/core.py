"""Core rules: emitted by the engine and the readers rather than by a check."""

from __future__ import annotations

from ..findings import Severity
from .api import Rule

INTERNAL_ERROR = Rule(
    "TL000",
    "internal-error",
    "A plugin failed to load or a rule crashed; the other rules still ran.",
    Severity.ERROR,
    "core",
)
PARSE_ERROR = Rule(
    "TL001",
    "parse-error",
    "The file cannot be read as YAML or JSON (syntax, encoding, duplicate keys, tags).",
    Severity.ERROR,
    "core",
)
SCHEMA_VIOLATION = Rule(
    "TL002",
    "schema-violation",
    "The plan does not match the native format's JSON Schema.",
    Severity.ERROR,
    "core",
)
UNUSED_SUPPRESSION = Rule(
    "TL003",
    "unused-suppression",
    "An inline `trackinglint: ignore` comment suppresses nothing.",
    Severity.WARNING,
    "core",
)
UNKNOWN_FORMAT = Rule(
    "TL004",
    "unknown-format",
    "A file named for linting is not a tracking plan in any format trackinglint reads.",
    Severity.ERROR,
    "core",
)

BASELINE_STALE = Rule(
    "TL009",
    "baseline-stale",
    "A baseline entry (`--baseline`) no longer matches the findings it recorded.",
    Severity.WARNING,
    "core",
)

CORE_RULES = (
    INTERNAL_ERROR,
    PARSE_ERROR,
    SCHEMA_VIOLATION,
    UNUSED_SUPPRESSION,
    UNKNOWN_FORMAT,
    BASELINE_STALE,
)
