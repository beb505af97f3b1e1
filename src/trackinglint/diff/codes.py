"""The changes `trackinglint diff` reports, each with a stable code and a default severity.

They are Rule declarations without a check (like the core rules), so every
reporter, SARIF's rule list and `trackinglint rule TD004` treat them the same
way as lint rules. They are not registered as lint rules: they compare two
versions of a plan, which `check` never sees. Their pages live in rules/diff/.
"""

from __future__ import annotations

from typing import Any

from ..findings import Severity
from ..rules.api import Rule

GROUP = "diff"


def _change(code: str, name: str, summary: str, severity: Severity = Severity.ERROR) -> Rule:
    return Rule(code, name, summary, severity, GROUP)


EVENT_REMOVED = _change("TD001", "event-removed", "An event of the old plan is gone.")
EVENT_RENAMED = _change(
    "TD002", "event-renamed", "An event was renamed (matched by its name or its properties)."
)
PROPERTY_REMOVED = _change("TD003", "property-removed", "A property of an event is gone.")
TYPE_CHANGED = _change("TD004", "property-type-changed", "A property's type changed or narrowed.")
PROPERTY_NARROWED = _change(
    "TD005",
    "property-narrowed",
    "A property accepts fewer values: an enum, bound, length, pattern or format was added "
    "or tightened.",
)
MADE_REQUIRED = _change(
    "TD006", "property-made-required", "An optional property was made required."
)
ENUM_VALUE_REMOVED = _change(
    "TD007", "enum-value-removed", "A value was removed from a property's enum."
)
NORTH_STAR_CHANGED = _change(
    "TD008",
    "north-star-changed",
    "The north star is a different metric, or counts something different.",
    Severity.WARNING,
)
NORTH_STAR_REMOVED = _change("TD009", "north-star-removed", "The plan no longer has a north star.")
TARGET_ON_SURFACE = _change(
    "TD010",
    "target-added-to-surface-metric",
    "A target was added to a surface metric (one that counts motion).",
)
JOB_START_REMOVED = _change(
    "TD011",
    "job-start-removed",
    "A job no longer names an event as its start, so its completion rate can no longer be "
    "measured from it.",
)
REMOVED_EVENT_STILL_SENT = _change(
    "TD012",
    "removed-event-still-sent",
    "The code still sends an event that the change removed from the plan (or renamed).",
)

DIFF_RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        EVENT_REMOVED,
        EVENT_RENAMED,
        PROPERTY_REMOVED,
        TYPE_CHANGED,
        PROPERTY_NARROWED,
        MADE_REQUIRED,
        ENUM_VALUE_REMOVED,
        NORTH_STAR_CHANGED,
        NORTH_STAR_REMOVED,
        TARGET_ON_SURFACE,
        JOB_START_REMOVED,
        REMOVED_EVENT_STILL_SENT,
    )
}


def diff_rule(selector: str) -> Rule | None:
    """A change kind by code (any case) or name."""
    found = DIFF_RULES.get(selector.upper())
    return found or next((r for r in DIFF_RULES.values() if r.name == selector), None)


def check_diff_severity_table(settings: Any, values: dict[str, Any]) -> dict[str, Any]:
    """`diff-severity = {TD001 = "warning"}`: severities of `trackinglint diff` changes,
    by code or name; "off" drops one (a configuration table; see `config.ConfigTable`)."""
    from ..config import FAIL_ON, close_match

    value = values["diff-severity"]
    if not isinstance(value, dict):
        raise settings.error("diff-severity", "expected a table of CODE = severity")
    result = {}
    for key, level in value.items():
        change = diff_rule(key)
        if change is None:
            hint = close_match(key, [*DIFF_RULES, *(r.name for r in DIFF_RULES.values())])
            known = f"did you mean '{hint}'?" if hint else f"known: {', '.join(DIFF_RULES)}"
            raise settings.error(f"diff-severity.{key}", f"unknown change; {known}")
        if level not in (*FAIL_ON, "off"):
            raise settings.error(
                f"diff-severity.{key}", "expected one of error, warning, info, off"
            )
        result[change.code] = level
    return {"diff_severity": result}
