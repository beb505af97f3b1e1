"""The rudderstack pack, catalog entries: what rudder-cli rejects in events,
properties, custom types and categories (their names, types and config blocks)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...findings import Problem, Severity
from ...model import Origin
from ..api import RuleContext, rule
from .jsonschema_nodes import is_number
from .messages import shown
from .rudder_files import PRIMITIVES, rudder_files, type_names
from .rudder_project import GROUP

DISPLAY_NAME = re.compile(r"[A-Z_a-z][ \w,.-]{1,63}[\w,.-]\Z")  # categories, plan names
CUSTOM_TYPE_NAME = re.compile(r"[A-Z][A-Za-z0-9_-]{1,64}\Z")
LEGACY_CUSTOM_TYPE = re.compile(r"#/custom-types/[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+\Z")
V1_CUSTOM_TYPE = re.compile(r"#custom-type:[a-zA-Z0-9_-]+\Z")
FORMATS = ("date-time", "date", "time", "email", "uuid", "hostname", "ipv4", "ipv6")
NON_TRACK = ("identify", "page", "screen", "group")
_V0_KEYS = {  # legacy camelCase config keys -> rudder-cli's keyword
    "minLength": "min_length", "maxLength": "max_length", "exclusiveMinimum":
    "exclusive_minimum", "exclusiveMaximum": "exclusive_maximum", "multipleOf": "multiple_of",
    "itemTypes": "item_types", "minItems": "min_items", "maxItems": "max_items",
    "uniqueItems": "unique_items", "additionalProperties": "additional_properties",
}  # fmt: skip
_NUMBER_KEYS = ("enum", "minimum", "maximum", "exclusive_minimum", "exclusive_maximum",
                "multiple_of")  # fmt: skip
ALLOWED = {  # type -> the config keywords rudder-cli accepts for it
    "string": ("enum", "min_length", "max_length", "pattern", "format"),
    "integer": _NUMBER_KEYS,
    "number": _NUMBER_KEYS,
    "boolean": ("enum",),
    "array": ("item_types", "min_items", "max_items", "unique_items"),
    "object": (),
    "null": (),
}


@rule("RS103", "rudderstack-event-spec", severity=Severity.ERROR, group=GROUP, enabled=False)
def event_spec(ctx: RuleContext) -> Iterator[Problem]:
    """An identify, page, screen or group event with a name (only track events
    carry one), or an event description that does not start with a letter."""
    for file in rudder_files(ctx.plan):
        for origin, event in file.entries("events"):
            kind = event.get("event_type", "track")
            if kind in NON_TRACK and event.get("name") not in (None, ""):
                yield ctx.problem(
                    origin.child("name"),
                    f"{'an' if kind == 'identify' else 'a'} {kind} event carries no name in "
                    "rudder-cli; remove 'name' (only track events are sent by name)",
                )
            description = event.get("description")
            templated = isinstance(description, str) and "{{" in description  # filled in later
            if templated or not isinstance(description, str) or not description:
                continue
            if not description[0].isalpha():
                yield ctx.problem(
                    origin.child("description"),
                    f"the description {shown(description)} must start with a letter",
                    "value",
                )


@rule("RS104", "rudderstack-property-type", severity=Severity.ERROR, group=GROUP, enabled=False)
def property_type(ctx: RuleContext) -> Iterator[Problem]:
    """A property's type that rudder-cli refuses: a repeated legacy type, a v1
    `type` that is not one primitive or `#custom-type:<id>`, `type` with `types`
    (or `item_type` with `item_types`), or non-primitives or repeats in a list."""
    for file in rudder_files(ctx.plan):
        for origin, prop in file.entries("properties"):
            yield from _types(ctx, origin, prop, file.v1)


def _types(ctx: RuleContext, origin: Origin, prop: dict, v1: bool) -> Iterator[Problem]:
    for one, many in (("type", "types"), ("item_type", "item_types")):
        if one in prop and many in prop:
            yield ctx.problem(
                origin.child(many), f"'{one}' and '{many}' are mutually exclusive; keep one"
            )
        single = prop.get(one)
        if isinstance(single, str) and single:
            yield from _single(ctx, origin.child(one), one, single, v1)
        listed = prop.get(many)
        if many in prop and not isinstance(listed, list):
            yield ctx.problem(origin.child(many), f"'{many}' must be a list", "value")
        elif isinstance(listed, list):
            for index, name in enumerate(listed):
                if name not in PRIMITIVES:
                    yield ctx.problem(
                        origin.child(many, index),
                        f"'{many}' may only list primitive types ({', '.join(PRIMITIVES)}), "
                        f"not {shown(name)}",
                        "value",
                    )
                elif name in listed[:index]:
                    yield ctx.problem(
                        origin.child(many, index),
                        f"'{many}' lists '{name}' twice; each type once",
                        "value",
                    )


def _single(ctx: RuleContext, at: Origin, key: str, value: str, v1: bool) -> Iterator[Problem]:
    if v1:
        if value not in PRIMITIVES and not V1_CUSTOM_TYPE.match(value):
            yield ctx.problem(
                at,
                f"'{key}' is invalid: must be one of [{', '.join(PRIMITIVES)}] or of pattern "
                "#custom-type:<id>",
                "value",
            )
        return
    if value.startswith("#"):
        if not LEGACY_CUSTOM_TYPE.match(value):
            yield ctx.problem(
                at, f"'{key}' must be of pattern #/custom-types/<group>/<id>", "value"
            )
        return
    names = type_names(value)
    if any(name not in PRIMITIVES for name in names):
        return  # TL008 names the unknown type
    if len(set(names)) != len(names):
        yield ctx.problem(at, f"'{key}' {shown(value)} repeats a type; list each once", "value")


@rule("RS105", "rudderstack-config", severity=Severity.ERROR, group=GROUP, enabled=False)
def config(ctx: RuleContext) -> Iterator[Problem]:
    """A property's or custom type's config with a keyword rudder-cli does not know
    or that does not apply to its type, a value of the wrong type, an enum that is
    not a list or repeats a value, or any config on an object or null type."""
    for file in rudder_files(ctx.plan):
        for kind in ("properties", "custom-types"):
            for origin, entry in file.entries(kind):
                for key in ("config", "propConfig"):
                    block = entry.get(key)
                    if isinstance(block, dict) and block:
                        types = type_names(entry.get("types", entry.get("type")))
                        yield from _config(ctx, origin.child(key), block, types)


def _config(ctx: RuleContext, at: Origin, block: dict, types: list[str]) -> Iterator[Problem]:
    known = [t for t in types if t in ALLOWED]
    if known and all(not ALLOWED[t] for t in known):
        yield ctx.problem(at, f"a property of type {' or '.join(known)} takes no config; remove it")
        return
    allowed = {k for t in known for k in ALLOWED[t]}
    every = {k for keys in ALLOWED.values() for k in keys} | {"additional_properties"}
    for raw, value in block.items():
        keyword = _V0_KEYS.get(raw, raw)
        where = at.child(raw)
        if keyword not in every:
            yield ctx.problem(where, f"'{raw}' is not a config keyword rudder-cli knows")
        elif known and keyword not in allowed:
            yield ctx.problem(
                where, f"'{raw}' does not apply to a property of type {' or '.join(known)}"
            )
        else:
            message = _value_problem(keyword, raw, value)
            if message is not None:
                yield ctx.problem(where, message, "value")
            if keyword == "enum" and isinstance(value, list):
                for index, item in enumerate(value):
                    if item in value[:index]:
                        yield ctx.problem(
                            where.child(index), f"{shown(item)} is a duplicate value", "value"
                        )


def _value_problem(keyword: str, raw: str, value: Any) -> str | None:
    if keyword == "enum" and not isinstance(value, list):
        return "'enum' must be an array"
    if keyword in ("min_length", "max_length", "min_items", "max_items"):
        if not (is_number(value) and float(value).is_integer()):
            return f"'{raw}' must be an integer"
        if value < 0:
            return f"'{raw}' must be >= 0"
    numeric = ("minimum", "maximum", "exclusive_minimum", "exclusive_maximum", "multiple_of")
    if keyword in numeric and not is_number(value):
        return f"'{raw}' must be a number"
    if keyword == "pattern" and not isinstance(value, str):
        return f"'{raw}' must be a string"
    if keyword == "format" and value not in FORMATS:
        return f"'format' must be one of: {', '.join(FORMATS)}"
    if keyword == "unique_items" and not isinstance(value, bool):
        return f"'{raw}' must be true or false"
    if keyword == "item_types" and not (
        isinstance(value, list) and all(v in PRIMITIVES for v in value)
    ):
        return f"'{raw}' must list primitive types"
    return None


@rule("RS106", "rudderstack-custom-type-spec", severity=Severity.ERROR, group=GROUP, enabled=False)
def custom_type_spec(ctx: RuleContext) -> Iterator[Problem]:
    """A custom type whose name is not 2–65 characters of `[A-Za-z0-9_-]` starting
    with an uppercase letter, or with variants on a non-object type or more than one."""
    for file in rudder_files(ctx.plan):
        for origin, entry in file.entries("custom-types"):
            name = entry.get("name")
            if isinstance(name, str) and not CUSTOM_TYPE_NAME.match(name):
                yield ctx.problem(
                    origin.child("name"),
                    f"custom type name {shown(name)} must start with an uppercase letter and "
                    "hold 2 to 65 letters, digits, '_' or '-'",
                    "value",
                )
            variants = entry.get("variants")
            if variants is None:
                continue
            if entry.get("type") != "object":
                yield ctx.problem(
                    origin.child("variants"), "only custom types of type object take variants"
                )
            elif isinstance(variants, list) and len(variants) > 1:
                yield ctx.problem(
                    origin.child("variants", 1), "a custom type takes at most one variant"
                )


@rule("RS107", "rudderstack-category-name", severity=Severity.ERROR, group=GROUP, enabled=False)
def category_name(ctx: RuleContext) -> Iterator[Problem]:
    """A category name outside rudder-cli's display-name pattern: a letter or `_`,
    then 2–64 letters, digits, spaces, commas, periods or hyphens, not ending in a space."""
    for file in rudder_files(ctx.plan):
        for origin, entry in file.entries("categories"):
            name = entry.get("name")
            if isinstance(name, str) and name and not DISPLAY_NAME.match(name):
                yield ctx.problem(
                    origin.child("name"),
                    f"category name {shown(name)} must start with a letter or underscore, "
                    "followed by 2-64 letters, digits, spaces, commas, periods or hyphens, "
                    "and cannot end with a space",
                    "value",
                )


RULES = (event_spec, property_type, config, custom_type_spec, category_name)
