"""The findings readers of vendor formats report: TL005–TL008 in the core group.

Like TL001 and TL002 these have no check of their own: the readers find them
while mapping a file to the plan model, and the engine turns them into
findings with the same selection, severities and suppressions as any rule.
"""

from __future__ import annotations

from ..findings import Severity
from ..rules.api import Rule

IGLU_PATH_MISMATCH = Rule(
    "TL005",
    "iglu-path-mismatch",
    "An Iglu schema's `self` block (vendor, name, format, version) disagrees with its path.",
    Severity.ERROR,
    "core",
)
SCHEMAVER_GAP = Rule(
    "TL006",
    "schemaver-gap",
    "The versions of an Iglu schema do not start at 1-0-0 or skip a SchemaVer step.",
    Severity.WARNING,
    "core",
)
UNRESOLVED_REFERENCE = Rule(
    "TL007",
    "unresolved-reference",
    "A reference in a vendor plan (RudderStack `$ref`, `#event:`…) names nothing in its files.",
    Severity.ERROR,
    "core",
)
MALFORMED_ENTRY = Rule(
    "TL008",
    "malformed-entry",
    "An entry of a vendor plan (Segment, RudderStack, Iglu, Avo, Amplitude, Mixpanel, CSV) or "
    "a plan read through `plan-mapping` lacks a field or holds a value its format does not "
    "allow.",
    Severity.ERROR,
    "core",
)

READER_RULES = (IGLU_PATH_MISMATCH, SCHEMAVER_GAP, UNRESOLVED_REFERENCE, MALFORMED_ENTRY)
