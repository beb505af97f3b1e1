"""Core rules: emitted by the engine and the readers rather than by a check."""

from __future__ import annotations

from ..findings import Severity
from ..readers import reader_rules as reader_codes
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
    reader_codes.UNKNOWN_FORMAT,
    "unknown-format",
    "A file named for linting is not a tracking plan in any format trackinglint reads.",
    Severity.ERROR,
    "core",
)
IGLU_PATH_MISMATCH = Rule(
    reader_codes.IGLU_PATH_MISMATCH,
    "iglu-path-mismatch",
    "An Iglu schema's `self` block (vendor, name, format, version) disagrees with its path.",
    Severity.ERROR,
    "core",
)
SCHEMAVER_GAP = Rule(
    reader_codes.SCHEMAVER_GAP,
    "schemaver-gap",
    "The versions of an Iglu schema do not start at 1-0-0 or skip a SchemaVer step.",
    Severity.WARNING,
    "core",
)
UNRESOLVED_REFERENCE = Rule(
    reader_codes.UNRESOLVED_REFERENCE,
    "unresolved-reference",
    "A reference in a vendor plan (RudderStack `$ref`, `#event:`…) names nothing in its files.",
    Severity.ERROR,
    "core",
)
MALFORMED_ENTRY = Rule(
    reader_codes.MALFORMED_ENTRY,
    "malformed-entry",
    "An entry of a vendor plan (Segment, RudderStack, Iglu, Avo, Amplitude, Mixpanel, CSV) or "
    "a plan read through `plan-mapping` lacks a field or holds a value its format does not "
    "allow.",
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
    IGLU_PATH_MISMATCH,
    SCHEMAVER_GAP,
    UNRESOLVED_REFERENCE,
    MALFORMED_ENTRY,
    BASELINE_STALE,
)
