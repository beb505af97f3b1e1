"""The opentp pack, config and events: what `opentp validate` reports about the
project config, spec versions, event keys, taxonomy values and dictionaries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ...findings import Problem, Severity
from ...model import Origin
from ..api import RuleContext, rule
from .messages import shown
from .opentp_project import (
    SPEC_VERSIONS,
    EventFile,
    Project,
    fragments,
    project,
    render,
    taxonomy_values,
    walk_fields,
)

GROUP = "opentp"
# opentp-cli's src/rules: the checks a taxonomy field's `x-opentp.checks` may name
# (`webhook` calls a service, so it is known but not run here)
BUILTIN_CHECKS = (
    "contains", "ends-with", "max-length", "min-length", "not-empty", "pattern", "regex",
    "starts-with", "webhook",
)  # fmt: skip
_FIELD = {"type": "object", "properties": {"type": {"enum": ["string", "integer", "number",
          "boolean", "array", "object"]}, "required": {"type": "boolean"}}}  # fmt: skip
CONFIG_SCHEMA = {
    "type": "object",
    "required": ["opentp", "info", "spec"],
    "properties": {
        "info": {"type": "object", "required": ["title", "version"]},
        "spec": {
            "type": "object",
            "required": ["paths", "events"],
            "properties": {
                "paths": {
                    "type": "object",
                    "required": ["events"],
                    "properties": {"events": {"type": "object", "required": ["root"]}},
                },
                "events": {
                    "type": "object",
                    "required": ["key", "taxonomy"],
                    "properties": {
                        "key": {"type": "object"},
                        "taxonomy": {"type": "object", "additionalProperties": _FIELD},
                        "payload": {"type": "object"},
                    },
                },
            },
        },
    },
}


@cache
def _config_validator() -> Any:
    """Built when the pack runs: importing jsonschema costs every run ~60 ms otherwise."""
    from jsonschema.validators import Draft7Validator

    return Draft7Validator(CONFIG_SCHEMA)


@rule("OTP001", "opentp-config-structure", severity=Severity.ERROR, group=GROUP, enabled=False)
def config_structure(ctx: RuleContext) -> Iterator[Problem]:
    """The project config (`opentp.yaml`) lacks a section opentp needs, or holds
    one of the wrong shape; or the project has no config at all."""
    found = project(ctx.plan)
    if found is None:
        return
    if found.config is None:
        for event in found.events[:1]:
            yield ctx.problem(event.origin, "no opentp.yaml above this event: opentp needs one")
        return
    for error in _config_validator().iter_errors(found.data):
        where = found.config.child(*error.absolute_path)
        yield ctx.problem(where, f"opentp.yaml: {_said(error)}")


def _said(error: Any) -> str:
    path = "/".join(map(str, error.absolute_path)) or "the top"
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return f"{path} needs {', '.join(missing)}"
    return f"{path}: {shown(error.instance)} fails `{error.validator}`"


@rule("OTP002", "opentp-spec-version", severity=Severity.ERROR, group=GROUP, enabled=False)
def spec_version(ctx: RuleContext) -> Iterator[Problem]:
    """A file whose `opentp:` spec version opentp does not know, or that differs
    from the project config's."""
    found = project(ctx.plan)
    if found is None:
        return
    wanted = found.data.get("opentp") if found.config else None
    for document in ctx.plan.documents:
        data = document.data
        if not isinstance(data, dict) or "opentp" not in data:
            continue
        version = str(data["opentp"])
        at = Origin(document, ("opentp",))
        if version not in SPEC_VERSIONS:
            yield ctx.problem(
                at,
                f"unknown spec version {shown(version)}; opentp knows {', '.join(SPEC_VERSIONS)}",
                "value",
            )
        elif wanted is not None and str(wanted) != version:
            yield ctx.problem(
                at, f"spec version {version} differs from the project's {wanted}", "value"
            )


@rule("OTP003", "opentp-event-key", severity=Severity.ERROR, group=GROUP, enabled=False)
def event_key(ctx: RuleContext) -> Iterator[Problem]:
    """An event without a key, a key outside the config's minLength, maxLength or
    pattern, a key other than the one the key template makes from the event's
    taxonomy, or a key two events share."""
    found = project(ctx.plan)
    if found is None:
        return
    rules = found.section("spec", "events", "key")
    keygen = found.section("spec", "events", "x-opentp", "keygen")
    seen: dict[str, Origin] = {}
    for event in found.events:
        key = event.body.get("key")
        at = event.origin.child("key") if "key" in event.body else event.origin
        if not isinstance(key, str) or not key.strip():
            yield ctx.problem(at, "the event has no key; opentp requires one")
            continue
        yield from _constraints(ctx, at, "key", key, rules)
        template = keygen.get("template")
        if isinstance(template, str):
            transforms = keygen.get("transforms")
            values = taxonomy_values(found, event)
            expected = render(template, values, transforms if isinstance(transforms, dict) else {})
            if expected is not None and expected != key:
                yield ctx.problem(
                    at,
                    f"key {shown(key)} is not the one its taxonomy makes: {shown(expected)}",
                    "value",
                )
        if key in seen:
            first = seen[key]
            yield ctx.problem(
                at,
                f"key {shown(key)} is also the key of {first.document.display_path}; "
                "keys are unique",
                "value",
            )
        seen.setdefault(key, at)


def _constraints(
    ctx: RuleContext, at: Origin, name: str, value: Any, rules: dict
) -> Iterator[Problem]:
    """minLength, maxLength, pattern and enum of a config field, applied to a value."""
    text = str(value) if not isinstance(value, bool) else ("true" if value else "false")
    low, high, pattern = rules.get("minLength"), rules.get("maxLength"), rules.get("pattern")
    if isinstance(low, int) and len(text) < low:
        yield ctx.problem(at, f"{name} {shown(value)} is shorter than {low}", "value")
    if isinstance(high, int) and len(text) > high:
        yield ctx.problem(at, f"{name} {shown(value)} is longer than {high}", "value")
    if isinstance(pattern, str):
        try:
            fits = re.search(pattern, text) is not None
        except re.error:
            fits = True
        if not fits:
            yield ctx.problem(at, f"{name} {shown(value)} does not match {shown(pattern)}", "value")
    enum = rules.get("enum")
    if isinstance(enum, list) and value not in enum:
        yield ctx.problem(at, f"{name} {shown(value)} is not one of {shown(enum)}", "value")


@rule("OTP004", "opentp-taxonomy", severity=Severity.ERROR, group=GROUP, enabled=False)
def taxonomy(ctx: RuleContext) -> Iterator[Problem]:
    """A taxonomy value missing where required, of the wrong type, outside its enum
    or dictionary, breaking its constraints, or not fitting its composite template
    (whether written in the event or taken from its file path)."""
    found = project(ctx.plan)
    if found is None:
        return
    fields = found.section("spec", "events", "taxonomy")
    for event in found.events:
        values = taxonomy_values(found, event)
        unfit = _unfit_fragments(fields, values)
        for name, definition in walk_fields(fields):
            at = _where(event, name)
            value = values.get(name)
            if name in unfit:
                continue  # its composite field does not fit its template: reported there
            if value is None or value == "":
                if definition.get("required") is True:
                    yield ctx.problem(at, f"taxonomy field '{name}' is required")
                continue
            value = _typed(value, definition.get("type")) if name in event.path_values else value
            yield from _field(ctx, found, at, name, value, definition)


def _unfit_fragments(fields: dict, values: dict) -> set[str]:
    """The fragments of composite fields whose value does not fit their template."""
    unfit: set[str] = set()
    for name, definition in walk_fields(fields):
        template, value = definition.get("template"), values.get(name)
        inner = definition.get("fragments")
        fits = not (isinstance(template, str) and isinstance(value, str))
        if not fits and isinstance(inner, dict) and fragments(str(template), str(value)) is None:
            unfit |= {str(key) for key in inner}
    return unfit


def _where(event: EventFile, name: str) -> Origin:
    if name in event.taxonomy:
        return event.origin.child("taxonomy", name)
    if name in event.path_values:
        return event.origin.child("key") if "key" in event.body else event.origin
    return event.origin.child("taxonomy") if "taxonomy" in event.body else event.origin


def _typed(value: str, kind: Any) -> Any:
    """A value read from a path, as its declared type reads it."""
    if kind == "integer" and re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    if kind == "number" and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
        return float(value)
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
    "array": (list,), "object": (dict,),
}  # fmt: skip


def _field(
    ctx: RuleContext, found: Project, at: Origin, name: str, value: Any, definition: dict
) -> Iterator[Problem]:
    kind = definition.get("type")
    allowed = _TYPES.get(kind) if isinstance(kind, str) else None
    if allowed and (
        not isinstance(value, allowed) or (isinstance(value, bool) and kind != "boolean")
    ):
        yield ctx.problem(at, f"taxonomy field '{name}' is {shown(value)}, not of type {kind}")
        return
    yield from _constraints(ctx, at, f"taxonomy field '{name}'", value, definition)
    values = found.dictionary(definition.get("dict"))
    if values is not None and value not in values:
        yield ctx.problem(
            at,
            f"taxonomy field '{name}' is {shown(value)}, which dictionary "
            f"'{definition['dict']}' does not hold",
        )
    template = definition.get("template")
    if isinstance(template, str) and isinstance(value, str) and fragments(template, value) is None:
        yield ctx.problem(
            at,
            f"taxonomy field '{name}' {shown(value)} does not fit its template "
            f"{shown(template)}, so its fragments are missing",
        )
    checks = definition.get("x-opentp")
    checks = checks.get("checks") if isinstance(checks, dict) else None
    if isinstance(checks, dict):
        for check, argument in checks.items():
            message = _builtin(check, argument, value)
            if message is not None:
                yield ctx.problem(at, f"taxonomy field '{name}' {shown(value)} {message}")


def _builtin(check: str, argument: Any, value: Any) -> str | None:
    text = str(value)
    if check in ("pattern", "regex"):
        pattern = argument.get("pattern") if isinstance(argument, dict) else argument
        try:
            fits = not isinstance(pattern, str) or re.search(pattern, text) is not None
        except re.error:
            return f"cannot be checked: the pattern {shown(pattern)} does not compile"
        return None if fits else f"does not match {shown(pattern)}"
    if check == "max-length" and isinstance(argument, int) and len(text) > argument:
        return f"is longer than {argument}"
    if check == "min-length" and isinstance(argument, int) and len(text) < argument:
        return f"is shorter than {argument}"
    if check == "starts-with" and not text.startswith(str(argument)):
        return f"does not start with {shown(argument)}"
    if check == "ends-with" and not text.endswith(str(argument)):
        return f"does not end with {shown(argument)}"
    if check == "contains" and str(argument) not in text:
        return f"does not contain {shown(argument)}"
    if check == "not-empty" and argument is True and not text.strip():
        return "is empty"
    return None


@rule("OTP005", "opentp-unknown-check", severity=Severity.ERROR, group=GROUP, enabled=False)
def unknown_check(ctx: RuleContext) -> Iterator[Problem]:
    """An `x-opentp.checks` entry naming a check opentp does not have."""
    found = project(ctx.plan)
    if found is None or found.config is None:
        return
    fields = found.section("spec", "events", "taxonomy")
    base = found.config.child("spec", "events", "taxonomy")
    for name, definition in fields.items():
        if not isinstance(definition, dict):
            continue
        extension = definition.get("x-opentp")
        checks = extension.get("checks") if isinstance(extension, dict) else None
        for check in checks if isinstance(checks, dict) else ():
            if check not in BUILTIN_CHECKS:
                yield ctx.problem(
                    base.child(name, "x-opentp", "checks", check),
                    f"unknown check {shown(check)}; opentp's checks are "
                    f"{', '.join(BUILTIN_CHECKS)}",
                )


@rule("OTP006", "opentp-duplicate-dictionary-value", severity=Severity.ERROR, group=GROUP,
      enabled=False)  # fmt: skip
def duplicate_dictionary_value(ctx: RuleContext) -> Iterator[Problem]:
    """A dictionary listing one value twice."""
    found = project(ctx.plan)
    if found is None:
        return
    for name, (origin, body) in found.dictionaries.items():
        listed = body.get("values")
        values: list = listed if isinstance(listed, list) else []
        for index, value in enumerate(values):
            if value in values[:index]:
                yield ctx.problem(
                    origin.child("values", index),
                    f"dictionary '{name}' lists {shown(value)} twice",
                    "value",
                )


RULES = (
    config_structure,
    spec_version,
    event_key,
    taxonomy,
    unknown_check,
    duplicate_dictionary_value,
)
