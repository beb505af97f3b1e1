"""The shape of a declarative rule, checked with jsonschema so a mistake in a
rule file is reported with the key that is wrong, never as a crash later."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..sources import read_source

SELECTORS = ("events", "properties", "metrics", "jobs", "dashboards")
FIELDS = {  # what each selector's elements carry; compile.py fills them
    "events": ("name", "description", "owner", "kind", "job", "tags", "properties"),
    "properties": ("name", "type", "description", "required", "pii", "event", "depth"),
    "metrics": (
        "name", "description", "event", "aggregation", "direction", "role", "decision",
        "north_star",
    ),
    "jobs": ("name", "description", "completion", "start"),
    "dashboards": ("name", "description", "metrics"),
}  # fmt: skip
CHECKS = (
    "pattern", "not-pattern", "max-length", "min-length", "one-of", "required-field",
    "forbidden-names", "forbidden-prefixes", "max-count-per-event",
)  # fmt: skip
_STRINGS = {"type": "array", "items": {"type": "string"}}
_CHECK_SCHEMAS = {
    "pattern": {"type": "string", "format": "regex"},
    "not-pattern": {"type": "string", "format": "regex"},
    "max-length": {"type": "integer", "minimum": 0},
    "min-length": {"type": "integer", "minimum": 0},
    "one-of": {"type": "array"},
    "required-field": {"type": "string"},
    "forbidden-names": _STRINGS,
    "forbidden-prefixes": _STRINGS,
    "max-count-per-event": {"type": "integer", "minimum": 0},
}
RULE_SCHEMA = {
    "type": "object",
    "required": ["code", "name", "select", "check"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]{1,8}[0-9]{1,4}$"},
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
        "summary": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "select": {"enum": list(SELECTORS)},
        "field": {"type": "string"},
        "where": {
            "type": "object",
            "properties": {"name-matches": {"type": "string", "format": "regex"}},
        },
        "check": {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": False,
            "properties": _CHECK_SCHEMAS,
        },
        "message": {"type": "string"},
        "enabled": {"type": "boolean"},
    },
}
FILE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["rules"],
    "additionalProperties": False,
    "properties": {
        "pack": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
        "description": {"type": "string"},
        "source": {"type": "string"},
        "version": {"type": "string"},
        "rules": {"type": "array", "items": RULE_SCHEMA},
    },
}


class RuleSpecError(Exception):
    """A declarative rule that cannot be used; the message names where and why."""


@dataclass(frozen=True, slots=True)
class RuleSpec:
    code: str
    name: str
    select: str
    check: str
    limit: Any
    severity: str = "warning"
    field: str = "name"
    where: dict[str, Any] = dataclasses.field(default_factory=dict)
    message: str | None = None
    summary: str | None = None
    group: str = "custom"
    enabled: bool = True
    source: str | None = None  # where a pack's limits come from


def parse_rule_specs(
    rules: Any,
    where: str,
    *,
    group: str = "custom",
    enabled: bool = True,
    trusted: bool = False,
) -> list[RuleSpec]:
    """Validate a list of rule tables; `where` names their source in errors.

    `trusted` skips the schema check for the packs shipped in the package
    (their own tests check them), so a run does not pay for importing jsonschema.
    """
    if not trusted:
        _validate(rules, where)
    specs = []
    for index, table in enumerate(rules):
        [(check, limit)] = table["check"].items()
        _check_fields(table, check, limit, f"{where}[{index}]")
        specs.append(
            RuleSpec(
                code=table["code"],
                name=table["name"],
                select=table["select"],
                check=check,
                limit=limit,
                severity=table.get("severity", "warning"),
                field=table.get("field", "name"),
                where=table.get("where", {}),
                message=table.get("message"),
                summary=table.get("summary"),
                group=group,
                enabled=table.get("enabled", enabled),
            )
        )
    return specs


def _check_fields(table: dict[str, Any], check: str, limit: Any, where: str) -> None:
    """A field the selector does not have would make the rule never (or always) fire."""
    known = FIELDS[table["select"]]
    named = [("field", table.get("field", "name"))]
    named += [(f"where.{key}", key) for key in table.get("where", {}) if key != "name-matches"]
    if check == "required-field":
        named.append(("check.required-field", limit))
    for key, field in named:
        if field not in known:
            raise RuleSpecError(
                f"{where}.{key}: {table['select']} have no field '{field}' "
                f"(they have: {', '.join(known)})"
            )


def _compiles(value: object) -> bool:
    from ..patterns import compile_pattern

    if isinstance(value, str):
        compile_pattern(value)
    return True


def _validate(rules: Any, where: str) -> None:
    from jsonschema import Draft7Validator, FormatChecker

    from ..patterns import PatternError

    checker = FormatChecker()
    checker.checks("regex", raises=PatternError)(_compiles)  # guarded, not re.compile
    validator = Draft7Validator({"type": "array", "items": RULE_SCHEMA}, format_checker=checker)
    errors = sorted(validator.iter_errors(rules), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        if isinstance(error.cause, PatternError):  # say why, not just "is not a 'regex'"
            raise RuleSpecError(f"{where}{path}: the pattern {error.cause}")
        raise RuleSpecError(f"{where}{path}: {error.message}")


def load_rule_file(
    path: Path, *, enabled: bool = True, trusted: bool = False
) -> tuple[dict[str, Any], list[RuleSpec]]:
    """Read a YAML or JSON rule file: its header (pack, source, version) and its rules."""
    loaded = read_source(path, str(path))
    if loaded.parse_errors:
        message, span = loaded.parse_errors[0]
        raise RuleSpecError(f"{path}:{span.line}:{span.column}: {message}")
    data = loaded.document.data
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleSpecError(f"{path}: expected a mapping with a `rules` list")
    unknown = set(data) - set(FILE_SCHEMA["properties"])
    if unknown:
        raise RuleSpecError(f"{path}: unknown key '{sorted(unknown)[0]}'")
    group = data.get("pack", "custom")
    specs = parse_rule_specs(
        data["rules"], f"{path}: rules", group=group, enabled=enabled, trusted=trusted
    )
    if "source" in data:
        specs = [dataclasses.replace(spec, source=data["source"]) for spec in specs]
    return {k: v for k, v in data.items() if k != "rules"}, specs


def check_rule_tables(settings: Any, values: dict[str, Any]) -> dict[str, Any]:
    """`custom-rules` and `rule-files`: rules written as data, in the configuration or
    in files beside it (a configuration table; see `config.ConfigTable`)."""
    from pathlib import Path

    from ..config import ConfigError

    specs: list[Any] = []
    try:
        if "custom-rules" in values:
            specs += parse_rule_specs(values["custom-rules"], "custom-rules")
    except RuleSpecError as exc:
        raise settings.error("custom-rules", str(exc)) from None
    try:
        names = values.get("rule-files", [])
        if not isinstance(names, list) or not all(isinstance(f, str) for f in names):
            raise settings.error("rule-files", "expected a list of paths")
        for name in names:
            path = (Path(settings.root) / name).resolve()
            if not path.is_file():
                raise settings.error("rule-files", f"no such rule file: {name}")
            specs += load_rule_file(path)[1]
    except RuleSpecError as exc:  # the message names the rule file and the key in it
        raise ConfigError(str(exc)) from None
    return {"custom_rules": tuple(specs)}
